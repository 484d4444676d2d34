package dev.mlops.core.internal.experiment;

import dev.mlops.api.IntegrityException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Reads the varints and fixed-width fields of a segment, refusing to run past its end. */
final class ByteSource {
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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

  /** Reads a word written by {@link ByteSink#trimmedReserved}. */
  long trimmed() {
    if (pos >= end) {
      throw truncated();
    }
    int header = data[pos++] & 0xFF;
    int trail = header & 0xF;
    int n = 8 - (header >>> 4) - trail;
    if (n < 0) {
      throw new IntegrityException("malformed value in a metric segment");
    }
    if (pos + n > end) {
      throw truncated();
    }
    long word;
    if (pos + 8 <= data.length) { // one load, then keep the n bytes that belong to this word
      word = (long) LONG_LE.get(data, pos);
      word = n == 8 ? word : word & ((1L << (n << 3)) - 1);
    } else {
      word = 0;
      for (int i = 0; i < n; i++) {
        word |= (data[pos + i] & 0xFFL) << (i << 3);
      }
    }
    pos += n;
    return n == 0 ? 0 : word << (trail << 3);
  }

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
