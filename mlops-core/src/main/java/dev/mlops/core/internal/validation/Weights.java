package dev.mlops.core.internal.validation;

import java.util.SplittableRandom;

/** Row selections as weights: 0/1 masks for slices and subsets, counts for bootstrap resamples. */
public final class Weights {
  private Weights() {}

  /** Returns the weight of row {@code i} ({@code null} weights: every row once). */
  static int of(int @org.jspecify.annotations.Nullable [] weights, int i) {
    return weights == null ? 1 : weights[i];
  }

  static int total(int[] weights) {
    long sum = 0;
    for (int w : weights) {
      sum += w;
    }
    return Math.toIntExact(sum);
  }

  /**
   * Returns a bootstrap resample of {@code n} rows as counts: {@code n} draws with replacement.
   *
   * @param n the number of rows
   * @param random the seeded source
   * @return how many times each row was drawn
   */
  public static int[] bootstrap(int n, SplittableRandom random) {
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      counts[random.nextInt(n)]++;
    }
    return counts;
  }

  /**
   * Splits {@code n} rows into {@code k} disjoint subsets of near-equal size, at random without
   * replacement (a seeded Fisher-Yates shuffle dealt round-robin).
   *
   * @param n the number of rows
   * @param k the number of subsets, at least 2 and at most {@code n}
   * @param seed the seed
   * @return for each row, the index of its subset
   */
  public static int[] disjointSubsets(int n, int k, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] subset = new int[n];
    for (int i = 0; i < n; i++) {
      subset[order[i]] = i % k;
    }
    return subset;
  }

  /**
   * Returns the 0/1 mask of the rows whose group is {@code group}.
   *
   * @param groups each row's group
   * @param group the group to select
   * @return the mask
   */
  public static int[] mask(int[] groups, int group) {
    int[] mask = new int[groups.length];
    for (int i = 0; i < groups.length; i++) {
      mask[i] = groups[i] == group ? 1 : 0;
    }
    return mask;
  }
}
