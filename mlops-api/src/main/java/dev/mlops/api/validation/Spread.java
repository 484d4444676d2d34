package dev.mlops.api.validation;

/** How the spread of a metric across disjoint subsets is measured by a {@link StabilityCheck}. */
public enum Spread {
  /** The sample standard deviation (n - 1 in the denominator). */
  STD,
  /** The largest value minus the smallest. */
  RANGE
}
