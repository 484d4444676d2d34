package dev.mlops.core.internal.drift.profile;

import dev.mlops.api.IntegrityException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The binary form of a {@link QuantileSketch}, big-endian: "MLKQ", format version (1 byte), k
 * (2 bytes, unsigned), n, the generator's state, the level count (1 byte), each level's size and
 * pending offset (1 byte: 0 none, 1 + the offset its last compaction drew), then
 * (when n &gt; 0) the minimum, the maximum and every level's items; last a CRC-32 of all before it.
 *
 * <p>Reading checks more than the checksum: the levels' weights add up to n, every item lies in
 * [min, max], levels above 0 are sorted, the items fit the levels' capacity and nothing follows
 * the checksum. Anything else is an {@link IntegrityException}, never a sketch.
 */
final class QuantileSketchFormat {
  private static final int MAGIC = 0x4d4c4b51; // "MLKQ"
  private static final int VERSION = 1;
  private static final int MAX_LEVELS = 62; // 2^h of a level must fit a long

  private QuantileSketchFormat() {}

  static byte[] write(QuantileSketch sketch) {
    int levelCount = sketch.levels.length;
    int items = sketch.n == 0 ? 0 : 2 + sketch.retained();
    ByteBuffer out = ByteBuffer.allocate(4 + 1 + 2 + 8 + 8 + 1 + 5 * levelCount + 8 * items + 4);
    out.putInt(MAGIC).put((byte) VERSION).putShort((short) sketch.k).putLong(sketch.n).putLong(sketch.random);
    out.put((byte) levelCount);
    for (int h = 0; h < levelCount; h++) {
      out.putInt(sketch.sizes[h]).put(sketch.pending[h]);
    }
    if (sketch.n > 0) {
      out.putDouble(sketch.min).putDouble(sketch.max);
      for (int h = 0; h < levelCount; h++) {
        for (int i = 0; i < sketch.sizes[h]; i++) {
          out.putDouble(sketch.levels[h][i]);
        }
      }
    }
    return SketchFrame.seal(out);
  }

  static QuantileSketch read(byte[] bytes) {
    ByteBuffer in = SketchFrame.open(bytes, 4 + 1 + 2 + 8 + 8 + 1 + 5 + 4, MAGIC, VERSION, QuantileSketchFormat::damaged);
    try {
      int k = Short.toUnsignedInt(in.getShort());
      long n = in.getLong();
      long random = in.getLong();
      int levelCount = in.get();
      if (k < QuantileSketch.MIN_K || n < 0 || levelCount < 1 || levelCount > MAX_LEVELS) {
        throw damaged("its header is out of range (k " + k + ", n " + n + ", levels " + levelCount + ")");
      }
      int capacity = QuantileSketch.capacity(k, levelCount);
      double[][] levels = new double[levelCount][];
      byte[] pending = new byte[levelCount];
      long retained = 0;
      long weight = 0;
      for (int h = 0; h < levelCount; h++) {
        int size = in.getInt();
        pending[h] = in.get();
        retained += size;
        if (size < 0 || retained > capacity) {
          throw damaged("level " + h + " holds " + size + " items, beyond the sketch's capacity " + capacity);
        }
        if (pending[h] < 0 || pending[h] > 2) {
          throw damaged("level " + h + " has a pending offset " + pending[h] + " (0 to 2)");
        }
        levels[h] = new double[size];
        weight = Math.addExact(weight, Math.multiplyExact(size, 1L << h));
      }
      if (weight != n || (n == 0) != (levelCount == 1 && retained == 0)) {
        throw damaged("its levels stand for " + weight + " values but it counts " + n);
      }
      double min = Double.NaN;
      double max = Double.NaN;
      if (n > 0) {
        min = in.getDouble();
        max = in.getDouble();
        if (!(min <= max)) {
          throw damaged("its minimum " + min + " is not at most its maximum " + max);
        }
        for (int h = 0; h < levelCount; h++) {
          for (int i = 0; i < levels[h].length; i++) {
            double item = in.getDouble();
            if (!(item >= min && item <= max) || (h > 0 && i > 0 && item < levels[h][i - 1])) {
              throw damaged("level " + h + " item " + i + " (" + item + ") is out of order or range");
            }
            levels[h][i] = item;
          }
        }
      }
      if (in.hasRemaining()) {
        throw damaged(in.remaining() + " bytes follow the sketch");
      }
      return QuantileSketch.restore(k, n, random, min, max, levels, pending);
    } catch (BufferUnderflowException e) {
      throw damaged("it ends early");
    } catch (ArithmeticException e) {
      throw damaged("its levels stand for more values than a count holds");
    }
  }

  private static IntegrityException damaged(String why) {
    return new IntegrityException("Not a valid quantile sketch: " + why);
  }
}
