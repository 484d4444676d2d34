package dev.mlops.core.internal.experiment;

import java.util.Arrays;

/** A growable byte array the segment writer reuses between flushes. Not thread-safe. */
final class ByteSink {
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
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  void longBits(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (v >>> (i * 8));
    }
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
