package dev.mlops.core.internal.content;

/**
 * One content object: its SHA-256 (lowercase hex, also its address) and its size. Mostly a chunk
 * of a file; a file or document stored as one object is described the same way.
 *
 * @param sha256 the object's hash
 * @param size the object's size in bytes
 */
public record ChunkRef(String sha256, long size) {
  /** Checks the hash looks like one. */
  public ChunkRef {
    if (!Sha256.isHex(sha256)) {
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
    return ContentKeys.keyOfHex(sha256); // checked when this was made
  }
}
