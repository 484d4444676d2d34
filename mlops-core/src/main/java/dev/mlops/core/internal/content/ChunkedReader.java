package dev.mlops.core.internal.content;

import dev.mlops.api.IntegrityException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A file's bytes read back chunk by chunk. Each chunk is read whole and checked against its
 * address before any of its bytes are handed out, and the whole file's hash is checked before the
 * last chunk is, so a caller never receives bytes from a corrupt object. Memory: one chunk.
 */
final class ChunkedReader extends InputStream {
  private final ContentStore content;
  private final FileContent file;
  private final Subject subject;
  private final MessageDigest fileDigest = Sha256.newDigest();
  private int nextChunk;
  private byte[] current = new byte[0];
  private int position;

  ChunkedReader(ContentStore content, FileContent file, Subject subject) {
    this.content = content;
    this.file = file;
    this.subject = subject;
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return current[position++] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, target.length);
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, target, offset, n);
    position += n;
    return n;
  }

  private boolean fill() {
    while (position == current.length) {
      if (nextChunk == file.chunks().size()) {
        return false;
      }
      current = load(file.chunks().get(nextChunk++));
      position = 0;
    }
    return true;
  }

  private byte[] load(ChunkRef chunk) {
    byte[] bytes = content.read(chunk, subject.chunk());
    fileDigest.update(bytes);
    if (nextChunk == file.chunks().size() && !Sha256.finish(fileDigest).equals(file.sha256())) {
      throw new IntegrityException("The chunks of " + subject.what() + " do not add up to its"
          + " SHA-256 " + file.sha256() + "; the manifest or the chunks are damaged: run"
          + " 'mlops store verify', then " + subject.remedy());
    }
    return bytes;
  }
}
