package dev.mlops.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something another thread or process brings about. The bound is a guard against a
 * hang, not a margin: a working component gets there in milliseconds, so no assertion depends on
 * how fast threads are scheduled; only a broken one reaches the bound.
 */
public final class Eventually {
  /** How long to wait before calling it broken: a minute. */
  public static final Duration BOUND = Duration.ofMinutes(1);

  private Eventually() {}

  /**
   * Polls the condition (every millisecond) until it holds.
   *
   * @param what what is awaited, for the failure message
   * @param condition the condition
   * @throws AssertionError if it still does not hold after {@link #BOUND}
   */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(what + ": still not the case after " + BOUND);
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + what, e);
      }
    }
  }
}
