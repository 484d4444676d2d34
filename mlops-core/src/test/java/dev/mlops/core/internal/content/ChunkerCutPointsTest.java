package dev.mlops.core.internal.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cut points are part of every stored address: they must never move, or content stored
 * before would stop deduplicating. Pinned here against values computed with the first
 * implementation (one loop over the whole chunk), and checked against that implementation,
 * copied below, for chunkers whose minimum is below and above the 64-byte fingerprint window.
 */
class ChunkerCutPointsTest {
  @Test
  void theDefaultChunkerCutsWhereItAlwaysCut() {
    byte[] data = new byte[20_000_000];
    new Random(20261206).nextBytes(data);
    List<Integer> sizes = sizes(Chunker.ofDefaults(), data);
    // Computed with the single-loop cut of 2026-12-05 (the build every existing store was written with).
    assertEquals(List.of(596735, 1237826, 465512, 1658082, 611801, 1350947, 3739946, 663369,
        2052221, 852549, 524782, 1022417), sizes.subList(0, 12));
    assertEquals(18, sizes.size());
    assertEquals(1326695053, sizes.hashCode());
    List<Integer> tiny = sizes(Chunker.of(16, 64, 256), data);
    assertEquals(List.of(50, 68, 18, 59, 77, 20, 77, 30, 196, 21, 45, 24), tiny.subList(0, 12));
    assertEquals(313569, tiny.size());
    assertEquals(-2002583899, tiny.hashCode());
  }

  @Test
  void cutsWhereASingleLoopOverTheChunkCuts() {
    Random random = new Random(7);
    Chunker[] chunkers = {Chunker.of(16, 64, 256), Chunker.of(40, 128, 4096), Chunker.of(100, 1024, 3000),
        Chunker.of(2047, 4096, 9000), Chunker.of(2048, 8192, 32768), Chunker.withAverage(64 * 1024)};
    for (Chunker chunker : chunkers) {
      for (int round = 0; round < 20; round++) {
        byte[] data = new byte[random.nextInt(300_000)];
        random.nextBytes(data);
        if (round % 4 == 0) {
          java.util.Arrays.fill(data, data.length / 3, data.length / 2, (byte) 7); // no candidates: max cuts
        }
        for (int offset = 0; offset < data.length; ) {
          int expected = singleLoopCut(chunker, data, offset, data.length - offset);
          assertEquals(expected, chunker.cut(data, offset, data.length - offset),
              "min " + chunker.min() + " max " + chunker.max() + " at " + offset);
          offset += expected;
        }
      }
    }
  }

  private static List<Integer> sizes(Chunker chunker, byte[] data) {
    List<Integer> sizes = new ArrayList<>();
    for (int offset = 0; offset < data.length; ) {
      int n = chunker.cut(data, offset, data.length - offset);
      sizes.add(n);
      offset += n;
    }
    return sizes;
  }

  /** The first implementation of {@link Chunker#cut}, with its table and threshold recomputed. */
  static int singleLoopCut(Chunker chunker, byte[] data, int offset, int available) {
    long[] gear = gearTable(0x6d6c6f70732d6364L);
    long threshold = Long.divideUnsigned(-1L, Math.max(8, chunker.average() - chunker.min()));
    int min = chunker.min();
    int n = Math.min(available, chunker.max());
    if (n <= min) {
      return n;
    }
    long fp = 0;
    for (int i = Math.max(0, min - 64); i < min; i++) {
      fp = (fp << 1) + gear[data[offset + i] & 0xff];
    }
    for (int i = min; i < n; i++) {
      fp = (fp << 1) + gear[data[offset + i] & 0xff];
      if (Long.compareUnsigned(fp, threshold) < 0) {
        return i + 1;
      }
    }
    return n;
  }

  static long[] gearTable(long seed) {
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
