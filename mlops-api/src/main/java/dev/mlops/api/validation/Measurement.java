package dev.mlops.api.validation;

/**
 * How meta metrics are measured on the candidate: {@code warmupCalls} unmeasured calls first (JIT
 * and native session warm-up), then {@code calls} timed calls at batch size 1 and as many at
 * {@code batchSize}, each on rows taken in turn from the validation data.
 *
 * @param batchSize the chosen batch size, at least 1
 * @param warmupCalls unmeasured calls before timing, at least 0
 * @param calls timed calls per batch size, at least 10
 */
public record Measurement(int batchSize, int warmupCalls, int calls) {
  /** The default chosen batch size: 64. */
  public static final int DEFAULT_BATCH_SIZE = 64;
  /** The default number of warm-up calls: 50. */
  public static final int DEFAULT_WARMUP_CALLS = 50;
  /** The default number of timed calls: 200. */
  public static final int DEFAULT_CALLS = 200;

  /**
   * Creates the value.
   *
   * @param batchSize the batch size
   * @param warmupCalls warm-up calls
   * @param calls timed calls
   */
  public Measurement {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (warmupCalls < 0) {
      throw new IllegalArgumentException("warmupCalls must be at least 0, got " + warmupCalls);
    }
    if (calls < 10) {
      throw new IllegalArgumentException("calls must be at least 10, got " + calls);
    }
  }

  /**
   * Returns the defaults: batch size 64, 50 warm-up calls, 200 timed calls.
   *
   * @return the default settings
   */
  public static Measurement ofDefaults() {
    return new Measurement(DEFAULT_BATCH_SIZE, DEFAULT_WARMUP_CALLS, DEFAULT_CALLS);
  }
}
