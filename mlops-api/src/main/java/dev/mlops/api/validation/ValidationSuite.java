package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Comparison;
import dev.mlops.api.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A named list of checks, run together against a candidate model, with the custom metrics they
 * name and how intervals and meta metrics are measured. The same content has a JSON form (see
 * {@code docs/validation.md}) that round-trips with this one.
 *
 * <pre>{@code
 * ValidationSuite suite = ValidationSuite.builder()
 *     .name("weather-gate")
 *     .require("accuracy", Comparison.AT_LEAST, 0.80)
 *     .notWorseThanBaseline("accuracy", true, 0.01)
 *     .check(new SliceCheck("accuracy", "season", List.of(), 0.05, 30))
 *     .check(new StabilityCheck("accuracy", 5, 7, Spread.STD, 0.02))
 *     .require(MetaMetrics.LATENCY_P99_SINGLE, Comparison.AT_MOST, 5.0)
 *     .build();
 * }</pre>
 *
 * @param name the suite's name
 * @param checks the checks, in order
 * @param metrics the custom (user-defined and business) metrics the checks may name
 * @param bootstrap how intervals are computed, or empty for no intervals
 * @param measurement how meta metrics are measured
 */
public record ValidationSuite(String name, List<Check> checks, List<CustomMetric> metrics,
    Optional<Bootstrap> bootstrap, Measurement measurement) {
  /**
   * Creates the value; lists are copied.
   *
   * @param name the name
   * @param checks the checks, at least one
   * @param metrics custom metrics, with distinct names
   * @param bootstrap interval settings, required by checks on interval bounds
   * @param measurement meta metric settings
   */
  public ValidationSuite {
    Names.requireValid("suite", name);
    checks = List.copyOf(checks);
    metrics = List.copyOf(metrics);
    requireNonNull(bootstrap, "bootstrap");
    requireNonNull(measurement, "measurement");
    if (checks.isEmpty()) {
      throw new IllegalArgumentException("a validation suite needs at least one check");
    }
    Set<String> seen = new HashSet<>();
    for (CustomMetric metric : metrics) {
      if (!seen.add(metric.name())) {
        throw new IllegalArgumentException("custom metric '" + metric.name() + "' is defined twice");
      }
    }
    if (bootstrap.isEmpty()) {
      for (Check check : checks) {
        if (check instanceof ValueThreshold t && t.onIntervalBound()) {
          throw new IllegalArgumentException("check '" + t.describe() + "' needs intervals: set"
              + " bootstrap(...) on the suite");
        }
      }
    }
  }

  /**
   * Creates a suite of checks on built-in metrics, without intervals, with default measurement.
   *
   * @param name the name
   * @param checks the checks
   */
  public ValidationSuite(String name, List<Check> checks) {
    this(name, checks, List.of(), Optional.empty(), Measurement.ofDefaults());
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ValidationSuite}; {@link #build()} keeps it reusable. */
  public static final class Builder {
    private @Nullable String name;
    private final List<Check> checks = new ArrayList<>();
    private final List<CustomMetric> metrics = new ArrayList<>();
    private @Nullable Bootstrap bootstrap;
    private @Nullable Measurement measurement;

    private Builder() {}

    /**
     * Sets the suite's name. Required.
     *
     * @param name a name valid under {@link Names}
     * @return this builder
     */
    public Builder name(String name) {
      Names.requireValid("suite", name);
      if (this.name != null) {
        throw new IllegalStateException("name was already set to " + this.name);
      }
      this.name = name;
      return this;
    }

    /**
     * Adds a value threshold on the point value.
     *
     * @param metric the metric's name
     * @param comparison how to compare
     * @param threshold the value
     * @return this builder
     */
    public Builder require(String metric, Comparison comparison, double threshold) {
      return check(new ValueThreshold(metric, comparison, threshold, false));
    }

    /**
     * Adds a value threshold that the pessimistic bound of the metric's bootstrap interval must
     * pass; needs {@link #bootstrap(Bootstrap)}.
     *
     * @param metric the metric's name
     * @param comparison how to compare
     * @param threshold the value
     * @return this builder
     */
    public Builder requireWithConfidence(String metric, Comparison comparison, double threshold) {
      return check(new ValueThreshold(metric, comparison, threshold, true));
    }

    /**
     * Adds an absolute change threshold against the baseline.
     *
     * @param metric the metric's name
     * @param higherIsBetter the metric's direction
     * @param tolerance how much worse is acceptable
     * @return this builder
     */
    public Builder notWorseThanBaseline(String metric, boolean higherIsBetter, double tolerance) {
      return check(new ChangeThreshold(metric, higherIsBetter, tolerance, false));
    }

    /**
     * Adds a relative change threshold against the baseline.
     *
     * @param metric the metric's name
     * @param higherIsBetter the metric's direction
     * @param fraction how much worse is acceptable, as a fraction of the baseline's value
     * @return this builder
     */
    public Builder notWorseThanBaselineRelative(String metric, boolean higherIsBetter, double fraction) {
      return check(new ChangeThreshold(metric, higherIsBetter, fraction, true));
    }

    /**
     * Adds any check.
     *
     * @param check the check
     * @return this builder
     */
    public Builder check(Check check) {
      checks.add(requireNonNull(check, "check"));
      return this;
    }

    /**
     * Defines a custom (user-defined or business) metric that checks may name.
     *
     * @param metric the metric
     * @return this builder
     */
    public Builder metric(CustomMetric metric) {
      metrics.add(requireNonNull(metric, "metric"));
      return this;
    }

    /**
     * Computes bootstrap intervals for every checked metric. Default: no intervals.
     *
     * @param bootstrap the settings
     * @return this builder
     */
    public Builder bootstrap(Bootstrap bootstrap) {
      requireNonNull(bootstrap, "bootstrap");
      if (this.bootstrap != null) {
        throw new IllegalStateException("bootstrap was already set to " + this.bootstrap);
      }
      this.bootstrap = bootstrap;
      return this;
    }

    /**
     * Sets how meta metrics are measured. Default: {@link Measurement#ofDefaults()}.
     *
     * @param measurement the settings
     * @return this builder
     */
    public Builder measurement(Measurement measurement) {
      requireNonNull(measurement, "measurement");
      if (this.measurement != null) {
        throw new IllegalStateException("measurement was already set to " + this.measurement);
      }
      this.measurement = measurement;
      return this;
    }

    /**
     * Builds the suite.
     *
     * @return the suite
     * @throws IllegalStateException if the name or every check is missing
     * @throws IllegalArgumentException if a custom metric is defined twice, or a check on an
     *     interval bound has no bootstrap settings
     */
    public ValidationSuite build() {
      if (name == null) {
        throw new IllegalStateException("name(...) is required");
      }
      if (checks.isEmpty()) {
        throw new IllegalStateException("add at least one check");
      }
      return new ValidationSuite(name, checks, metrics, Optional.ofNullable(bootstrap),
          measurement != null ? measurement : Measurement.ofDefaults());
    }
  }
}
