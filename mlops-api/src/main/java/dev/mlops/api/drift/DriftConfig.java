package dev.mlops.api.drift;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How to compare two samples: which columns, a method and threshold per column, and the share of
 * drifted columns that makes the dataset drift. A column without a method of its own uses
 * {@link #method()}, else {@code auto} (chosen per column, see {@code docs/drift.md}); a column
 * without a threshold of its own uses {@link #threshold()}, else its method's default.
 *
 * @param methods chosen methods by column
 * @param thresholds chosen thresholds by column
 * @param datasetDriftShare the share of drifted columns at which the dataset drifts
 * @param method the method for columns without their own; empty for {@code auto}
 * @param threshold the threshold for columns without their own; empty for each method's default
 * @param columns the columns to compare, in order; empty for every column of the reference
 */
public record DriftConfig(
    Map<String, DriftMethod> methods,
    Map<String, Double> thresholds,
    double datasetDriftShare,
    Optional<DriftMethod> method,
    OptionalDouble threshold,
    List<String> columns) {
  /** The default share of drifted columns that makes a dataset drift: 0.5. */
  public static final double DEFAULT_DATASET_DRIFT_SHARE = 0.5;

  /**
   * Creates the value; maps and lists are copied.
   *
   * @param methods methods by column
   * @param thresholds thresholds by column
   * @param datasetDriftShare a share in (0, 1]
   * @param method the default method, or empty for auto
   * @param threshold the default threshold, or empty
   * @param columns the columns to compare, or empty for all
   */
  public DriftConfig {
    methods = Map.copyOf(methods);
    thresholds = Map.copyOf(thresholds);
    requireNonNull(method, "method");
    requireNonNull(threshold, "threshold");
    columns = List.copyOf(columns);
    if (!(datasetDriftShare > 0 && datasetDriftShare <= 1)) {
      throw new IllegalArgumentException("datasetDriftShare must be in (0, 1], got " + datasetDriftShare);
    }
    if (threshold.isPresent() && !Double.isFinite(threshold.getAsDouble())) {
      throw new IllegalArgumentException("threshold must be finite, got " + threshold.getAsDouble());
    }
  }

  /**
   * Returns the configuration with every default: all columns, {@code auto}, default thresholds,
   * dataset drift at a share of 0.5.
   *
   * @return the default configuration
   */
  public static DriftConfig ofDefaults() {
    return new DriftConfig(Map.of(), Map.of(), DEFAULT_DATASET_DRIFT_SHARE, Optional.empty(),
        OptionalDouble.empty(), List.of());
  }

  /**
   * Returns the method chosen for a column, if any: its own, else the default method.
   *
   * @param column the column
   * @return the method, or empty for {@code auto}
   */
  public Optional<DriftMethod> method(String column) {
    DriftMethod own = methods.get(column);
    return own != null ? Optional.of(own) : method;
  }

  /**
   * Returns the threshold chosen for a column, if any: its own, else the default threshold.
   *
   * @param column the column
   * @return the threshold, or empty for the method's default
   */
  public OptionalDouble threshold(String column) {
    Double value = thresholds.get(column);
    return value != null ? OptionalDouble.of(value) : threshold;
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
    Names.requireValidColumn(column);
    requireNonNull(method, "method");
    requireFinite(threshold);
    Map<String, DriftMethod> newMethods = new LinkedHashMap<>(methods);
    Map<String, Double> newThresholds = new LinkedHashMap<>(thresholds);
    newMethods.put(column, method);
    newThresholds.put(column, threshold);
    return new DriftConfig(newMethods, newThresholds, datasetDriftShare, this.method, this.threshold, columns);
  }

  /**
   * Returns a copy with another dataset drift share.
   *
   * @param share a share in (0, 1]
   * @return the new configuration
   */
  public DriftConfig withDatasetDriftShare(double share) {
    return new DriftConfig(methods, thresholds, share, method, threshold, columns);
  }

  /**
   * Returns a copy that uses a method for every column without its own.
   *
   * @param method the method
   * @return the new configuration
   */
  public DriftConfig withMethod(DriftMethod method) {
    requireNonNull(method, "method");
    return new DriftConfig(methods, thresholds, datasetDriftShare, Optional.of(method), threshold, columns);
  }

  /**
   * Returns a copy that uses a threshold for every column without its own.
   *
   * @param threshold the threshold, finite
   * @return the new configuration
   */
  public DriftConfig withThreshold(double threshold) {
    requireFinite(threshold);
    return new DriftConfig(methods, thresholds, datasetDriftShare, method, OptionalDouble.of(threshold), columns);
  }

  /**
   * Returns a copy that compares only these columns, in this order.
   *
   * @param columns column names, each valid under {@link Names}, at least one
   * @return the new configuration
   */
  public DriftConfig withColumns(List<String> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("columns must name at least one column, got none");
    }
    columns.forEach(Names::requireValidColumn);
    return new DriftConfig(methods, thresholds, datasetDriftShare, method, threshold, columns);
  }

  private static void requireFinite(double threshold) {
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite, got " + threshold);
    }
  }
}
