package dev.mlops.core.internal.experiment;

import dev.mlops.api.IntegrityException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The columnar format of a metric segment (one object per flush):
 *
 * <pre>
 * "MSG1"
 * varint keyCount
 * per key: varint nameLength, name (UTF-8), varint pointCount, varint blockLength, block
 *   block: steps    zigzag varint of the first, then zigzag varint deltas
 *          times    the same, epoch milliseconds
 *          values   8 bytes each, the raw IEEE 754 bits (NaN payloads and infinities kept)
 * CRC32 of everything above, 4 bytes big-endian
 * </pre>
 *
 * Steps usually grow by one and timestamps by zero or a few milliseconds, so a point costs about
 * 10 bytes. Raw value bits keep the decoder simple and exact; a reader skips other keys' blocks by
 * their length without decoding them.
 */
final class SegmentCodec {
  static final byte[] MAGIC = {'M', 'S', 'G', '1'};

  private SegmentCodec() {}

  /** Encodes a chunk's points grouped by key (logging order within a key) into {@code out}. */
  static void encode(MetricChunk chunk, String[] names, int keyCount, ByteSink out,
      int[] orderScratch, int[] countScratch) {
    int n = chunk.size;
    Arrays.fill(countScratch, 0, keyCount + 1, 0);
    for (int i = 0; i < n; i++) {
      countScratch[chunk.keys[i] + 1]++;
    }
    int present = 0;
    for (int k = 0; k < keyCount; k++) {
      if (countScratch[k + 1] > 0) {
        present++;
      }
      countScratch[k + 1] += countScratch[k];
    }
    int[] next = Arrays.copyOf(countScratch, keyCount); // start offsets, advanced while filling
    for (int i = 0; i < n; i++) {
      orderScratch[next[chunk.keys[i]]++] = i;
    }
    out.reset();
    out.bytes(MAGIC);
    out.varint(present);
    ByteSink block = out.scratch();
    for (int k = 0; k < keyCount; k++) {
      int from = countScratch[k];
      int to = countScratch[k + 1];
      if (from == to) {
        continue;
      }
      block.reset();
      long prev = 0;
      for (int j = from; j < to; j++) {
        long step = chunk.steps[orderScratch[j]];
        block.varint(zigzag(step - prev));
        prev = step;
      }
      prev = 0;
      for (int j = from; j < to; j++) {
        long time = chunk.times[orderScratch[j]];
        block.varint(zigzag(time - prev));
        prev = time;
      }
      for (int j = from; j < to; j++) {
        block.longBits(Double.doubleToRawLongBits(chunk.values[orderScratch[j]]));
      }
      byte[] name = names[k].getBytes(StandardCharsets.UTF_8);
      out.varint(name.length);
      out.bytes(name);
      out.varint(to - from);
      out.varint(block.size());
      out.bytes(block.array(), 0, block.size());
    }
    CRC32 crc = new CRC32();
    crc.update(out.array(), 0, out.size());
    out.int32((int) crc.getValue());
  }

  /** Where one key's points sit inside a segment. */
  record Block(byte[] data, int offset, int length, int count, String segmentKey) {}

  /** Finds the block of {@code key} in a segment, or null; checks the CRC first. */
  static Block find(String segmentKey, byte[] data, String key) {
    if (data.length < MAGIC.length + 5 || !Arrays.equals(data, 0, 4, MAGIC, 0, 4)) {
      throw corrupt(segmentKey, "not a metric segment");
    }
    CRC32 crc = new CRC32();
    crc.update(data, 0, data.length - 4);
    if ((int) crc.getValue() != ByteSource.int32(data, data.length - 4)) {
      throw corrupt(segmentKey, "checksum mismatch");
    }
    ByteSource in = new ByteSource(data, MAGIC.length, data.length - 4);
    byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
    long keys = in.varint();
    for (long k = 0; k < keys; k++) {
      int nameLength = (int) in.varint();
      int nameAt = in.position();
      in.skip(nameLength);
      int count = (int) in.varint();
      int blockLength = (int) in.varint();
      int blockAt = in.position();
      in.skip(blockLength);
      if (Arrays.equals(data, nameAt, nameAt + nameLength, wanted, 0, wanted.length)) {
        return new Block(data, blockAt, blockLength, count, segmentKey);
      }
    }
    return null;
  }

  /** Decodes a block into the columns starting at index {@code at}. */
  static void decode(Block block, long[] steps, long[] times, double[] values, int at) {
    ByteSource in = new ByteSource(block.data(), block.offset(), block.offset() + block.length());
    int count = block.count();
    long prev = 0;
    for (int j = 0; j < count; j++) {
      prev += unzigzag(in.varint());
      steps[at + j] = prev;
    }
    prev = 0;
    for (int j = 0; j < count; j++) {
      prev += unzigzag(in.varint());
      times[at + j] = prev;
    }
    in.doubles(values, at, count);
  }

  private static IntegrityException corrupt(String key, String why) {
    return new IntegrityException("Metric segment '" + key + "' is corrupt (" + why + "); its"
        + " points cannot be read. Restore the object from a backup or delete it to read the rest");
  }

  static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }
}
