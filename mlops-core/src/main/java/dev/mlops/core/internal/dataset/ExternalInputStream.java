package dev.mlops.core.internal.dataset;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.MlOpsException;
import dev.mlops.core.internal.content.CheckingInputStream;
import dev.mlops.core.internal.content.FileContent;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * A file tracked outside the store, read from its URI and checked against the recorded size and
 * SHA-256. The bytes are not chunked, so the check completes at the end of the stream: a changed
 * or truncated file fails there (and a checkout then leaves no file under the real name).
 */
final class ExternalInputStream {
  private ExternalInputStream() {}

  static InputStream open(String uri, FileContent content) {
    InputStream in;
    try {
      in = URI.create(uri).toURL().openStream();
    } catch (IOException | IllegalArgumentException e) {
      throw new MlOpsException("Cannot read the external file '" + uri + "': " + e.getMessage()
          + "; check that it is still there and reachable", e);
    }
    return new CheckingInputStream(in, content.sha256(), content.size(),
        problem -> new IntegrityException("The external file '" + uri + "' " + problem + "; it"
            + " changed since it was committed: restore it, or commit the new content as a new"
            + " version"));
  }
}
