package dev.mlops.core.internal.drift.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.api.IntegrityException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The sketches' binary forms: what is written reads back to the same sketch (same bytes, same
 * ranks), and any truncation or flipped bit is an {@link IntegrityException}, never a sketch.
 */
class SketchFormatProperties {
  @Property(tries = 200)
  void quantileSketchesRoundTrip(
      @ForAll @Size(max = 3_000) List<@DoubleRange(min = -1e300, max = 1e300) Double> values,
      @ForAll @IntRange(min = 8, max = 300) int k) {
    QuantileSketch sketch = QuantileSketch.create(k);
    values.forEach(sketch::update);
    byte[] bytes = sketch.toBytes();
    QuantileSketch read = QuantileSketch.fromBytes(bytes);
    assertArrayEquals(bytes, read.toBytes());
    assertEquals(sketch.n(), read.n());
    assertArrayEquals(sketch.view().items, read.view().items);
    assertArrayEquals(sketch.view().cumulativeWeights, read.view().cumulativeWeights);
    // The generator's state travels too: both go on to give the same bytes.
    sketch.update(1);
    read.update(1);
    assertArrayEquals(sketch.toBytes(), read.toBytes());
  }

  @Property(tries = 200)
  void damagedQuantileSketchesAreRefused(
      @ForAll @Size(max = 1_000) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where, @ForAll @IntRange(min = 0, max = 7) int bit) {
    QuantileSketch sketch = QuantileSketch.create(16);
    values.forEach(sketch::update);
    assertRefused(sketch.toBytes(), where, bit, QuantileSketch::fromBytes);
  }

  @Property(tries = 200)
  void frequentItemsRoundTrip(@ForAll @Size(max = 2_000) List<@StringLength(max = 3) String> words,
      @ForAll @IntRange(min = 2, max = 50) int capacity) {
    FrequentItems items = new FrequentItems(capacity);
    words.forEach(items::update);
    byte[] bytes = items.toBytes();
    FrequentItems read = FrequentItems.fromBytes(bytes);
    assertArrayEquals(bytes, read.toBytes());
    assertEquals(items.estimates(), read.estimates());
    assertEquals(items.maximumError(), read.maximumError());
    assertEquals(items.n(), read.n());
  }

  @Property(tries = 200)
  void damagedFrequentItemsAreRefused(@ForAll @Size(max = 500) List<@StringLength(max = 4) String> words,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where, @ForAll @IntRange(min = 0, max = 7) int bit) {
    FrequentItems items = new FrequentItems(20);
    words.forEach(items::update);
    assertRefused(items.toBytes(), where, bit, FrequentItems::fromBytes);
  }

  private static void assertRefused(byte[] bytes, int where, int bit, java.util.function.Function<byte[], ?> read) {
    assertThrows(IntegrityException.class, () -> read.apply(Arrays.copyOf(bytes, where % bytes.length)),
        "truncated");
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(IntegrityException.class, () -> read.apply(longer), "a byte added");
    byte[] flipped = bytes.clone();
    flipped[where % bytes.length] ^= (byte) (1 << bit);
    assertThrows(IntegrityException.class, () -> read.apply(flipped), "bit " + bit + " of byte " + where % bytes.length);
  }
}
