package dev.mlops.core.internal.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

public class ChunkerProperties {
  private static final Chunker SMALL = Chunker.of(128, 512, 2048);

  @Property(tries = 200)
  void chunksCoverTheInputWithinTheBounds(@ForAll @LongRange(max = 1_000_000) long seed,
      @ForAll @IntRange(max = 40_000) int length) {
    byte[] data = random(seed, length);
    List<int[]> chunks = cut(data);
    int covered = 0;
    for (int i = 0; i < chunks.size(); i++) {
      int[] c = chunks.get(i);
      assertEquals(covered, c[0], "chunks are contiguous");
      assertTrue(c[1] <= SMALL.max(), "no chunk exceeds max");
      if (i < chunks.size() - 1) {
        assertTrue(c[1] > SMALL.min(), "only the last chunk may be shorter than min, got " + c[1]);
      }
      covered += c[1];
    }
    assertEquals(length, covered);
  }

  @Property(tries = 300)
  void anEditChangesOnlyTheChunksAroundIt(@ForAll @LongRange(max = 1_000_000) long seed,
      @ForAll @IntRange(min = 0, max = 59_000) int position,
      @ForAll @IntRange(min = 0, max = 300) int removed,
      @ForAll @IntRange(min = 0, max = 300) int inserted) {
    byte[] original = random(seed, 60_000);
    byte[] insert = random(seed + 1, inserted);
    int cutEnd = Math.min(original.length, position + removed);
    byte[] edited = new byte[original.length - (cutEnd - position) + inserted];
    System.arraycopy(original, 0, edited, 0, position);
    System.arraycopy(insert, 0, edited, position, inserted);
    System.arraycopy(original, cutEnd, edited, position + inserted, original.length - cutEnd);

    Set<String> before = new HashSet<>(hashes(original));
    long newBytes = 0;
    for (int[] c : cut(edited)) {
      if (!before.contains(hash(edited, c))) {
        newBytes += c[1];
      }
    }
    // The chunk holding the edit and its neighbours may change; further chunks keep their content
    // (a cut candidate depends on the 64 bytes before it only), so new bytes stay within the
    // inserted bytes plus a few maximal chunks, independent of the file's size. Fixed-size
    // chunking fails this for any insertion or removal near the start.
    assertTrue(newBytes <= inserted + 3L * SMALL.max(),
        "edit at " + position + " (-" + removed + " +" + inserted + ") stored " + newBytes + " new bytes");
    Set<String> after = new HashSet<>(hashes(edited));
    for (int[] c : cut(original)) {
      if (c[0] + c[1] <= position) {
        assertTrue(after.contains(hash(original, c)), "chunks before the edit are kept");
      }
    }
  }

  /**
   * Returns reproducible random bytes, for tests of any package.
   *
   * @param seed the seed
   * @param length how many bytes
   * @return the bytes
   */
  public static byte[] random(long seed, int length) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static List<int[]> cut(byte[] data) {
    List<int[]> chunks = new ArrayList<>();
    int offset = 0;
    while (offset < data.length) {
      int n = SMALL.cut(data, offset, data.length - offset);
      chunks.add(new int[] {offset, n});
      offset += n;
    }
    return chunks;
  }

  private static List<String> hashes(byte[] data) {
    return cut(data).stream().map(c -> hash(data, c)).toList();
  }

  private static String hash(byte[] data, int[] c) {
    return Sha256.hex(data, c[0], c[1]);
  }
}
