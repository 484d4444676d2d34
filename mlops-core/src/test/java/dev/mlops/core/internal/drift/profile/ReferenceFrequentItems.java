package dev.mlops.core.internal.drift.profile;

import dev.mlops.api.IntegrityException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frequent-items sketch as it was before it counted UTF-8 bytes (a HashMap of Strings), kept
 * as the reference the faster one must match byte for byte ({@code FrequentItemsProperties}).
 *
 * <p>Counts of strings in bounded memory (Misra and Gries, "Finding repeated elements", 1982, with
 * the decrement done in batches): up to {@code capacity} items are counted exactly; one more, and
 * the median count is subtracted from every item, those at 0 or below are dropped, and the
 * subtracted amount is added to {@link #maximumError()}. Each tracked item's true count then lies
 * in [count, count + maximumError], and any item whose true count exceeds the maximum error is
 * tracked. Deterministic (no randomness). Not thread-safe.
 *
 * <p>Binary form, big-endian: "MLFI", version (1 byte), capacity, n, maximum error, the item
 * count, then per item in ascending order its UTF-8 length, bytes and count; last a CRC-32.
 */
final class ReferenceFrequentItems {
  private static final int MAGIC = 0x4d4c4649; // "MLFI"
  private static final int VERSION = 1;

  private final int capacity;
  private final HashMap<String, long[]> counts = new HashMap<>();
  private long n;
  private long maximumError;

  ReferenceFrequentItems(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
    }
    this.capacity = capacity;
  }

  void update(String item) {
    add(item, 1);
    n++;
  }

  /** Adds an item seen {@code count} times, as that many {@link #update(String)} calls would. */
  void update(String item, long count) {
    add(item, count);
    n += count;
  }

  private void add(String item, long count) {
    long[] counter = counts.get(item);
    if (counter != null) {
      counter[0] += count;
      return;
    }
    counts.put(item, new long[] {count});
    if (counts.size() > capacity) {
      purge();
    }
  }

  private void purge() {
    long[] values = new long[counts.size()];
    int i = 0;
    for (long[] counter : counts.values()) {
      values[i++] = counter[0];
    }
    java.util.Arrays.sort(values);
    long median = values[values.length / 2];
    counts.values().removeIf(counter -> (counter[0] -= median) <= 0);
    maximumError += median;
  }

  /** Values seen. */
  long n() {
    return n;
  }

  /** How far any estimate may be above the true count; 0 while every count is exact. */
  long maximumError() {
    return maximumError;
  }

  /** Per tracked item its estimate, the upper bound count + maximum error. */
  Map<String, Long> estimates() {
    Map<String, Long> out = new HashMap<>();
    counts.forEach((item, counter) -> out.put(item, counter[0] + maximumError));
    return out;
  }

  /**
   * The {@code limit} items with the largest estimates, largest first (ties by item), each with
   * its estimate.
   */
  Map<String, Long> top(int limit) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(estimates().entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : entries.subList(0, Math.min(limit, entries.size()))) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  /** A sketch of both inputs' values, neither changed, with the smaller capacity. */
  ReferenceFrequentItems mergedWith(ReferenceFrequentItems other) {
    ReferenceFrequentItems out = new ReferenceFrequentItems(Math.min(capacity, other.capacity));
    for (ReferenceFrequentItems from : List.of(this, other)) {
      for (String item : from.sortedItems()) {
        out.add(item, from.counts.get(item)[0]);
      }
    }
    out.n = n + other.n;
    out.maximumError += maximumError + other.maximumError;
    return out;
  }

  private List<String> sortedItems() {
    List<String> items = new ArrayList<>(counts.keySet());
    items.sort(null);
    return items;
  }

  byte[] toBytes() {
    List<String> items = sortedItems();
    List<byte[]> encoded = new ArrayList<>();
    int size = 4 + 1 + 4 + 8 + 8 + 4 + 4;
    for (String item : items) {
      byte[] utf8 = item.getBytes(StandardCharsets.UTF_8);
      encoded.add(utf8);
      size += 4 + utf8.length + 8;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(MAGIC).put((byte) VERSION).putInt(capacity).putLong(n).putLong(maximumError).putInt(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.putInt(encoded.get(i).length).put(encoded.get(i)).putLong(counts.get(items.get(i))[0]);
    }
    return SketchFrame.seal(out);
  }

  /**
   * Reads {@link #toBytes()}; checks the checksum, that the items are distinct and ascending, the
   * counts positive and within n, and that nothing follows.
   *
   * @throws IntegrityException otherwise
   */
  static ReferenceFrequentItems fromBytes(byte[] bytes) {
    ByteBuffer in = SketchFrame.open(bytes, 4 + 1 + 4 + 8 + 8 + 4 + 4, MAGIC, VERSION, ReferenceFrequentItems::damaged);
    try {
      int capacity = in.getInt();
      long n = in.getLong();
      long maximumError = in.getLong();
      int size = in.getInt();
      if (capacity < 2 || n < 0 || maximumError < 0 || maximumError > n || size < 0 || size > capacity) {
        throw damaged("its header is out of range");
      }
      ReferenceFrequentItems sketch = new ReferenceFrequentItems(capacity);
      var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      String previous = null;
      long total = 0;
      for (int i = 0; i < size; i++) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          throw damaged("item " + i + " has a bad length " + length);
        }
        String item = decoder.decode(in.slice(in.position(), length)).toString();
        in.position(in.position() + length);
        long count = in.getLong();
        if (count <= 0 || count > n - total || (previous != null && previous.compareTo(item) >= 0)) {
          throw damaged("item " + i + " is out of order or its count " + count + " out of range");
        }
        sketch.counts.put(item, new long[] {count});
        total += count;
        previous = item;
      }
      if (in.hasRemaining()) {
        throw damaged(in.remaining() + " bytes follow the sketch");
      }
      sketch.n = n;
      sketch.maximumError = maximumError;
      return sketch;
    } catch (BufferUnderflowException | CharacterCodingException e) {
      throw damaged("it ends early or holds text that is not UTF-8");
    }
  }

  private static IntegrityException damaged(String why) {
    return new IntegrityException("Not a valid frequent-items sketch: " + why);
  }
}
