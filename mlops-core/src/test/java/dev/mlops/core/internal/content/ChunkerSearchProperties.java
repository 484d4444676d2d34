package dev.mlops.core.internal.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The two-chain candidate search ({@link Chunker#firstCandidate}) must find exactly what the
 * one-chain search of 2026-12-06, copied below, finds: the first candidate of a block decides a cut
 * point, and cut points are part of every stored address. Whole cuts, with any bounds, are checked
 * against the first implementation's single loop of {@link ChunkerCutPointsTest}.
 */
class ChunkerSearchProperties {
  @Property(tries = 500)
  void findsTheFirstCandidateOfAnyBlock(@ForAll @LongRange(max = 1_000_000) long seed,
      @ForAll @IntRange(min = 0, max = 100) int offset,
      @ForAll @IntRange(min = 0, max = 5000) int from,
      @ForAll @IntRange(min = 1, max = 5000) int length,
      @ForAll @IntRange(min = 1, max = 20) int rarity) {
    byte[] data = ChunkerProperties.random(seed, offset + from + length);
    // One candidate in 2^rarity positions on average: from several per block to none.
    long threshold = -1L >>> rarity;
    assertEquals(oneChain(data, offset, from, from + length, threshold),
        Chunker.firstCandidate(data, offset, from, from + length, threshold));
  }

  /**
   * Puts a block around one candidate at every place relative to the block's start, its middle
   * (where the second chain starts) and its end, with no other candidate in the block and with
   * other candidates shortly before and after it, for even and odd lengths.
   */
  @Example
  void findsACandidateWhereverItIsInTheBlock() {
    byte[] data = ChunkerProperties.random(20261206, 20_000);
    long threshold = -1L >>> 6; // a candidate every 64 positions on average
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < data.length; i++) {
      if (oneChain(data, 0, i, i + 1, threshold) == i) {
        candidates.add(i);
      }
    }
    assertTrue(candidates.size() > 100, "the data has candidates to place: " + candidates.size());
    int checked = 0;
    for (int k = 1; k < 40; k++) {
      int candidate = candidates.get(k);
      for (int length = 1; length <= 160; length++) {
        for (int from = Math.max(0, candidate - length + 1); from <= candidate; from++) {
          int to = from + length;
          assertEquals(oneChain(data, 0, from, to, threshold),
              Chunker.firstCandidate(data, 0, from, to, threshold),
              "candidate " + candidate + " in [" + from + ", " + to + ")");
          checked++;
        }
      }
    }
    assertTrue(checked > 100_000);
  }

  @Property(tries = 100)
  void cutsAsTheSingleLoopCutsWithAnyBounds(@ForAll @LongRange(max = 1_000_000) long seed,
      @ForAll @IntRange(min = 6, max = 16) int averageBits,
      @ForAll @IntRange(min = 0, max = 100) int minPercent,
      @ForAll @IntRange(min = 100, max = 800) int maxPercent,
      @ForAll @IntRange(max = 200_000) int length) {
    int average = 1 << averageBits;
    int min = Math.max(16, (int) ((long) average * minPercent / 100));
    int max = Math.max(average, (int) ((long) average * maxPercent / 100));
    Chunker chunker = Chunker.of(min, average, max);
    byte[] data = new byte[length];
    Random random = new Random(seed);
    random.nextBytes(data);
    if (seed % 3 == 0 && length > 0) { // a run without candidates: cuts at max
      int start = random.nextInt(length);
      java.util.Arrays.fill(data, start, Math.min(length, start + 3 * max), (byte) 0x55);
    }
    for (int offset = 0; offset < data.length; ) {
      int expected = ChunkerCutPointsTest.singleLoopCut(chunker, data, offset, data.length - offset);
      assertEquals(expected, chunker.cut(data, offset, data.length - offset), "at " + offset);
      offset += expected;
    }
  }

  /** The one-chain search of 2026-12-06 (the build every existing store was written with). */
  private static int oneChain(byte[] data, int offset, int from, int to, long threshold) {
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

  private static final long[] GEAR = ChunkerCutPointsTest.gearTable(0x6d6c6f70732d6364L);
}
