package dev.mlops.core.internal.drift.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The frequent-items sketch that counts UTF-8 bytes gives exactly the bytes, top items and counts
 * of the one that counted {@code String}s ({@link ReferenceFrequentItems}), whether values come as
 * Strings or as bytes, for ASCII, other UTF-8, malformed UTF-8 and unpaired surrogates, with purges
 * (small capacities) and merges.
 */
class FrequentItemsReferenceProperties {
  /** Values as bytes: ASCII, multi-byte UTF-8, and malformed sequences, some decoding to equal text. */
  private static final List<byte[]> BYTES = new ArrayList<>();
  /** Values as Strings, some with unpaired surrogates (which UTF-8 cannot hold). */
  private static final List<String> STRINGS = new ArrayList<>();

  static {
    for (int i = 0; i < 40; i++) {
      BYTES.add(("v" + i).getBytes(StandardCharsets.UTF_8));
    }
    for (String s : List.of("", "é", "ü-2", "\uD83D\uDE00", "日本", "?", "\uFFFD", "a\uFFFD")) {
      BYTES.add(s.getBytes(StandardCharsets.UTF_8));
    }
    // Malformed: a lone 0xFF, 0xFE, an overlong '/', an encoded surrogate, a cut sequence; each
    // decodes to U+FFFD text, several to the same String.
    BYTES.add(new byte[] {(byte) 0xFF});
    BYTES.add(new byte[] {(byte) 0xFE});
    BYTES.add(new byte[] {(byte) 0xC0, (byte) 0xAF});
    BYTES.add(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
    BYTES.add(new byte[] {'a', (byte) 0xE6, (byte) 0x97});
    BYTES.add(new byte[] {'a', (byte) 0xFF});
    for (byte[] b : BYTES) {
      STRINGS.add(new String(b, StandardCharsets.UTF_8));
    }
    STRINGS.addAll(List.of("\uD800", "\uDC00", "x\uD800", "\uDC00\uD800", "\uD800\uD800"));
  }

  @Property(tries = 300)
  void bytesAndStringsCountAsTheStringSketchDid(@ForAll @IntRange(min = 2, max = 12) int capacity,
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 1_000) Integer> picks,
      @ForAll @Size(max = 100) List<@IntRange(min = 0, max = 1_000) Integer> others) {
    FrequentItems sketch = new FrequentItems(capacity);
    ReferenceFrequentItems reference = new ReferenceFrequentItems(capacity);
    feed(sketch, reference, picks);
    assertSame(reference, sketch);

    FrequentItems other = new FrequentItems(capacity + 1);
    ReferenceFrequentItems otherReference = new ReferenceFrequentItems(capacity + 1);
    feed(other, otherReference, others);
    assertSame(reference.mergedWith(otherReference), sketch.mergedWith(other));
    // Read back as the reference reads it; both refuse the same bytes (strings with unpaired
    // surrogates are written as '?', as they always were, and may then collide with another).
    byte[] bytes = sketch.toBytes();
    ReferenceFrequentItems read;
    try {
      read = ReferenceFrequentItems.fromBytes(bytes);
    } catch (dev.mlops.api.IntegrityException refused) {
      assertEquals(refused.getMessage(),
          org.junit.jupiter.api.Assertions.assertThrows(dev.mlops.api.IntegrityException.class,
              () -> FrequentItems.fromBytes(bytes)).getMessage());
      return;
    }
    assertSame(read, FrequentItems.fromBytes(bytes));
  }

