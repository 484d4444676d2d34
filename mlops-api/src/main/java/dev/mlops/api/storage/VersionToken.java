package dev.mlops.api.storage;

import static java.util.Objects.requireNonNull;

/**
 * Identifies the content an object had when it was read, for {@link ObjectStore#compareAndSet}.
 *
 * <p>A token is opaque: compare tokens with {@link #equals}, never parse them. A compare-and-set
 * succeeds when the object still has the token that was read. Whether content that was changed and
 * changed back yields the old token again depends on the backend (the file system and in-memory
 * stores use the SHA-256 of the bytes, so it does; S3 ETags under SSE-KMS do not): callers must
 * rely on neither outcome.
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
