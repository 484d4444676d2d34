package dev.mlops.core.internal.experiment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte array the segment writer reuses between flushes. Not thread-safe. */
final class ByteSink {
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] buf;
  private int size;
  private ByteSink scratch;

  ByteSink(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  /** A second sink for building a block before its length is known. */
  ByteSink scratch() {
    if (scratch == null) {
      scratch = new ByteSink(buf.length);
    }
    return scratch;
  }

  void reset() {
    size = 0;
  }

  int size() {
    return size;
  }

  byte[] array() {
    return buf;
  }

  void varint(long v) {
    ensure(10);
    varintReserved(v);
  }

  /**
   * Writes a varint into room made by {@link #reserve}: the encoder reserves once per block
   * instead of checking the capacity for each of millions of small numbers.
   */
  void varintReserved(long v) {
    byte[] b = buf;
    int at = size;
    while ((v & ~0x7FL) != 0) {
      b[at++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[at++] = (byte) v;
    size = at;
  }

  /**
   * Writes a word as one byte (leading zero bytes &lt;&lt; 4 | trailing zero bytes) and the bytes
   * in between, little-endian; zero is the single byte 0x80. Needs 9 bytes of room made by
   * {@link #reserve}: the bytes in between go out as one 8-byte store, and the next write
   * overwrites what lies past them.
   */
  void trimmedReserved(long x) {
    if (x == 0) {
      buf[size++] = (byte) 0x80;
      return;
    }
    int lead = Long.numberOfLeadingZeros(x) >>> 3;
    int trail = Long.numberOfTrailingZeros(x) >>> 3;
    buf[size] = (byte) (lead << 4 | trail);
    LONG_LE.set(buf, size + 1, x >>> (trail << 3));
    size += 9 - lead - trail;
  }

  /** Makes room for {@code extra} more bytes. */
  void reserve(int extra) {
    ensure(extra);
  }

  void int32(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  void bytes(byte[] b) {
    bytes(b, 0, b.length);
  }

  void bytes(byte[] b, int from, int length) {
    ensure(length);
    System.arraycopy(b, from, buf, size, length);
    size += length;
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }
}