  /**
   * Values as a table column gives them (UTF-8 bytes at an offset in a larger array) with the
   * String calls mixed in: keys of every length around the eight bytes read as one word (0 to 17)
   * and long ones, ASCII, other UTF-8 and malformed bytes, empty values, a few heavy hitters whose
   * counts pass 64 (a purge's median then comes from sorting the counts) or stay at 1 (most
   * counts 1: the median is 1), ties, and many distinct values beyond the capacity, the capacity
   * of a column profile (768) included: the sketch is the reference's, byte for byte.
   */
  @Property(tries = 150)
  void columnValuesCountAsTheStringSketchDid(@ForAll @IntRange(min = 2, max = 40) int smallCapacity,
      @ForAll boolean columnCapacity, @ForAll @IntRange(min = 0, max = 3_000) int values,
      @ForAll @IntRange(min = 0, max = 9) int heavyTenths, @ForAll long seed) {
    int capacity = columnCapacity ? CategoricalSketch.CAPACITY : smallCapacity;
    java.util.Random random = new java.util.Random(seed);
    List<byte[]> pool = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      pool.add(randomValue(random));
    }
    FrequentItems sketch = new FrequentItems(capacity);
    ReferenceFrequentItems reference = new ReferenceFrequentItems(capacity);
    byte[] buffer = new byte[64];
    for (int i = 0; i < values; i++) {
      int kind = random.nextInt(10);
      byte[] value = kind < heavyTenths ? pool.get(random.nextInt(4)) // the heavy hitters
          : kind % 2 == 0 ? randomValue(random) : pool.get(random.nextInt(pool.size()));
      String text = new String(value, StandardCharsets.UTF_8);
      switch (random.nextInt(8)) {
        case 0 -> {
          sketch.update(text);
          reference.update(text);
        }
        case 1 -> {
          long count = 1 + random.nextInt(random.nextBoolean() ? 3 : 200);
          sketch.update(text, count);
          reference.update(text, count);
        }
        default -> {
          int offset = random.nextInt(8);
          if (buffer.length < offset + value.length + 8) {
            buffer = new byte[2 * (offset + value.length + 8)];
          }
          random.nextBytes(buffer); // whatever surrounds the value must not count
          System.arraycopy(value, 0, buffer, offset, value.length);
          sketch.update(buffer, offset, value.length);
          reference.update(text);
        }
      }
    }
    assertSame(reference, sketch);
    assertSame(ReferenceFrequentItems.fromBytes(sketch.toBytes()), FrequentItems.fromBytes(sketch.toBytes()));
    FrequentItems half = new FrequentItems(capacity);
    ReferenceFrequentItems halfReference = new ReferenceFrequentItems(capacity);
    for (byte[] value : pool.subList(0, 30)) {
      half.update(value, 0, value.length);
      halfReference.update(new String(value, StandardCharsets.UTF_8));
    }
    assertSame(reference.mergedWith(halfReference), sketch.mergedWith(half));
  }

  /** Empty, 1 to 17 bytes (around one word) or up to 300, of ASCII, other UTF-8 or any bytes. */
  private static byte[] randomValue(java.util.Random random) {
    int length = random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(18);
    switch (random.nextInt(4)) {
      case 0 -> { // any bytes: often malformed UTF-8
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
      }
      case 1 -> { // other UTF-8: two, three and four byte sequences among ASCII
        StringBuilder text = new StringBuilder();
        String[] parts = {"a", "é", "日", "\uD83D\uDE00", "€", "z"};
        while (text.length() < length) {
          text.append(parts[random.nextInt(parts.length)]);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
      }
      default -> { // ASCII, from a small alphabet so that values repeat
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
          bytes[i] = (byte) (length < 4 ? 'a' + random.nextInt(3) : ' ' + random.nextInt(95));
        }
        return bytes;
      }
    }
  }

  /**
   * Capacities beyond the first allocation (1024 entries, 4096 key bytes): the arrays and table
   * grow while items come, and purges at a large size compact long keys.
   */
  @Property(tries = 20)
  void largeCapacitiesGrowAndPurgeAsTheStringSketchDid(@ForAll @IntRange(min = 1100, max = 3000) int capacity,
      @ForAll long seed) {
    // as many distinct items as the capacity (the arrays grow past 1024 entries), then four times
    // as many (purges, each compacting keys of up to 100 bytes)
    for (int distinct : new int[] {capacity, 4 * capacity}) {
      java.util.Random random = new java.util.Random(seed);
      FrequentItems sketch = new FrequentItems(capacity);
      ReferenceFrequentItems reference = new ReferenceFrequentItems(capacity);
      for (int i = 0; i < 3 * distinct; i++) {
        int v = random.nextInt(distinct) / (1 + random.nextInt(3)); // small values more often
        String item = (v % 3 == 0 ? "long-key-".repeat(v % 11) : v % 3 == 1 ? "é" : "") + v;
        if (random.nextBoolean()) {
          byte[] utf8 = item.getBytes(StandardCharsets.UTF_8);
          sketch.update(utf8, 0, utf8.length);
        } else {
          sketch.update(item);
        }
        reference.update(item);
      }
      assertSame(reference, sketch);
      assertSame(ReferenceFrequentItems.fromBytes(sketch.toBytes()), FrequentItems.fromBytes(sketch.toBytes()));
    }
  }

  /**
   * A sketch of any capacity the former one accepted reads back as it did: the tables are sized
   * from the capacity, which must not overflow for the largest.
   */
  @org.junit.jupiter.api.Test
  void aSketchOfTheLargestCapacityReadsAsTheStringSketchDid() {
    for (int capacity : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 1 << 30}) {
      ReferenceFrequentItems reference = new ReferenceFrequentItems(capacity);
      reference.update("a", 3);
      reference.update("é");
      byte[] bytes = reference.toBytes();
      assertSame(ReferenceFrequentItems.fromBytes(bytes), FrequentItems.fromBytes(bytes));
      FrequentItems sketch = new FrequentItems(capacity);
      sketch.update("a", 3);
      sketch.update("é".getBytes(StandardCharsets.UTF_8), 0, 2);
      assertSame(reference, sketch);
    }
  }

  /** Even picks are given as bytes (when the pool has them), odd ones as Strings. */
  private static void feed(FrequentItems sketch, ReferenceFrequentItems reference, List<Integer> picks) {
    for (int pick : picks) {
      int value = pick / 2;
      if (pick % 2 == 0 && value % STRINGS.size() < BYTES.size()) {
        byte[] bytes = BYTES.get(value % STRINGS.size());
        byte[] padded = new byte[bytes.length + 3]; // at an offset in a larger array, as from a reused buffer
        System.arraycopy(bytes, 0, padded, 2, bytes.length);
        sketch.update(padded, 2, bytes.length);
        reference.update(new String(bytes, StandardCharsets.UTF_8));
      } else if (value % 7 == 6) {
        sketch.update(STRINGS.get(value % STRINGS.size()), value % 5 + 1);
        reference.update(STRINGS.get(value % STRINGS.size()), value % 5 + 1);
      } else {
        sketch.update(STRINGS.get(value % STRINGS.size()));
        reference.update(STRINGS.get(value % STRINGS.size()));
      }
    }
  }

  private static void assertSame(ReferenceFrequentItems reference, FrequentItems sketch) {
    assertArrayEquals(reference.toBytes(), sketch.toBytes());
    assertEquals(reference.estimates(), sketch.estimates());
    assertEquals(reference.top(10), sketch.top(10));
    assertEquals(reference.maximumError(), sketch.maximumError());
    assertEquals(reference.n(), sketch.n());
  }
}
