package dev.mlops.core.internal.validation;

/**
 * A 64-bit hash of a feature row, to find duplicates and training overlap without keeping rows.
 * 0.0 and -0.0 hash alike, as do all NaNs. At 64 bits, a chance collision among a million rows
 * has probability about 3e-8.
 */
final class RowHash {
  private RowHash() {}

  static long of(float[] row) {
    long h = 0x9E3779B97F4A7C15L ^ row.length;
    for (float v : row) {
      h = mix(h ^ (Float.floatToIntBits(v + 0.0f) & 0xffffffffL));
    }
    return h;
  }

  /** The SplitMix64 finaliser: every input bit affects every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
