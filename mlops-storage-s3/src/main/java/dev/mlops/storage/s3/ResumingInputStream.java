package dev.mlops.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The body of a {@code GetObject} that survives dropped connections: after a read fails it asks
 * for the rest with a ranged {@code GetObject} pinned to the first response's ETag
 * ({@code If-Match}), so it never splices two versions of an object. Not thread-safe.
 */
final class ResumingInputStream extends InputStream {
  /** How many times one stream resumes before it gives up. */
  static final int MAX_RESUMES = 5;

  private final S3Client s3;
  private final String bucket;
  private final String fullKey;
  private final String eTag;
  private final long length;
  private ResponseInputStream<GetObjectResponse> current;
  private long position;
  private int resumes;
  private boolean closed;

  ResumingInputStream(S3Client s3, String bucket, String fullKey,
      ResponseInputStream<GetObjectResponse> first) {
    this.s3 = s3;
    this.bucket = bucket;
    this.fullKey = fullKey;
    this.current = first;
    this.eTag = first.response().eTag();
    this.length = first.response().contentLength();
  }

  long length() {
    return length;
  }

  String eTag() {
    return eTag;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    if (len == 0) {
      return 0;
    }
    while (true) {
      IOException failure;
      try {
        int n = current.read(b, off, len);
        if (n > 0) {
          position += n;
          return n;
        }
        if (n < 0 && position >= length) {
          return -1;
        }
        failure = new IOException("the response of '" + fullKey + "' ended after " + position
            + " of " + length + " bytes");
      } catch (IOException | SdkException e) {
        failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      }
      resume(failure);
    }
  }

  private void resume(IOException failure) throws IOException {
    current.abort();
    if (++resumes > MAX_RESUMES || eTag == null) {
      throw failure; // without an ETag to pin, a resumed read could splice two versions
    }
    try {
      current = s3.getObject(r -> r.bucket(bucket).key(fullKey).ifMatch(eTag)
          .range("bytes=" + position + "-"));
    } catch (SdkException e) {
      IOException resumeFailed = new IOException("Could not resume reading '" + fullKey
          + "' at byte " + position + " of " + length + " (it may have been replaced; open it"
          + " again): " + S3Failures.oneLine(String.valueOf(e.getMessage())), e);
      resumeFailed.addSuppressed(failure);
      throw resumeFailed;
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (position < length) {
        current.abort(); // do not drain the rest of a large body just to reuse the connection
      }
      try {
        current.close();
      } catch (IOException | SdkException e) {
        // nothing was promised about the rest of the body
      }
    }
  }
}
