package dev.mlops.conformance;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * A deterministic stream of any length that holds no more than a 64 KiB pattern in memory, and
 * computes the SHA-256 of what it hands out. The pattern's period is a prime, so a reader that
 * drops, repeats or reorders blocks of any power-of-two size changes the digest. Public so that
 * a storage module's own tests (large objects in a child JVM, multipart uploads) stream the same
 * content as the kit. Not thread-safe.
 */
public final class GeneratedContent extends InputStream {
  private static final int PERIOD = 65_521;

  private final byte[] pattern = new byte[PERIOD];
  private final long size;
  private final long checkpoint;
  private final Runnable atCheckpoint;
  private final MessageDigest digest = sha256();
  private long position;
  private int index;
  private byte shift;

  /**
   * Creates a stream that calls back at evenly spaced points.
   *
   * @param size how many bytes the stream yields
   * @param checkpoints how many evenly spaced points (the last one at the end) call
   *     {@code atCheckpoint}, as the stream hands out the byte that reaches each
   * @param atCheckpoint what to run at each point
   */
  public GeneratedContent(long size, int checkpoints, Runnable atCheckpoint) {
    this.size = size;
    this.checkpoint = Math.max(1, size / Math.max(1, checkpoints));
    this.atCheckpoint = atCheckpoint;
    new Random(size).nextBytes(pattern);
  }

  /**
   * Creates a stream of {@code size} bytes.
   *
   * @param size how many bytes the stream yields
   */
  public GeneratedContent(long size) {
    this(size, 1, () -> { });
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
    long before = position;
    position += n;
    if (position / checkpoint > before / checkpoint || position == size) {
      atCheckpoint.run();
    }
    return n;
  }

  /**
   * Returns how many bytes were handed out so far.
   *
   * @return the count
   */
  public long position() {
    return position;
  }

  /**
   * Returns the SHA-256 of the bytes handed out so far; call once, after the end.
   *
   * @return the digest
   */
  public byte[] sha256OfContent() {
    return digest.digest();
  }

  /**
   * Returns a new SHA-256 digest, for hashing what a store gives back.
   *
   * @return the digest
   */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
