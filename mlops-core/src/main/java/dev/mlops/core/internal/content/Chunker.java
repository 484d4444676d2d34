package dev.mlops.core.internal.content;

/**
 * Content-defined chunking with the Gear rolling hash of FastCDC (Xia et al., USENIX ATC 2016):
 * {@code fp = (fp << 1) + GEAR[byte]}, so the fingerprint depends on the last 64 bytes only, and a
 * position is a cut candidate when the fingerprint (unsigned) is below a threshold. A chunk ends
 * at the first candidate at least {@code min} bytes after its start (cut-point skipping), or at
 * {@code max}. Because candidates depend only on nearby bytes, an insertion or an edit moves only
 * the cuts near it: once the chunking after the edit meets an old cut, every later chunk keeps
 * its address.
 *
 * <p>FastCDC's normalized chunking (a stricter test before the average size, a looser one after)
 * is deliberately not used: it makes whether a candidate is taken depend on the distance to the
 * chunk's start, which measurably delayed re-synchronization after edits (ChunkerProperties).
 * The threshold is set so the mean chunk size is {@code average}: {@code min} plus an exponential
 * tail of mean {@code average - min}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Chunker {
  /** The default average chunk size: 1 MiB. */
  public static final int DEFAULT_AVERAGE = 1 << 20;

  /** Fixed seed: the table must never change, or every stored address would stop deduplicating. */
  private static final long[] GEAR = gearTable(0x6d6c6f70732d6364L);

  /** {@code GEAR[b] + 2^63}, for the search with flipped fingerprints ({@link #firstCandidate}). */
  private static final long[] GEAR_FLIPPED = flipped(GEAR);

  /** Positions one search call tests (see {@link #cut}). */
  private static final int BLOCK = 2048;

  private final int min;
  private final int average;
  private final int max;
  private final long threshold;

  private Chunker(int min, int average, int max) {
    this.min = min;
    this.average = average;
    this.max = max;
    // P(candidate) = threshold / 2^64 = 1 / (average - min); at least 1 / 8 for tiny averages.
    this.threshold = Long.divideUnsigned(-1L, Math.max(8, average - min));
  }

  /**
   * Returns the chunker with the default sizes: average 1 MiB, minimum 256 KiB, maximum 4 MiB.
   *
   * @return the default chunker
   */
  public static Chunker ofDefaults() {
    return withAverage(DEFAULT_AVERAGE);
  }

  /**
   * Returns a chunker with the given average, a quarter of it as minimum and four times as maximum.
   *
   * @param average a power of two from 64 bytes to 64 MiB, the mean chunk size
   * @return the chunker
   */
  public static Chunker withAverage(int average) {
    return of(average / 4, average, average * 4);
  }

  /**
   * Returns a chunker with explicit bounds.
   *
   * @param min the smallest chunk (except a file's last), at least 16
   * @param average the target average, a power of two from 64 bytes to 64 MiB
   * @param max the largest chunk, at most 256 MiB
   * @return the chunker
   */
  public static Chunker of(int min, int average, int max) {
    if (average < 64 || average > (64 << 20) || Integer.bitCount(average) != 1) {
      throw new IllegalArgumentException(
          "average chunk size must be a power of two from 64 B to 64 MiB, got " + average);
    }
    if (min < 16 || min > average || max < average || max > (256 << 20)) {
      throw new IllegalArgumentException("chunk bounds must satisfy 16 <= min <= average <= max"
          + " <= 256 MiB, got min=" + min + " average=" + average + " max=" + max);
    }
    return new Chunker(min, average, max);
  }

  /**
   * Returns the smallest chunk size.
   *
   * @return bytes
   */
  public int min() {
    return min;
  }

  /**
   * Returns the target average chunk size.
   *
   * @return bytes
   */
  public int average() {
    return average;
  }

  /**
   * Returns the largest chunk size; a reader needs a buffer this large.
   *
   * @return bytes
   */
  public int max() {
    return max;
  }

  /**
   * Finds the end of the chunk that starts at {@code offset}.
   *
   * @param data the bytes
   * @param offset where the chunk starts
   * @param available how many bytes follow {@code offset}; fewer than {@link #max()} only at the
   *     end of the input
   * @return the chunk's length, from 1 to {@code min(available, max)}
   */
  public int cut(byte[] data, int offset, int available) {
    int n = Math.min(available, max);
    if (n <= min) {
      return n;
    }
    // The search goes block by block through a short method called many times, rather than one
    // loop over up to 4 MiB: the JIT compiles a method after a number of calls, and a loop that
    // runs inside one call only once it has counted many iterations (a count the command line
    // raises ten times, see bin/mlops); a first commit calls cut about twice per file, so each
    // call began its loop in the interpreter and the slower compiled tier. Blocks of 2 KiB reach
    // the fully optimized code after a few MiB.
    for (int from = min; from < n; from += BLOCK) {
      int found = firstCandidate(data, offset, from, Math.min(n, from + BLOCK), threshold);
      if (found >= 0) {
        return found + 1;
      }
    }
    return n;
  }

  /**
   * Returns the first position in {@code [from, to)} of the chunk starting at {@code offset} that
   * is a cut candidate, or -1: the same as {@link #firstCandidateOneChain}, faster.
   *
   * <p>The one-chain search is a single chain of dependent operations (shift, add, compare per
   * byte), which leaves the processor idle between them. Since a candidate's test depends only on
   * the 64 bytes before it, the two halves of the block are searched by two independent
   * fingerprints side by side, each warmed over the 64 bytes before its half. When either finds a
   * candidate (about once per chunk), the block goes to the one-chain search, which returns the
   * first one; a block without a candidate, nearly every block, is searched once.
   *
   * <p>The fingerprints are kept plus 2^63 (top bit flipped), with a table of {@code GEAR + 2^63}:
   * {@code ((fp + 2^63) << 1) + GEAR[b] + 2^63 = ((fp << 1) + GEAR[b]) + 2^63 (mod 2^64)}, since
   * {@code 2^63 << 1} is 0. So the unsigned test {@code fp < threshold} is the signed test
   * {@code fp + 2^63 < threshold + 2^63} with no addition per byte (on JDK 17,
   * {@link Long#compareUnsigned} is that signed compare after adding 2^63 to both). The two chains
   * and the flipped values took ChunkerBenchmark from 0.65 to 0.45 ns per byte (medians of three
   * alternated runs on a loaded 2-core machine). More chains did not help: three were slower
   * than two, four hardly faster than one (measured with a throwaway harness).
   */
  static int firstCandidate(byte[] data, int offset, int from, int to, long threshold) {
    int half = (to - from) >>> 1;
    int mid = from + half;
    long first = warmFlipped(data, offset, from);
    long second = warmFlipped(data, offset, mid);
    long flippedThreshold = threshold + Long.MIN_VALUE;
    int firstAt = offset + from;
    int secondAt = offset + mid;
    for (int i = 0; i < half; i++) {
      first = (first << 1) + GEAR_FLIPPED[data[firstAt + i] & 0xff];
      second = (second << 1) + GEAR_FLIPPED[data[secondAt + i] & 0xff];
      if (first < flippedThreshold || second < flippedThreshold) {
        return firstCandidateOneChain(data, offset, from, to, threshold);
      }
    }
    if (mid + half < to) { // an odd length: the second half has one more position, the block's last
      second = (second << 1) + GEAR_FLIPPED[data[offset + to - 1] & 0xff];
      if (second < flippedThreshold) {
        return to - 1;
      }
    }
    return -1;
  }

  /** The fingerprint plus 2^63 before {@code at}, warmed as {@link #firstCandidateOneChain} is. */
  private static long warmFlipped(byte[] data, int offset, int at) {
    long fp = Long.MIN_VALUE; // 0 + 2^63
    for (int i = Math.max(0, at - 64); i < at; i++) {
      fp = (fp << 1) + GEAR_FLIPPED[data[offset + i] & 0xff];
    }
    return fp;
  }

  /**
   * Returns the first position in {@code [from, to)} of the chunk starting at {@code offset} that
   * is a cut candidate, or -1. The fingerprint is first warmed over the 64 bytes before
   * {@code from} (fewer only at the chunk's start), so a candidate's test depends only on the
   * content before it, never on where the chunk or the block started: a byte shifted 64 times has
   * left the fingerprint, so warming from further back gives the same value.
   */
  private static int firstCandidateOneChain(byte[] data, int offset, int from, int to, long threshold) {
    long fp = 0;
    for (int i = Math.max(0, from - 64); i < from; i++) {
      fp = (fp << 1) + GEAR[data[offset + i] & 0xff];
    }
    for (int i = from; i < to; i++) {
      fp = (fp << 1) + GEAR[data[offset + i] & 0xff];
      if (Long.compareUnsigned(fp, threshold) < 0) {
        return i;
      }
    }
    return -1;
  }

  private static long[] flipped(long[] table) {
    long[] flipped = new long[table.length];
    for (int i = 0; i < table.length; i++) {
      flipped[i] = table[i] + Long.MIN_VALUE;
    }
    return flipped;
  }

  private static long[] gearTable(long seed) {
    // SplitMix64 written out, so the table cannot change with a JDK's random generators.
    long[] table = new long[256];
    long state = seed;
    for (int i = 0; i < table.length; i++) {
      state += 0x9e3779b97f4a7c15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      table[i] = z ^ (z >>> 31);
    }
    return table;
  }
}
