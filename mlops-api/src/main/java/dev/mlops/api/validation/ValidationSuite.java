package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Comparison;
import dev.mlops.api.Names;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A named list of checks, run together against a candidate model.
 *
 * <pre>{@code
 * ValidationSuite suite = ValidationSuite.builder()
 *     .name("weather-gate")
 *     .require("accuracy", Comparison.AT_LEAST, 0.80)
 *     .notWorseThanBaseline("accuracy", true, 0.01)
 *     .build();
 * }</pre>
 *
 * @param name the suite's name
 * @param checks the checks, in order
 */
public record ValidationSuite(String name, List<Check> checks) {
  /**
   * Creates the value; {@code checks} is copied.
   *
   * @param name the name
   * @param checks the checks, at least one
   */
  public ValidationSuite {
    Names.requireValid("suite", name);
    checks = List.copyOf(checks);
    if (checks.isEmpty()) {
      throw new IllegalArgumentException("a validation suite needs at least one check");
    }
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
     * Adds a value threshold.
     *
     * @param metric the metric's name
     * @param comparison how to compare
     * @param threshold the value
     * @return this builder
     */
    public Builder require(String metric, Comparison comparison, double threshold) {
      return check(new ValueThreshold(metric, comparison, threshold));
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
     * Builds the suite.
     *
     * @return the suite
     * @throws IllegalStateException if the name or every check is missing
     */
    public ValidationSuite build() {
      if (name == null) {
        throw new IllegalStateException("name(...) is required");
      }
      if (checks.isEmpty()) {
        throw new IllegalStateException("add at least one check");
      }
      return new ValidationSuite(name, checks);
    }
  }
}
