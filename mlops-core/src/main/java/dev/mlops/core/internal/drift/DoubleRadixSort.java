package dev.mlops.core.internal.drift;

import java.util.Arrays;

/**
 * Sorts doubles in the order of {@link Arrays#sort(double[])} (−∞ … −0.0, +0.0 … +∞, NaN last),
 * by a least-significant-digit radix sort on the IEEE-754 bits. Every numeric drift method starts
 * by sorting both samples, and for a million values a comparison sort costs several times what the
 * 11-bit radix passes do, so this is where a large report spends its time.
 *
 * <p>The bits of a double become a long whose signed order is the double's order: for a negative
 * value every bit but the sign is flipped, so larger magnitudes become smaller longs. NaN is
 * canonicalised first ({@link Double#doubleToLongBits}), so every NaN sorts after +∞ and comes
 * back as {@link Double#NaN}, as {@link Double#compare} would order it. The sign bit is then
 * flipped so that the digits can be read as unsigned.
 *
 * <p>Stateless and thread-safe; a call allocates the result, a {@code long} array of keys and one
 * scratch array of the same size.
 */
public final class DoubleRadixSort {
  /** Below this size {@link Arrays#sort(double[])} is faster than clearing and scanning the counts. */
  static final int RADIX_THRESHOLD = 4_096;

  private static final int DIGIT_BITS = 11;
  private static final int DIGITS = (Long.SIZE + DIGIT_BITS - 1) / DIGIT_BITS;
  private static final int BUCKETS = 1 << DIGIT_BITS;
  private static final int MASK = BUCKETS - 1;

  private DoubleRadixSort() {}

  /**
   * Sorts in place.
   *
   * @param values the values; sorted on return
   */
  public static void sort(double[] values) {
    if (values.length < RADIX_THRESHOLD) {
      Arrays.sort(values);
    } else {
      radixSort(values);
    }
  }

  /** Sorts in place by radix whatever the size (for tests of small arrays). */
  static void radixSort(double[] values) {
    double[] sorted = radixSortedWithoutNaN(values, true); // NaN kept: same length
    System.arraycopy(sorted, 0, values, 0, sorted.length);
  }

  /**
   * Returns the values other than NaN, sorted, in a new array; {@code values} is not changed.
   *
   * @param values the values
   * @return the sorted values without NaN, possibly empty
   */
  public static double[] sortedWithoutNaN(double[] values) {
    if (values.length >= RADIX_THRESHOLD) {
      return radixSortedWithoutNaN(values, false);
    }
    double[] kept = new double[values.length];
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        kept[n++] = v;
      }
    }
    double[] sorted = n == kept.length ? kept : Arrays.copyOf(kept, n);
    Arrays.sort(sorted);
    return sorted;
  }

  /**
   * The radix sort. The first pass makes the keys and counts every digit at once; each later pass
   * scatters by one digit, skipping a digit that is the same in every key; the last pass writes
   * doubles straight into the result, so the data is read 1 + (digits that differ) times.
   */
  private static double[] radixSortedWithoutNaN(double[] values, boolean keepNaN) {
    long[] keys = new long[values.length];
    int[][] counts = new int[DIGITS][BUCKETS];
    int n = 0;
    for (double v : values) {
      if (keepNaN || !Double.isNaN(v)) {
        long k = key(v);
        keys[n++] = k;
        for (int d = 0; d < DIGITS; d++) {
          counts[d][(int) (k >>> (d * DIGIT_BITS)) & MASK]++;
        }
      }
    }
    double[] out = new double[n];
    int[] varying = new int[DIGITS];
    int passes = 0;
    for (int d = 0; d < DIGITS && n > 0; d++) {
      if (counts[d][(int) (keys[0] >>> (d * DIGIT_BITS)) & MASK] != n) {
        varying[passes++] = d;
      }
    }
    long[] from = keys;
    long[] to = passes > 1 ? new long[n] : null;
    for (int p = 0; p < passes; p++) {
      int[] offsets = counts[varying[p]];
      int start = 0;
      for (int b = 0; b < BUCKETS; b++) {
        int c = offsets[b];
        offsets[b] = start;
        start += c;
      }
      int shift = varying[p] * DIGIT_BITS;
      if (p == passes - 1) {
        for (int i = 0; i < n; i++) {
          long k = from[i];
          out[offsets[(int) (k >>> shift) & MASK]++] = value(k);
        }
      } else {
        for (int i = 0; i < n; i++) {
          long k = from[i];
          to[offsets[(int) (k >>> shift) & MASK]++] = k;
        }
        long[] swap = from;
        from = to;
        to = swap;
      }
    }
    if (passes == 0) {
      for (int i = 0; i < n; i++) {
        out[i] = value(keys[i]);
      }
    }
    return out;
  }

  /** The sort key of a value: signed order as {@link Double#compare}, then read unsigned. */
  static long key(double value) {
    long bits = Double.doubleToLongBits(value);
    return (bits ^ ((bits >> 63) & Long.MAX_VALUE)) ^ Long.MIN_VALUE;
  }

  /** The value of a key made by {@link #key}. */
  static double value(long key) {
    long bits = key ^ Long.MIN_VALUE;
    return Double.longBitsToDouble(bits ^ ((bits >> 63) & Long.MAX_VALUE));
  }
}
