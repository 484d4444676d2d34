package dev.mlops.core.internal.experiment;

import dev.mlops.api.IntegrityException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The columnar format of a metric segment (one object per flush):
 *
 * <pre>
 * "MSG3"
 * varint keyCount
 * per key: varint nameLength, name (UTF-8), varint pointCount, varint blockLength,
 *          varint previewCount, varint previewLength
 * per key: preview    (previewCount points, encoded like a block)
 * CRC32 of everything above, 4 bytes big-endian
 * per key: block      (pointCount points, encoded by {@link BlockCodec})
 * CRC32 of everything above, 4 bytes big-endian
 * </pre>
 *
 * Segments written before are "MSG2", the same but for the blocks' encoding, and still read. The
 * preview holds, per key, the minimum and maximum finite point of each of up to
 * {@link PreviewPicker#BUCKETS} buckets plus the first and last point: a chart of millions of
 * points reads only the segments' first few kilobytes.
 */
final class SegmentCodec {
  static final byte[] MAGIC = {'M', 'S', 'G', (byte) ('0' + BlockCodec.VERSION)};

  private SegmentCodec() {}

  /** Where one key's points (or preview points) sit inside a segment. */
  record Block(int version, byte[] data, int offset, int length, int count) {}

  /** The parsed header of a segment: its block version, per key its name, counts and lengths. */
  record Header(int version, String[] names, int[] counts, int[] blockLengths, int[] previewCounts,
      int[] previewLengths, int previewsStart, int blocksStart) {
    int previewsEnd() {
      return blocksStart - 4;
    }
  }

  /** Receives the last point of each key in an encoded segment. */
  @FunctionalInterface
  interface LastPoint {
    void accept(int key, long step, double value);
  }

  /**
   * Reusable buffers of the encoder. The points of a segment are first copied into these
   * columns grouped by key (a counting sort, stable), so each block is then written from
   * contiguous memory.
   */
  static final class Scratch {
    final ByteSink blocks = new ByteSink(1 << 16);
    final ByteSink previews = new ByteSink(1 << 12);
    long[] steps = new long[0];
    long[] times = new long[0];
    double[] values = new double[0];
    /** [0..keyCount]: where each key's points start in the columns; the last is the total. */
    int[] start = new int[0];
    int[] next = new int[0];
    /** Per point of the chunk being grouped: its place in the columns. */
    private int[] at = new int[0];
    int keyCount;
    int[] preview = new int[PreviewPicker.MAX_POINTS];
    private final long[] previewSteps = new long[preview.length];
    private final long[] previewTimes = new long[preview.length];
    private final double[] previewValues = new double[preview.length];

    /** Calls {@code to} with the last point of each key present in the last encoded segment. */
    void forEachLast(LastPoint to) {
      for (int k = 0; k < keyCount; k++) {
        if (start[k + 1] > start[k]) {
          int last = start[k + 1] - 1;
          to.accept(k, steps[last], values[last]);
        }
      }
    }

    private void group(List<MetricChunk> chunks, int keys) {
      int n = 0;
      for (MetricChunk chunk : chunks) {
        n += chunk.size;
      }
      if (steps.length < n) {
        steps = new long[n];
        times = new long[n];
        values = new double[n];
      }
      if (start.length < keys + 1) {
        start = new int[keys + 16];
        next = new int[keys + 16];
      }
      keyCount = keys;
      Arrays.fill(start, 0, keys + 1, 0);
      for (MetricChunk chunk : chunks) {
        int[] chunkKeys = chunk.keys;
        for (int i = 0; i < chunk.size; i++) {
          start[chunkKeys[i] + 1]++;
        }
      }
      for (int k = 0; k < keys; k++) {
        start[k + 1] += start[k];
      }
      System.arraycopy(start, 0, next, 0, keys);
      for (MetricChunk chunk : chunks) {
        scatter(chunk);
      }
    }

    /**
     * Copies one chunk's points to their grouped places, one column at a time: the destinations
     * are computed once, then each column is copied in its own loop. Copying all three columns
     * in one loop writes to three times as many places at once and ran three times slower.
     */
    private void scatter(MetricChunk chunk) {
      int n = chunk.size;
      if (at.length < n) {
        at = new int[chunk.capacity()];
      }
      int[] chunkKeys = chunk.keys;
      for (int i = 0; i < n; i++) {
        at[i] = next[chunkKeys[i]]++;
      }
      long[] from = chunk.steps;
      for (int i = 0; i < n; i++) {
        steps[at[i]] = from[i];
      }
      from = chunk.times;
      for (int i = 0; i < n; i++) {
        times[at[i]] = from[i];
      }
      double[] fromValues = chunk.values;
      for (int i = 0; i < n; i++) {
        values[at[i]] = fromValues[i];
      }
    }
  }

  /**
   * Encodes the points of {@code chunks} (in order) as one segment into {@code out}: grouped by
   * key, logging order within a key.
   */
  static void encode(List<MetricChunk> chunks, String[] names, int keyCount, ByteSink out,
      Scratch s) {
    s.group(chunks, keyCount);
    int[] start = s.start;
    int[] blockLength = new int[keyCount];
    int[] previewCount = new int[keyCount];
    int[] previewLength = new int[keyCount];
    s.blocks.reset();
    s.previews.reset();
    int present = 0;
    for (int k = 0; k < keyCount; k++) {
      int from = start[k];
      int to = start[k + 1];
      if (from == to) {
        continue;
      }
      present++;
      int before = s.blocks.size();
      writePoints(s, from, to, s.blocks);
      blockLength[k] = s.blocks.size() - before;
      int picked = PreviewPicker.pick(s.values, from, to, s.preview);
      before = s.previews.size();
      writePreview(s, s.preview, picked, s.previews);
      previewCount[k] = picked;
      previewLength[k] = s.previews.size() - before;
    }
    out.reset();
    out.bytes(MAGIC);
    out.varint(present);
    for (int k = 0; k < keyCount; k++) {
      if (start[k] == start[k + 1]) {
        continue;
      }
      byte[] name = names[k].getBytes(StandardCharsets.UTF_8);
      out.varint(name.length);
      out.bytes(name);
      out.varint(start[k + 1] - start[k]);
      out.varint(blockLength[k]);
      out.varint(previewCount[k]);
      out.varint(previewLength[k]);
    }
    out.bytes(s.previews.array(), 0, s.previews.size());
    crc(out);
    out.bytes(s.blocks.array(), 0, s.blocks.size());
    crc(out);
  }

  private static void crc(ByteSink out) {
    CRC32 crc = new CRC32();
    crc.update(out.array(), 0, out.size());
    out.int32((int) crc.getValue());
  }

  /** Writes the grouped points {@code [from, to)} as one block. */
  private static void writePoints(Scratch s, int from, int to, ByteSink out) {
    BlockCodec.writeRuns(s.steps, from, to, out);
    BlockCodec.writeRuns(s.times, from, to, out);
    BlockCodec.writeValues(s.values, from, to, out);
  }

  /** Writes the grouped points at {@code index[0..count)} as one block, like a full block. */
  private static void writePreview(Scratch s, int[] index, int count, ByteSink out) {
    for (int j = 0; j < count; j++) {
      s.previewSteps[j] = s.steps[index[j]];
      s.previewTimes[j] = s.times[index[j]];
      s.previewValues[j] = s.values[index[j]];
    }
    BlockCodec.writeRuns(s.previewSteps, 0, count, out);
    BlockCodec.writeRuns(s.previewTimes, 0, count, out);
    BlockCodec.writeValues(s.previewValues, 0, count, out);
  }

  /** Parses the header of a segment (or of its first bytes). */
  static Header header(String segmentKey, byte[] data, int available) {
    int version = available > MAGIC.length ? data[3] - '0' : -1;
    if (version < 2 || version > BlockCodec.VERSION || !Arrays.equals(data, 0, 3, MAGIC, 0, 3)) {
      throw corrupt(segmentKey, "not a metric segment");
    }
    ByteSource in = new ByteSource(data, MAGIC.length, available);
    int keys = size(segmentKey, in);
    if (keys > available / 5) { // a key takes at least five bytes of header
      throw corrupt(segmentKey, "its header claims " + keys + " keys");
    }
    String[] names = new String[keys];
    int[] counts = new int[keys];
    int[] blockLengths = new int[keys];
    int[] previewCounts = new int[keys];
    int[] previewLengths = new int[keys];
    long previews = 0;
    for (int k = 0; k < keys; k++) {
      int nameLength = size(segmentKey, in);
      int nameAt = in.position();
      in.skip(nameLength);
      names[k] = new String(data, nameAt, nameLength, StandardCharsets.UTF_8);
      counts[k] = size(segmentKey, in);
      blockLengths[k] = size(segmentKey, in);
      previewCounts[k] = size(segmentKey, in);
      previewLengths[k] = size(segmentKey, in);
      previews += previewLengths[k];
    }
    int previewsStart = in.position();
    if (previewsStart + previews + 4 > Integer.MAX_VALUE) {
      throw corrupt(segmentKey, "its previews would end past 2 GiB");
    }
    return new Header(version, names, counts, blockLengths, previewCounts, previewLengths,
        previewsStart, (int) (previewsStart + previews + 4));
  }

  /**
   * Reads a count or length of the header. Parsed before any checksum can be checked (a preview
   * read takes only the segment's first bytes), so a damaged value must fail here, not allocate.
   */
  private static int size(String segmentKey, ByteSource in) {
    long v = in.varint();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw corrupt(segmentKey, "a size in its header is out of range");
    }
    return (int) v;
  }

  /** Finds the full block of {@code key} in a whole segment, or null; checks the CRC first. */
  static Block find(String segmentKey, byte[] data, String key) {
    check(segmentKey, data, data.length);
    Header h = header(segmentKey, data, data.length);
    // A segment cut right after its previews ends with the previews' CRC, so the check above
    // passes on it: the blocks must also fill what lies between the previews and the last CRC.
    long blocksEnd = h.blocksStart();
    for (int length : h.blockLengths()) {
      blocksEnd += length;
    }
    if (blocksEnd != data.length - 4L) {
      throw corrupt(segmentKey, "block lengths do not add up");
    }
    int at = h.blocksStart();
    for (int k = 0; k < h.names().length; k++) {
      if (h.names()[k].equals(key)) {
        return new Block(h.version(), data, at, h.blockLengths()[k], h.counts()[k]);
      }
      at += h.blockLengths()[k];
    }
    return null;
  }

  /** Finds the preview of {@code key} in the first {@code h.blocksStart()} bytes, or null. */
  static Block findPreview(String segmentKey, byte[] data, Header h, String key) {
    check(segmentKey, data, h.blocksStart());
    int at = h.previewsStart();
    for (int k = 0; k < h.names().length; k++) {
      if (h.names()[k].equals(key)) {
        return new Block(h.version(), data, at, h.previewLengths()[k], h.previewCounts()[k]);
      }
      at += h.previewLengths()[k];
    }
    return null;
  }

  /**
   * Checks a whole segment: both checksums, and that every block and preview decodes to its
   * stated number of points within its stated length.
   *
   * @throws IntegrityException naming the segment and what is wrong
   */
  static void verify(String segmentKey, byte[] data) {
    check(segmentKey, data, data.length);
    Header h = header(segmentKey, data, data.length);
    check(segmentKey, data, h.blocksStart());
    int preview = h.previewsStart();
    int block = h.blocksStart();
    for (int k = 0; k < h.names().length; k++) {
      decodeWhole(segmentKey, new Block(h.version(), data, preview, h.previewLengths()[k],
          h.previewCounts()[k]));
      decodeWhole(segmentKey, new Block(h.version(), data, block, h.blockLengths()[k],
          h.counts()[k]));
      preview += h.previewLengths()[k];
      block += h.blockLengths()[k];
    }
    if (preview != h.previewsEnd() || block != data.length - 4) {
      throw corrupt(segmentKey, "block lengths do not add up");
    }
  }

  private static void decodeWhole(String segmentKey, Block block) {
    int n = block.count();
    if (n < 0 || block.length() < 0 || block.offset() + block.length() > block.data().length) {
      throw corrupt(segmentKey, "a block lies outside the segment");
    }
    ByteSource in = new ByteSource(block.data(), block.offset(),
        block.offset() + block.length());
    try {
      BlockCodec.decode(block.version(), in, n, new long[n], new long[n], new double[n], 0);
    } catch (IntegrityException e) {
      throw corrupt(segmentKey, e.getMessage());
    }
    if (in.position() != block.offset() + block.length()) {
      throw corrupt(segmentKey, "a block is longer than its points");
    }
  }

  /** Checks the CRC32 stored in the 4 bytes before {@code end} over the bytes before it. */
  private static void check(String segmentKey, byte[] data, int end) {
    if (end < 8 || end > data.length) {
      throw corrupt(segmentKey, "truncated");
    }
    CRC32 crc = new CRC32();
    crc.update(data, 0, end - 4);
    if ((int) crc.getValue() != ByteSource.int32(data, end - 4)) {
      throw corrupt(segmentKey, "checksum mismatch");
    }
  }

  /** Decodes a block into the columns starting at index {@code at}. */
  static void decode(Block block, long[] steps, long[] times, double[] values, int at) {
    ByteSource in = new ByteSource(block.data(), block.offset(), block.offset() + block.length());
    BlockCodec.decode(block.version(), in, block.count(), steps, times, values, at);
  }

  private static IntegrityException corrupt(String key, String why) {
    return new IntegrityException("Metric segment '" + key + "' is corrupt (" + why + "); its"
        + " points cannot be read. Restore the object from a backup or delete it to read the rest");
  }
}
