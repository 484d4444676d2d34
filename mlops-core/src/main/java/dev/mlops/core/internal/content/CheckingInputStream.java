package dev.mlops.core.internal.content;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Passes a stream on while hashing it, and refuses it once it is not the expected content: as
 * soon as it runs past the expected size, before handing out the bytes that complete the expected
 * size if the hash differs, and at the end if it is short or (size unknown) the hash differs.
 *
 * <p>Two uses: a source streamed into the store after it was hashed (the refusal then reaches the
 * store before the stream ends, so the store publishes nothing), and a stored object streamed to
 * a reader (the refusal reaches the reader before the end of the stream, so a consumer that reads
 * to the end never takes a damaged object for a good one). Files tracked outside the store are
 * read through it too. Not thread-safe.
 */
public final class CheckingInputStream extends InputStream {
  /** Makes the exception for a stream that is not the expected content. */
  @FunctionalInterface
  public interface Refusal {
    /**
     * Returns what to throw.
     *
     * @param problem what is wrong, such as "is longer than the expected 12 bytes"
     * @return an {@link IOException}, or an unchecked exception
     */
    Exception refuse(String problem);
  }

  /** The size to pass when it is not known: the hash is then checked at the end only. */
  public static final long UNKNOWN_SIZE = -1;

  private final InputStream in;
  private final String sha256;
  private final long size;
  private final Refusal refusal;
  private final MessageDigest digest = Sha256.newDigest();
  private long count;
  private boolean hashChecked;
  private boolean ended;

  /**
   * Wraps a stream.
   *
   * @param in the stream, closed with this one
   * @param sha256 the expected hash, 64 lowercase hex characters
   * @param size the expected size, or {@link #UNKNOWN_SIZE}
   * @param refusal makes the exception to throw when the content is not the expected one
   */
  public CheckingInputStream(InputStream in, String sha256, long size, Refusal refusal) {
    this.in = in;
    this.sha256 = sha256;
    this.size = size;
    this.refusal = refusal;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, target.length);
    if (length == 0) {
      return 0;
    }
    int n = in.read(target, offset, length);
    if (n < 0) {
      atEnd();
      return -1;
    }
    count += n;
    if (size != UNKNOWN_SIZE && count > size) {
      throw refuse("is longer than the expected " + size + " bytes");
    }
    digest.update(target, offset, n);
    if (count == size) {
      checkHash();
    }
    return n;
  }

  /** Skips by reading, since every byte must be hashed. */
  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void atEnd() throws IOException {
    if (ended) {
      return;
    }
    ended = true;
    if (size != UNKNOWN_SIZE && count != size) {
      throw refuse("has " + count + " bytes, not the expected " + size);
    }
    checkHash();
  }

  private void checkHash() throws IOException {
    if (hashChecked) {
      return;
    }
    hashChecked = true;
    if (!Sha256.finish(digest).equals(sha256)) {
      throw refuse("does not match its SHA-256 " + sha256);
    }
  }

  private IOException refuse(String problem) {
    Exception e = refusal.refuse(problem);
    if (e instanceof IOException io) {
      return io;
    }
    throw (RuntimeException) e;
  }
}
