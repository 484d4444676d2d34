package dev.mlops.api.validation;

import java.util.Objects;

/**
 * How confidence intervals are computed: {@code resamples} resamples of the rows with replacement,
 * drawn from a seeded generator (so a suite gives the same interval twice), and the interval at
 * {@code confidence} read from them by {@code method}.
 *
 * @param resamples the number of resamples, 10 to 100,000
 * @param confidence the confidence level, in (0, 1)
 * @param seed the generator's seed
 * @param method how the interval is read from the resamples
 */
public record Bootstrap(int resamples, double confidence, long seed, IntervalMethod method) {
  /** The default number of resamples: 1,000. */
  public static final int DEFAULT_RESAMPLES = 1_000;
  /** The default confidence level: 0.95. */
  public static final double DEFAULT_CONFIDENCE = 0.95;
  /** The default seed: 42. */
  public static final long DEFAULT_SEED = 42;
  /** The default method: {@link IntervalMethod#BCA}, whose coverage is closer to the nominal level. */
  public static final IntervalMethod DEFAULT_METHOD = IntervalMethod.BCA;

  /**
   * Creates the value.
   *
   * @param resamples the resamples
   * @param confidence the level
   * @param seed the seed
   * @param method the method
   */
  public Bootstrap {
    Objects.requireNonNull(method, "method");
    if (resamples < 10 || resamples > 100_000) {
      throw new IllegalArgumentException("resamples must be 10 to 100000, got " + resamples);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
  }

  /**
   * Creates the value with the default method, {@link #DEFAULT_METHOD}.
   *
   * @param resamples the resamples, 10 to 100,000
   * @param confidence the level, in (0, 1)
   * @param seed the seed
   */
  public Bootstrap(int resamples, double confidence, long seed) {
    this(resamples, confidence, seed, DEFAULT_METHOD);
  }

  /**
   * Returns the defaults: 1,000 resamples, 0.95, seed 42, BCa.
   *
   * @return the default settings
   */
  public static Bootstrap ofDefaults() {
    return new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_CONFIDENCE, DEFAULT_SEED, DEFAULT_METHOD);
  }

  /**
   * Returns a copy with another method.
   *
   * @param method the method
   * @return the copy
   */
  public Bootstrap withMethod(IntervalMethod method) {
    return new Bootstrap(resamples, confidence, seed, method);
  }
}
