package dev.mlops.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Content that is a pure function of its key, so a test can check any object it finds without
 * knowing who wrote it: the size and every byte derive from the key.
 */
final class DeterministicContent extends InputStream {
  private final long size;
  private long position;
  private long state;

  DeterministicContent(String key, int minSize, int sizeSpread) {
    long seed = 0x9E3779B97F4A7C15L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      seed = (seed ^ b) * 0x100000001B3L;
    }
    this.state = seed == 0 ? 1 : seed;
    this.size = minSize + Math.floorMod(seed, (long) sizeSpread);
  }

  static long sizeOf(String key, int minSize, int sizeSpread) {
    return new DeterministicContent(key, minSize, sizeSpread).size;
  }

  @Override
  public int read() {
    if (position >= size) {
      return -1;
    }
    position++;
    state ^= state << 13;
    state ^= state >>> 7;
    state ^= state << 17;
    return (int) (state & 0xff);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (position >= size) {
      return -1;
    }
    int count = (int) Math.min(length, size - position);
    for (int i = 0; i < count; i++) {
      buffer[offset + i] = (byte) read();
    }
    return count;
  }

  /** Tells whether {@code actual} holds exactly the content of {@code key}, reading it fully. */
  static boolean matches(String key, int minSize, int sizeSpread, InputStream actual)
      throws IOException {
    DeterministicContent expected = new DeterministicContent(key, minSize, sizeSpread);
    byte[] a = new byte[64 * 1024];
    byte[] e = new byte[64 * 1024];
    while (true) {
      int n = actual.readNBytes(a, 0, a.length);
      int m = expected.readNBytes(e, 0, n == 0 ? 1 : n);
      if (n == 0) {
        return m == 0;
      }
      if (m != n || !java.util.Arrays.equals(a, 0, n, e, 0, n)) {
        return false;
      }
    }
  }
}
