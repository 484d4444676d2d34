package dev.mlops.api.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What a store knows about one object without reading it.
 *
 * @param key the object's key
 * @param size the size in bytes
 * @param token the token of the content, for {@link ObjectStore#compareAndSet}: always present from
 *     {@link ObjectStore#stat}; {@link ObjectStore#list} may leave it out where computing it means
 *     reading the content (the file system store hashes content to make tokens)
 * @param lastModified when the current content was written
 */
public record ObjectInfo(String key, long size, Optional<VersionToken> token, Instant lastModified) {
  /**
   * Creates the value.
   *
   * @param key the object's key
   * @param size the size in bytes, not negative
   * @param token the content's token, or empty when a listing does not compute it
   * @param lastModified when the current content was written
   */
  public ObjectInfo {
    requireNonNull(key, "key");
    requireNonNull(token, "token");
    requireNonNull(lastModified, "lastModified");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
  }
}
