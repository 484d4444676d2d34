package dev.mlops.api.drift;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How to compare two samples: a method and threshold per column (defaults: KS for numeric, chi-square
 * for categorical, each method's default threshold) and the share of drifted columns that makes
 * the dataset drift.
 *
 * @param methods chosen methods by column
 * @param thresholds chosen thresholds by column
 * @param datasetDriftShare the share of drifted columns at which the dataset drifts
 */
public record DriftConfig(Map<String, DriftMethod> methods, Map<String, Double> thresholds, double datasetDriftShare) {
  /** The default share of drifted columns that makes a dataset drift: 0.5. */
  public static final double DEFAULT_DATASET_DRIFT_SHARE = 0.5;

  /**
   * Creates the value; maps are copied.
   *
   * @param methods methods by column
   * @param thresholds thresholds by column
   * @param datasetDriftShare a share in (0, 1]
   */
  public DriftConfig {
    methods = Map.copyOf(methods);
    thresholds = Map.copyOf(thresholds);
    if (!(datasetDriftShare > 0 && datasetDriftShare <= 1)) {
      throw new IllegalArgumentException("datasetDriftShare must be in (0, 1], got " + datasetDriftShare);
    }
  }

  /**
   * Returns the configuration with every default.
   *
   * @return the default configuration
   */
  public static DriftConfig ofDefaults() {
    return new DriftConfig(Map.of(), Map.of(), DEFAULT_DATASET_DRIFT_SHARE);
  }

  /**
   * Returns the method chosen for a column, if any.
   *
   * @param column the column
   * @return the method, or empty for the default
   */
  public Optional<DriftMethod> method(String column) {
    return Optional.ofNullable(methods.get(column));
  }

  /**
   * Returns the threshold chosen for a column, if any.
   *
   * @param column the column
   * @return the threshold, or empty for the method's default
   */
  public OptionalDouble threshold(String column) {
    Double value = thresholds.get(column);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /**
   * Returns a copy that uses a method and threshold for a column.
   *
   * @param column the column, valid under {@link Names}
   * @param method the method
   * @param threshold the threshold, finite
   * @return the new configuration
   */
  public DriftConfig withColumn(String column, DriftMethod method, double threshold) {
    Names.requireValid("column", column);
    requireNonNull(method, "method");
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold of '" + column + "' must be finite, got " + threshold);
    }
    Map<String, DriftMethod> newMethods = new LinkedHashMap<>(methods);
    Map<String, Double> newThresholds = new LinkedHashMap<>(thresholds);
    newMethods.put(column, method);
    newThresholds.put(column, threshold);
    return new DriftConfig(newMethods, newThresholds, datasetDriftShare);
  }

  /**
   * Returns a copy with another dataset drift share.
   *
   * @param share a share in (0, 1]
   * @return the new configuration
   */
  public DriftConfig withDatasetDriftShare(double share) {
    return new DriftConfig(methods, thresholds, share);
  }
}
