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
    return builder().build();
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
   * Starts a configuration: every column of the reference, {@code auto} methods, each method's
   * default threshold, dataset drift at {@value #DEFAULT_DATASET_DRIFT_SHARE}.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder holding this configuration, to derive another from it.
   *
   * @return a builder with this configuration's values
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.methods.putAll(methods);
    builder.thresholds.putAll(thresholds);
    builder.datasetDriftShare = datasetDriftShare;
    builder.method = method;
    builder.threshold = threshold;
    builder.columns = columns;
    return builder;
  }

  /** Builds a {@link DriftConfig}; values are checked as they are given. Not thread-safe. */
  public static final class Builder {
    private final Map<String, DriftMethod> methods = new LinkedHashMap<>();
    private final Map<String, Double> thresholds = new LinkedHashMap<>();
    private double datasetDriftShare = DEFAULT_DATASET_DRIFT_SHARE;
    private Optional<DriftMethod> method = Optional.empty();
    private OptionalDouble threshold = OptionalDouble.empty();
    private List<String> columns = List.of();

    private Builder() {}

    /**
     * Uses a method for every column without its own.
     *
     * @param method the method
     * @return this builder
     */
    public Builder method(DriftMethod method) {
      this.method = Optional.of(requireNonNull(method, "method"));
      return this;
    }

    /**
     * Uses a threshold for every column without its own.
     *
     * @param threshold the threshold, finite
     * @return this builder
     */
    public Builder threshold(double threshold) {
      requireFinite(threshold);
      this.threshold = OptionalDouble.of(threshold);
      return this;
    }

    /**
     * Uses a method and threshold for one column.
     *
     * @param column the column, valid under {@link Names#requireValidColumn}
     * @param method the method
     * @param threshold the threshold, finite
     * @return this builder
     */
    public Builder column(String column, DriftMethod method, double threshold) {
      Names.requireValidColumn(column);
      requireNonNull(method, "method");
      requireFinite(threshold);
      methods.put(column, method);
      thresholds.put(column, threshold);
      return this;
    }

    /**
     * Compares only these columns, in this order.
     *
     * @param columns column names, each valid under {@link Names#requireValidColumn}, at least one
     * @return this builder
     */
    public Builder columns(List<String> columns) {
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("columns must name at least one column, got none");
      }
      columns.forEach(Names::requireValidColumn);
      this.columns = List.copyOf(columns);
      return this;
    }

    /**
     * Sets the share of drifted columns at which the dataset drifts.
     *
     * @param share a share in (0, 1]
     * @return this builder
     */
    public Builder datasetDriftShare(double share) {
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException("datasetDriftShare must be in (0, 1], got " + share);
      }
      this.datasetDriftShare = share;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public DriftConfig build() {
      return new DriftConfig(methods, thresholds, datasetDriftShare, method, threshold, columns);
    }
  }

  private static void requireFinite(double threshold) {
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite, got " + threshold);
    }
  }
}
