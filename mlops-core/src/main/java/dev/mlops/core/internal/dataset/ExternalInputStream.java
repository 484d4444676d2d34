package dev.mlops.core.internal.dataset;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.MlOpsException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A file tracked outside the store, read from its URI and checked against the recorded size and
 * SHA-256. The bytes are not chunked, so the check completes at the end of the stream: a changed
 * or truncated file fails there (and a checkout then leaves no file under the real name).
 */
final class ExternalInputStream extends FilterInputStream {
  private final String uri;
  private final long size;
  private final String sha256;
  private final MessageDigest digest = Digests.sha256();
  private long read;
  private boolean checked;

  private ExternalInputStream(InputStream in, String uri, long size, String sha256) {
    super(in);
    this.uri = uri;
    this.size = size;
    this.sha256 = sha256;
  }

  static InputStream open(String uri, FileContent content) {
    try {
      return new ExternalInputStream(URI.create(uri).toURL().openStream(), uri, content.size(),
          content.sha256());
    } catch (IOException | IllegalArgumentException e) {
      throw new MlOpsException("Cannot read the external file '" + uri + "': " + e.getMessage()
          + "; check that it is still there and reachable", e);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      digest.update(b, off, n);
      read += n;
      if (read > size) {
        throw changed("is longer than the recorded " + size + " bytes");
      }
    } else if (n < 0 && !checked) {
      checked = true;
      if (read != size) {
        throw changed("has " + read + " bytes, not the recorded " + size);
      }
      if (!HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
        throw changed("does not match its recorded SHA-256 " + sha256);
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skipping is not supported: every byte must be hashed");
  }

  private IntegrityException changed(String what) {
    return new IntegrityException("The external file '" + uri + "' " + what + "; it changed since"
        + " it was committed: restore it, or commit the new content as a new version");
  }
}
