package dev.mlops.api.storage;

import static java.util.Objects.requireNonNull;

/**
 * Identifies the content an object had when it was read, for {@link ObjectStore#compareAndSet}.
 *
 * <p>A token is opaque: compare tokens with {@link #equals}, never parse them. Backends derive it
 * from the content (the file system store uses the SHA-256 of the bytes, S3 the ETag), so a
 * compare-and-set succeeds when the object still holds the content that was read, including when it
 * was changed and changed back in between. Refs built on compare-and-set must not depend on seeing
 * every intermediate value.
 *
 * @param value the backend's token; {@code ""} only for {@link #ABSENT}
 */
public record VersionToken(String value) {
  /** The expected token meaning "the object must not exist yet". */
  public static final VersionToken ABSENT = new VersionToken("");

  /**
   * Creates a token.
   *
   * @param value the backend's token
   */
  public VersionToken {
    requireNonNull(value, "value");
  }

  /**
   * Creates a token from a backend's value.
   *
   * @param value the backend's token, not empty
   * @return the token
   * @throws IllegalArgumentException if {@code value} is empty (use {@link #ABSENT})
   */
  public static VersionToken of(String value) {
    requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a version token must not be empty; use VersionToken.ABSENT");
    }
    return new VersionToken(value);
  }

  /**
   * Tells whether this is {@link #ABSENT}.
   *
   * @return {@code true} for the "must not exist" token
   */
  public boolean isAbsent() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return isAbsent() ? "VersionToken[ABSENT]" : "VersionToken[" + value + "]";
  }
}
