package dev.mlops.core.internal.drift.profile;

import dev.mlops.api.IntegrityException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of strings in bounded memory (Misra and Gries, "Finding repeated elements", 1982, with
 * the decrement done in batches): up to {@code capacity} items are counted exactly; one more, and
 * the median count is subtracted from every item, those at 0 or below are dropped, and the
 * subtracted amount is added to {@link #maximumError()}. Each tracked item's true count then lies
 * in [count, count + maximumError], and any item whose true count exceeds the maximum error is
 * tracked. Deterministic (no randomness). Not thread-safe.
 *
 * <p>Items are kept as bytes in one array with an open-addressing table over them, so a value
 * read as UTF-8 from a table column ({@link #update(byte[], int, int)}) is counted without a
 * {@code String} or any object per value; a {@code String} is made only for the items reported
 * or written. Each item's key is its UTF-8 encoding, one key per distinct {@code String} (see
 * {@link #key}), so the counts are those of a map of {@code String}s, value for value.
 *
 * <p>Binary form, big-endian: "MLFI", version (1 byte), capacity, n, maximum error, the item
 * count, then per item in ascending order its UTF-8 length, bytes and count; last a CRC-32.
 */
final class FrequentItems {
  private static final int MAGIC = 0x4d4c4649; // "MLFI"
  private static final int VERSION = 1;
  /** Starts a key that is not UTF-8: a string with unpaired surrogates, kept as its UTF-16 chars. */
  private static final byte NOT_UTF8 = (byte) 0xFF;
  private static final int SMALL_COUNTS = 64;
  private static final long SEED = 0x9E3779B97F4A7C15L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final int capacity;
  private long n;
  private long maximumError;

  // The tracked items: entry i's key is keys[offsets[i], offsets[i] + lengths[i]).
  private int size;
  private byte[] keys = new byte[4096];
  private int keysEnd;
  private int[] offsets;
  private int[] lengths;
  private int[] hashes;
  /** Per entry of at most eight bytes its {@link #word}; 0 for longer ones. */
  private long[] words;
  private long[] counts;
  /** The item as a String where it was given as one or already made; null otherwise. */
  private String[] strings;
  /** Open addressing over the entries: entry index + 1, 0 for an empty slot. */
  private int[] table;
  private byte[] scratch = new byte[64];
  /** {@link #median()}'s histogram: entries per count below {@link #SMALL_COUNTS}, and above. */
  private final int[] smallCounts = new int[SMALL_COUNTS + 1];

  FrequentItems(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2, got " + capacity);
    }
    this.capacity = capacity;
    // grows as items come, for sketches of huge capacity (in long: capacity + 1 overflows for the largest)
    int entries = (int) Math.min(capacity + 1L, 1024);
    offsets = new int[entries];
    lengths = new int[entries];
    hashes = new int[entries];
    words = new long[entries];
    counts = new long[entries];
    strings = new String[entries];
    table = new int[tableSize(entries)];
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

  /**
   * Adds one value given as bytes, as {@code update(new String(bytes, offset, length, UTF_8))}
   * would (malformed UTF-8 counts as the text it decodes to), without making that String when the
   * bytes are ASCII.
   */
  void update(byte[] bytes, int offset, int length) {
    if (length <= 8) {
      long word = word(bytes, offset, length);
      if ((word & HIGH_BITS) == 0) { // ASCII (see below)
        addShort(bytes, offset, length, word);
        n++;
        return;
      }
    }
    long hashAndFlag = hash(bytes, offset, length);
    if (hashAndFlag < 0) { // not ASCII: the key of the decoded text, which may differ from the bytes
      update(new String(bytes, offset, length, StandardCharsets.UTF_8));
      return;
    }
    // ASCII is its own UTF-8 encoding and decodes to one String per byte sequence.
    add(bytes, offset, length, (int) hashAndFlag, null, 1);
    n++;
  }

  private void add(String item, long count) {
    int length = key(item);
    add(scratch, 0, length, (int) hash(scratch, 0, length), item, count);
  }

  /**
   * Writes the item's key to {@link #scratch} and returns its length: the UTF-8 encoding, which
   * is one to one for strings without unpaired surrogates; a string with one (which UTF-8 cannot
   * encode: getBytes would write '?' for it) is keyed by its UTF-16 chars after a 0xFF byte, which
   * no UTF-8 encoding holds.
   */
  private int key(String item) {
    int length = item.length();
    boolean ascii = true;
    for (int i = 0; i < length && ascii; i++) {
      ascii = item.charAt(i) < 0x80;
    }
    if (ascii) {
      ensureScratch(length);
      for (int i = 0; i < length; i++) {
        scratch[i] = (byte) item.charAt(i);
      }
      return length;
    }
    if (!unpairedSurrogate(item)) {
      byte[] utf8 = item.getBytes(StandardCharsets.UTF_8);
      ensureScratch(utf8.length);
      System.arraycopy(utf8, 0, scratch, 0, utf8.length);
      return utf8.length;
    }
    ensureScratch(1 + 2 * length);
    scratch[0] = NOT_UTF8;
    for (int i = 0; i < length; i++) {
      char c = item.charAt(i);
      scratch[1 + 2 * i] = (byte) (c >>> 8);
      scratch[2 + 2 * i] = (byte) c;
    }
    return 1 + 2 * length;
  }

  private static boolean unpairedSurrogate(String item) {
    for (int i = 0; i < item.length(); i++) {
      char c = item.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < item.length() && Character.isLowSurrogate(item.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private void ensureScratch(int length) {
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, 2 * scratch.length)];
    }
  }

  /**
   * {@link #add(byte[], int, int, int, String, long)} of one ASCII key of at most eight bytes and
   * no String, matched by its {@link #word} rather than a comparison of its bytes (the word and
   * the length are the key).
   */
  private void addShort(byte[] key, int offset, int length, long word) {
    int hash = finish(mix(length * SEED, word));
    int mask = table.length - 1;
    int slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      int entry = table[slot] - 1;
      if (entry < 0) {
        break;
      }
      if (words[entry] == word && lengths[entry] == length) {
        counts[entry]++;
        return;
      }
    }
    insert(key, offset, length, hash, null, 1, slot);
    if (size > capacity) {
      purge();
    }
  }

  private void add(byte[] key, int offset, int length, int hash, String item, long count) {
    int mask = table.length - 1;
    int slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      int entry = table[slot] - 1;
      if (entry < 0) {
        break;
      }
      if (hashes[entry] == hash && lengths[entry] == length
          && java.util.Arrays.equals(keys, offsets[entry], offsets[entry] + length, key, offset, offset + length)) {
        counts[entry] += count;
        if (strings[entry] == null) {
          strings[entry] = item;
        }
        return;
      }
    }
    insert(key, offset, length, hash, item, count, slot);
    if (size > capacity) {
      purge();
    }
  }

  /**
   * Adds an entry for a key known to be absent, at {@code slot}: the empty slot its probe ended
   * at (moved when the table grows).
   */
  private void insert(byte[] key, int offset, int length, int hash, String item, long count, int slot) {
    if (size == counts.length) {
      int entries = (int) Math.min(capacity + 1L, 2L * size);
      offsets = java.util.Arrays.copyOf(offsets, entries);
      lengths = java.util.Arrays.copyOf(lengths, entries);
      hashes = java.util.Arrays.copyOf(hashes, entries);
      words = java.util.Arrays.copyOf(words, entries);
      counts = java.util.Arrays.copyOf(counts, entries);
      strings = java.util.Arrays.copyOf(strings, entries);
      table = new int[tableSize(entries)];
      for (int e = 0; e < size; e++) {
        place(e);
      }
      slot = hash & (table.length - 1);
      while (table[slot] != 0) {
        slot = (slot + 1) & (table.length - 1);
      }
    }
    if (keysEnd + length > keys.length) {
      keys = java.util.Arrays.copyOf(keys, Math.max(keysEnd + length, 2 * keys.length));
    }
    System.arraycopy(key, offset, keys, keysEnd, length);
    offsets[size] = keysEnd;
    lengths[size] = length;
    hashes[size] = hash;
    words[size] = length <= 8 ? word(key, offset, length) : 0;
    counts[size] = count;
    strings[size] = item;
    keysEnd += length;
    table[slot] = size + 1;
    size++;
  }

  private void place(int entry) {
    int mask = table.length - 1;
    int slot = hashes[entry] & mask;
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = entry + 1;
  }

  /** A power of two at least twice the entries, so probes stay short. */
  private static int tableSize(int entries) {
    return Integer.highestOneBit(Math.max(2, entries) * 4 - 1);
  }

  /**
   * The key's hash in the low 32 bits, and the sign bit set when a byte is not ASCII: one pass
   * reading eight bytes at a time (the last word read overlapping, so every byte counts once or
   * twice and none past the key; a key of at most eight bytes is its {@link #word}). The hash only
   * picks table slots, in no output and no order of the entries, so it may change without
   * changing any result.
   */
  private static long hash(byte[] key, int offset, int length) {
    long h = length * SEED;
    long bits; // every byte or-ed in: a high bit set means a byte is not ASCII
    if (length <= 8) {
      bits = word(key, offset, length);
      h = mix(h, bits);
    } else {
      int end = offset + length;
      bits = 0;
      for (int i = offset; i < end - 8; i += 8) {
        long w = (long) LONGS.get(key, i);
        bits |= w;
        h = mix(h, w);
      }
      long w = (long) LONGS.get(key, end - 8);
      bits |= w;
      h = mix(h, w);
    }
    int hash = finish(h);
    return (bits & HIGH_BITS) != 0 ? Long.MIN_VALUE | (hash & 0xFFFFFFFFL) : hash & 0xFFFFFFFFL;
  }

  /**
   * A key of at most eight bytes as one long that holds every byte (two overlapping ints from
   * four bytes on, the first, middle and last byte below), so keys of one length are equal if and
   * only if their words are.
   */
  private static long word(byte[] key, int offset, int length) {
    int end = offset + length;
    if (length >= 4) {
      return ((int) INTS.get(key, offset) & 0xFFFFFFFFL) | ((long) (int) INTS.get(key, end - 4) << 32);
    }
    if (length > 0) {
      return (key[offset] & 0xFF) | (key[offset + length / 2] & 0xFF) << 8 | (key[end - 1] & 0xFF) << 16;
    }
    return 0;
  }

  private static long mix(long h, long word) {
    h = (h ^ word) * 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 31);
  }

  private static int finish(long h) {
    h *= 0x94D049BB133111EBL;
    return (int) (h ^ (h >>> 32));
  }

  private void purge() {
    long median = median();
    // Keeps the entries left above 0, in their order, with their keys moved down in one pass.
    int kept = 0;
    int end = 0;
    for (int e = 0; e < size; e++) {
      long count = counts[e] - median;
      if (count <= 0) {
        continue;
      }
      System.arraycopy(keys, offsets[e], keys, end, lengths[e]);
      offsets[kept] = end;
      lengths[kept] = lengths[e];
      hashes[kept] = hashes[e];
      words[kept] = words[e];
      counts[kept] = count;
      strings[kept] = strings[e];
      end += lengths[e];
      kept++;
    }
    java.util.Arrays.fill(strings, kept, size, null);
    size = kept;
    keysEnd = end;
    java.util.Arrays.fill(table, 0);
    for (int e = 0; e < size; e++) {
      place(e);
    }
    maximumError += median;
  }

  /**
   * The count at index size / 2 of the counts sorted: from a histogram of the counts when it is
   * below {@link #SMALL_COUNTS} (mostly 1 in a column of distinct values), else by sorting them.
   */
  private long median() {
    // Most often more than half the counts are 1 (a column of distinct values): then the one at
    // size / 2 is 1, whatever the others are, found in one pass without a dependent store.
    int ones = 0;
    for (int e = 0; e < size; e++) {
      ones += counts[e] == 1 ? 1 : 0;
    }
    if (ones > size / 2) {
      return 1;
    }
    int[] histogram = smallCounts;
    java.util.Arrays.fill(histogram, 0);
    for (int e = 0; e < size; e++) {
      long count = counts[e];
      histogram[count < 1 ? 0 : count < SMALL_COUNTS ? (int) count : SMALL_COUNTS]++;
    }
    if (histogram[0] == 0) { // (a count given below 1 goes to the sort)
      int atMost = 0; // entries with a count of at most the one tried
      for (int count = 1; count < SMALL_COUNTS; count++) {
        atMost += histogram[count];
        if (atMost > size / 2) {
          return count;
        }
      }
    }
    long[] values = java.util.Arrays.copyOf(counts, size);
    java.util.Arrays.sort(values);
    return values[size / 2];
  }

  /** Entry i's item as a String, made (and kept) on first use. */
  private String item(int entry) {
    if (strings[entry] == null) { // only keys given as ASCII bytes have none
      strings[entry] = new String(keys, offsets[entry], lengths[entry], StandardCharsets.ISO_8859_1);
    }
    return strings[entry];
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
    for (int e = 0; e < size; e++) {
      out.put(item(e), counts[e] + maximumError);
    }
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
  FrequentItems mergedWith(FrequentItems other) {
    FrequentItems out = new FrequentItems(Math.min(capacity, other.capacity));
    for (FrequentItems from : List.of(this, other)) {
      for (Map.Entry<String, Long> item : from.sortedItems()) {
        out.add(item.getKey(), item.getValue());
      }
    }
    out.n = n + other.n;
    out.maximumError += maximumError + other.maximumError;
    return out;
  }

  /** The items with their counts (without the maximum error), in ascending order. */
  private List<Map.Entry<String, Long>> sortedItems() {
    List<Map.Entry<String, Long>> items = new ArrayList<>(size);
    for (int e = 0; e < size; e++) {
      items.add(Map.entry(item(e), counts[e]));
    }
    items.sort(Map.Entry.comparingByKey());
    return items;
  }

  byte[] toBytes() {
    List<Map.Entry<String, Long>> items = sortedItems();
    List<byte[]> encoded = new ArrayList<>();
    int bytes = 4 + 1 + 4 + 8 + 8 + 4 + 4;
    for (Map.Entry<String, Long> item : items) {
      byte[] utf8 = item.getKey().getBytes(StandardCharsets.UTF_8);
      encoded.add(utf8);
      bytes += 4 + utf8.length + 8;
    }
    ByteBuffer out = ByteBuffer.allocate(bytes);
    out.putInt(MAGIC).put((byte) VERSION).putInt(capacity).putLong(n).putLong(maximumError).putInt(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.putInt(encoded.get(i).length).put(encoded.get(i)).putLong(items.get(i).getValue());
    }
    return SketchFrame.seal(out);
  }

  /**
   * Reads {@link #toBytes()}; checks the checksum, that the items are distinct and ascending, the
   * counts positive and within n, and that nothing follows.
   *
   * @throws IntegrityException otherwise
   */
  static FrequentItems fromBytes(byte[] bytes) {
    ByteBuffer in = SketchFrame.open(bytes, 4 + 1 + 4 + 8 + 8 + 4 + 4, MAGIC, VERSION, FrequentItems::damaged);
    try {
      int capacity = in.getInt();
      long n = in.getLong();
      long maximumError = in.getLong();
      int size = in.getInt();
      if (capacity < 2 || n < 0 || maximumError < 0 || maximumError > n || size < 0 || size > capacity) {
        throw damaged("its header is out of range");
      }
      FrequentItems sketch = new FrequentItems(capacity);
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
        sketch.add(item, count); // distinct and at most capacity items: no purge
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
