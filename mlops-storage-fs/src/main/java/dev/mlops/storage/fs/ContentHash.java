package dev.mlops.storage.fs;

import dev.mlops.api.storage.VersionToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The token definition of the file-system store: the lowercase hex SHA-256 of an object's content.
 * Deriving it from the content (not from times or inode numbers) makes {@code get}, {@code stat},
 * {@code list} and {@code compareAndSet} agree on it across processes without extra files.
 */
final class ContentHash {
  private ContentHash() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every Java platform", e);
    }
  }

  static VersionToken tokenOf(byte[] content) {
    MessageDigest digest = newDigest();
    digest.update(content);
    return tokenOf(digest);
  }

  static VersionToken tokenOf(MessageDigest digest) {
    return VersionToken.of(HexFormat.of().formatHex(digest.digest()));
  }

  /** Hashes a channel to its end with a fixed buffer; returns the number of bytes hashed. */
  static long update(MessageDigest digest, ReadableByteChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(AtomicWriter.BUFFER_SIZE);
    long total = 0;
    while (channel.read(buffer) >= 0) {
      buffer.flip();
      total += buffer.remaining();
      digest.update(buffer);
      buffer.clear();
    }
    return total;
  }
}
