package dev.mlops.core.internal.drift.stream;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Drift injected into any numeric stream: values come from {@code before} and then from
 * {@code after}, switching abruptly, gradually or back and forth. Seeded; not thread-safe.
 */
public final class DriftingStream implements DoubleSupplier {
  private final DoubleSupplier before;
  private final DoubleSupplier after;
  private final long position;
  private final long width;
  private final long period;
  private final SplittableRandom random;
  private long index;

  private DriftingStream(DoubleSupplier before, DoubleSupplier after, long position, long width, long period,
      long seed) {
    this.before = before;
    this.after = after;
    this.position = position;
    this.width = width;
    this.period = period;
    this.random = new SplittableRandom(seed);
  }

  /**
   * Values 0..position−1 from {@code before}, then from {@code after}.
   *
   * @param before the first concept
   * @param after the second concept
   * @param position index of the first value of {@code after}
   * @return the stream
   */
  public static DriftingStream abrupt(DoubleSupplier before, DoubleSupplier after, long position) {
    return new DriftingStream(before, after, position, 0, 0, 0);
  }

  /**
   * A linear blend over {@code width} values from {@code position}: value i comes from
   * {@code after} with probability (i − position)/width.
   *
   * @param before the first concept
   * @param after the second concept
   * @param position where the transition starts
   * @param width its length
   * @param seed the seed of the choices
   * @return the stream
   */
  public static DriftingStream gradual(DoubleSupplier before, DoubleSupplier after, long position, long width,
      long seed) {
    return new DriftingStream(before, after, position, width, 0, seed);
  }

  /**
   * Alternates: {@code period} values from {@code before}, {@code period} from {@code after}, and so on.
   *
   * @param before the first concept
   * @param after the second concept
   * @param period the length of each episode
   * @return the stream
   */
  public static DriftingStream recurring(DoubleSupplier before, DoubleSupplier after, long period) {
    return new DriftingStream(before, after, 0, 0, period, 0);
  }

  @Override
  public double getAsDouble() {
    long i = index++;
    boolean late;
    if (period > 0) {
      late = (i / period) % 2 == 1;
    } else if (width > 0 && i >= position && i < position + width) {
      late = random.nextDouble() < (double) (i - position) / width;
    } else {
      late = i >= position;
    }
    return late ? after.getAsDouble() : before.getAsDouble();
  }

  /**
   * A Bernoulli stream: 1 with probability p, else 0 (an error indicator at error rate p).
   *
   * @param p the probability of 1
   * @param seed the seed
   * @return the stream
   */
  public static DoubleSupplier bernoulli(double p, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return () -> random.nextDouble() < p ? 1 : 0;
  }

  /**
   * A Gaussian stream.
   *
   * @param mean the mean
   * @param std the standard deviation
   * @param seed the seed
   * @return the stream
   */
  public static DoubleSupplier gaussian(double mean, double std, long seed) {
    java.util.Random random = new java.util.Random(seed);
    return () -> mean + std * random.nextGaussian();
  }
}
