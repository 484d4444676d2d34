package dev.mlops.api.drift;

/**
 * The batch drift tests and distances. Each one's exact definition is written in the project's
 * {@code docs/drift.md}. Tests report a p-value (drift when it is below the threshold); distances
 * report a score (drift when it is at or above the threshold).
 */
public enum DriftMethod {
  /** Two-sample Kolmogorov-Smirnov test, numeric columns. */
  KS(true, 0.05),
  /** Pearson chi-square test of homogeneity, categorical columns. */
  CHISQUARE(true, 0.05),
  /** Two-proportion z-test, binary columns. */
  ZTEST(true, 0.05),
  /** Population stability index over the reference's deciles or categories. */
  PSI(false, 0.1),
  /** Jensen-Shannon distance over the same bins as PSI. */
  JS(false, 0.1),
  /** Hellinger distance over the same bins as PSI. */
  HELLINGER(false, 0.1),
  /** First Wasserstein distance divided by the reference's standard deviation. */
  WASSERSTEIN(false, 0.1);

  private final boolean test;
  private final double defaultThreshold;

  DriftMethod(boolean test, double defaultThreshold) {
    this.test = test;
    this.defaultThreshold = defaultThreshold;
  }

  /**
   * Tells whether this is a statistical test (p-value) rather than a distance (score).
   *
   * @return {@code true} for tests
   */
  public boolean isTest() {
    return test;
  }

  /**
   * Returns the threshold used when none is configured: 0.05 for tests, 0.1 for distances.
   *
   * @return the default threshold
   */
  public double defaultThreshold() {
    return defaultThreshold;
  }
}
