package dev.mlops.storage.s3;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * A deterministic stream of any length that holds only a 64 KiB pattern in memory and computes the
 * SHA-256 of what it hands out. The pattern's period is a prime, so a reader that drops, repeats or
 * reorders parts of any power-of-two size changes the digest.
 */
final class PatternStream extends InputStream {
  private static final int PERIOD = 65_521;

  private final byte[] pattern = new byte[PERIOD];
  private final long size;
  private final MessageDigest digest = sha256();
  private long position;
  private int index;
  private byte shift;

  PatternStream(long size) {
    this.size = size;
    new Random(size).nextBytes(pattern);
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (position >= size) {
      return -1;
    }
    int n = (int) Math.min(len, size - position);
    for (int i = off; i < off + n; i++) {
      b[i] = (byte) (pattern[index] + shift);
      if (++index == PERIOD) {
        index = 0;
        shift++;
      }
    }
    digest.update(b, off, n);
    position += n;
    return n;
  }

  long position() {
    return position;
  }

  /** The SHA-256 of the bytes handed out; call once, at the end. */
  byte[] sha256OfContent() {
    return digest.digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
