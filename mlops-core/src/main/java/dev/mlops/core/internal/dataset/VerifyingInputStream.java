package dev.mlops.core.internal.dataset;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A file's bytes read back chunk by chunk. Each chunk is read whole and checked against its
 * address before any of its bytes are handed out, and the whole file's hash is checked before the
 * last chunk is, so a caller never receives bytes from a corrupt object. Memory: one chunk.
 */
final class VerifyingInputStream extends InputStream {
  private final ObjectStore store;
  private final FileContent content;
  private final String label;
  private final MessageDigest fileDigest = Digests.sha256();
  private int nextChunk;
  private byte[] current = new byte[0];
  private int position;

  VerifyingInputStream(ObjectStore store, FileContent content, String label) {
    this.store = store;
    this.content = content;
    this.label = label;
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

  private boolean fill() throws IOException {
    while (position == current.length) {
      if (nextChunk == content.chunks().size()) {
        return false;
      }
      current = load(content.chunks().get(nextChunk++));
      position = 0;
    }
    return true;
  }

  private byte[] load(ChunkRef chunk) throws IOException {
    String key = chunk.key();
    byte[] bytes;
    try (InputStream in = openChunk(key)) {
      bytes = in.readNBytes(Math.toIntExact(chunk.size()));
      if (bytes.length != chunk.size() || in.read() >= 0) {
        throw corrupt(key, "has the wrong size (expected " + chunk.size() + " bytes)");
      }
    }
    MessageDigest digest = Digests.sha256();
    if (!HexFormat.of().formatHex(digest.digest(bytes)).equals(chunk.sha256())) {
      throw corrupt(key, "does not match its address");
    }
    fileDigest.update(bytes);
    if (nextChunk == content.chunks().size()
        && !HexFormat.of().formatHex(fileDigest.digest()).equals(content.sha256())) {
      throw new IntegrityException("The chunks of " + label + " do not add up to its SHA-256 "
          + content.sha256() + "; the version's manifest or its chunks are damaged: run"
          + " 'mlops store verify' and restore the store from a replica");
    }
    return bytes;
  }

  private InputStream openChunk(String key) {
    try {
      return store.open(key);
    } catch (NotFoundException e) {
      throw corrupt(key, "is missing");
    }
  }

  private IntegrityException corrupt(String key, String what) {
    return new IntegrityException("Stored object '" + key + "' (a chunk of " + label + ") " + what
        + "; the store is damaged: run 'mlops store verify' and restore the object from a replica"
        + " or re-commit the data");
  }
}
