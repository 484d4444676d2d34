package dev.mlops.core.internal.drift.stream;

import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorState;
import dev.mlops.core.internal.drift.KolmogorovSmirnov;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * KSWIN, the Kolmogorov-Smirnov windowing detector of Raab, Heusinger and Schleif, "Reactive Soft
 * Prototype Computing for Concept Drift Streams" (Neurocomputing 2020). A sliding window of the
 * last n values; once full, the newest r values are compared with r values drawn uniformly without
 * replacement from the older n − r by a two-sample KS test, and drift is declared when p < α. After
 * a drift the window keeps only the newest r values. Paper's defaults: α = 0.005, n = 100, r = 30.
 * The p-value is the exact two-sample distribution for r against r values without ties, tabulated
 * once per detector, so an update allocates nothing (ties make it conservative). Seeded.
 */
public final class Kswin implements ChangeDetector {
  private final double alpha;
  private final int size;
  private final int statSize;
  private final long seed;
  private final double[] window;
  private final double[] recent;
  private final double[] older;
  private final int[] indices;
  private final double[] pValueByScaledD;
  private SplittableRandom random;
  private int count;
  private int head;
  private DetectorState state = DetectorState.STABLE;

  /**
   * Creates the detector.
   *
   * @param alpha significance α (0.005)
   * @param size window length n (100)
   * @param statSize r, values compared on each side (30), at most n − r
   * @param seed seed of the sampling
   */
  public Kswin(double alpha, int size, int statSize, long seed) {
    if (statSize < 1 || statSize > size - statSize) {
      throw new IllegalArgumentException("kswin needs 1 <= stat_size <= window_size - stat_size, got stat_size="
          + statSize + ", window_size=" + size);
    }
    this.alpha = alpha;
    this.size = size;
    this.statSize = statSize;
    this.seed = seed;
    this.window = new double[size];
    this.recent = new double[statSize];
    this.older = new double[statSize];
    this.indices = new int[size - statSize];
    this.pValueByScaledD = table(statSize);
    this.random = new SplittableRandom(seed);
  }

  /** P(D ≥ k/r) for r against r values without ties, k = 0..r. */
  private static double[] table(int r) {
    double[] a = new double[r];
    double[] b = new double[r];
    for (int i = 0; i < r; i++) {
      a[i] = 2 * i;
      b[i] = 2 * i + 1;
    }
    double[] p = new double[r + 1];
    for (int k = 0; k <= r; k++) {
      p[k] = KolmogorovSmirnov.exactPValue(a, b, (long) k * r);
    }
    return p;
  }

  @Override
  public DetectorState update(double value) {
    if (Double.isNaN(value)) {
      return state;
    }
    window[head] = value;
    head = (head + 1) % size;
    count = Math.min(count + 1, size);
    state = DetectorState.STABLE;
    if (count < size) {
      return state;
    }
    // head is now the oldest value; the newest r are the last r before head.
    for (int i = 0; i < statSize; i++) {
      recent[i] = window[(head + size - statSize + i) % size];
    }
    int olderCount = size - statSize;
    for (int i = 0; i < olderCount; i++) {
      indices[i] = i;
    }
    for (int i = 0; i < statSize; i++) {
      int j = i + random.nextInt(olderCount - i);
      int t = indices[i];
      indices[i] = indices[j];
      indices[j] = t;
      older[i] = window[(head + indices[i]) % size];
    }
    Arrays.sort(recent);
    Arrays.sort(older);
    long scaled = KolmogorovSmirnov.scaledStatistic(older, recent);
    int k = (int) (scaled / statSize);
    if (pValueByScaledD[k] < alpha) {
      state = DetectorState.DRIFT;
      keepNewest();
    }
    return state;
  }

  private void keepNewest() {
    double[] keep = recent; // sorted order does not matter for later comparisons of distributions
    for (int i = 0; i < size; i++) {
      window[i] = 0;
    }
    for (int i = 0; i < statSize; i++) {
      window[i] = keep[i];
    }
    head = statSize % size;
    count = statSize;
  }

  @Override
  public DetectorState state() {
    return state;
  }

  @Override
  public void reset() {
    count = 0;
    head = 0;
    random = new SplittableRandom(seed);
    state = DetectorState.STABLE;
  }
}
