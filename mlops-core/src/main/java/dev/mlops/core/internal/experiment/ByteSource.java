package dev.mlops.core.internal.experiment;

import dev.mlops.api.IntegrityException;

/** Reads the varints and fixed-width fields of a segment, refusing to run past its end. */
final class ByteSource {
  private final byte[] data;
  private final int end;
  private int pos;

  ByteSource(byte[] data, int from, int end) {
    this.data = data;
    this.pos = from;
    this.end = end;
  }

  int position() {
    return pos;
  }

  void skip(int n) {
    if (n < 0 || pos + n > end) {
      throw truncated();
    }
    pos += n;
  }

  long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw truncated();
      }
      byte b = data[pos++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new IntegrityException("malformed varint in a metric segment");
  }

  long longBits() {
    if (pos + 8 > end) {
      throw truncated();
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (data[pos++] & 0xFFL) << (i * 8);
    }
    return v;
  }

  private static final java.lang.invoke.VarHandle LONG_LE = java.lang.invoke.MethodHandles
      .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** Reads {@code count} raw little-endian doubles into {@code into} from index {@code at}. */
  void doubles(double[] into, int at, int count) {
    if (count < 0 || pos + 8L * count > end) {
      throw truncated();
    }
    for (int j = 0; j < count; j++) {
      into[at + j] = Double.longBitsToDouble((long) LONG_LE.get(data, pos));
      pos += 8;
    }
  }

  static int int32(byte[] data, int at) {
    return (data[at] & 0xFF) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8
        | (data[at + 3] & 0xFF);
  }

  private static IntegrityException truncated() {
    return new IntegrityException("a metric segment ends early (truncated)");
  }
}
