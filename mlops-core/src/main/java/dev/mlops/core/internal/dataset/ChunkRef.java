package dev.mlops.core.internal.dataset;

import dev.mlops.core.internal.content.ContentKeys;
import java.util.HexFormat;

/**
 * One chunk of a file: its SHA-256 (lowercase hex, also its address) and its size.
 *
 * @param sha256 the chunk's hash
 * @param size the chunk's size in bytes
 */
public record ChunkRef(String sha256, long size) {
  /** Checks the hash looks like one. */
  public ChunkRef {
    if (sha256.length() != 64 || !sha256.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new IllegalArgumentException("not a lowercase hex SHA-256: " + sha256);
    }
    if (size < 0) {
      throw new IllegalArgumentException("chunk size must not be negative, got " + size);
    }
  }

  /**
   * Returns the object key the chunk is stored under.
   *
   * @return the content key
   */
  public String key() {
    return ContentKeys.keyOf(HexFormat.of().parseHex(sha256));
  }
}
