package dev.mlops.core.internal.drift.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The frequent-items sketch against exact counts, counted here with a HashMap. */
class FrequentItemsTest {
  /** 3,000 distinct words, word i appearing ⌈20,000 / (i + 1)⌉ times (Zipf-like), shuffled. */
  private static List<String> zipf(Random random) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      for (int c = 0; c < Math.ceil(20_000.0 / (i + 1)); c++) {
        words.add("w" + i);
      }
    }
    Collections.shuffle(words, random);
    return words;
  }

  private static Map<String, Long> exact(List<String> words) {
    Map<String, Long> counts = new HashMap<>();
    words.forEach(w -> counts.merge(w, 1L, Long::sum));
    return counts;
  }

  /** Misra-Gries's guarantees: each estimate within [exact, exact + error], nothing above the error lost. */
  private static void assertBounds(FrequentItems sketch, Map<String, Long> exact, long n) {
    long error = sketch.maximumError();
    assertTrue(error > 0, "the stream has more distinct words than the capacity");
    // Each purge takes the median m from more than capacity / 2 counters, so the errors add up to
    // at most n / (capacity / 2).
    assertTrue(error <= 2 * n / 768, "error " + error);
    Map<String, Long> estimates = sketch.estimates();
    estimates.forEach((word, estimate) -> {
      long truth = exact.get(word);
      assertTrue(estimate - error <= truth && truth <= estimate, word + ": " + truth + " vs " + estimate);
    });
    exact.forEach((word, truth) -> assertTrue(truth <= error || estimates.containsKey(word),
        word + " (" + truth + ") lost with error " + error));
  }

  @Test
  @DisplayName("up to 768 distinct values every count is exact; beyond, within the maximum error")
  void exactThenBounded() {
    FrequentItems sketch = new FrequentItems(CategoricalSketch.CAPACITY);
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 768 * 3; i++) {
      words.add("v" + i % 768);
    }
    words.forEach(sketch::update);
    assertEquals(0, sketch.maximumError());
    assertEquals(exact(words), sketch.estimates());

    List<String> stream = zipf(new Random(5));
    FrequentItems big = new FrequentItems(CategoricalSketch.CAPACITY);
    stream.forEach(big::update);
    assertEquals(stream.size(), big.n());
    assertBounds(big, exact(stream), stream.size());
    assertEquals(List.of("w0", "w1", "w2"), List.copyOf(big.top(3).keySet()), "most frequent first");
  }

  @Test
  @DisplayName("a merge of two halves keeps the bounds against the union's exact counts")
  void mergeKeepsTheBounds() {
    List<String> stream = zipf(new Random(6));
    FrequentItems a = new FrequentItems(CategoricalSketch.CAPACITY);
    FrequentItems b = new FrequentItems(CategoricalSketch.CAPACITY);
    for (int i = 0; i < stream.size(); i++) {
      (i % 2 == 0 ? a : b).update(stream.get(i));
    }
    FrequentItems merged = a.mergedWith(b);
    assertEquals(stream.size(), merged.n());
    assertBounds(merged, exact(stream), stream.size());
  }

  @Test
  @DisplayName("ties in the top list are in value order, so equal data give equal manifests")
  void tiesInValueOrder() {
    FrequentItems sketch = new FrequentItems(10);
    for (String w : new String[] {"b", "a", "c", "a", "b", "c", "d"}) {
      sketch.update(w);
    }
    assertEquals(List.of("a", "b", "c", "d"), List.copyOf(sketch.top(10).keySet()));
  }

  @Test
  @DisplayName("bytes with a matching checksum but counts beyond n are refused")
  void inconsistentCountsAreRefusedEvenWithAValidChecksum() {
    FrequentItems sketch = new FrequentItems(10);
    sketch.update("a");
    sketch.update("a");
    byte[] bytes = sketch.toBytes();
    ByteBuffer.wrap(bytes).putLong(9, 1); // n: 2 -> 1, below the count of "a"
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    IntegrityException e = assertThrows(IntegrityException.class, () -> FrequentItems.fromBytes(bytes));
    assertTrue(e.getMessage().contains("out of range"), e.getMessage());
  }
}
