package dev.mlops.api.storage;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The whole content of a small object and the token it was read at. The byte array is copied in
 * and out, so an instance is immutable.
 */
public final class StoredBytes {
  private final byte[] bytes;
  private final VersionToken token;

  private StoredBytes(byte[] bytes, VersionToken token) {
    this.bytes = bytes;
    this.token = token;
  }

  /**
   * Creates the value; {@code bytes} is copied.
   *
   * @param bytes the content
   * @param token the token of that content
   * @return the value
   */
  public static StoredBytes of(byte[] bytes, VersionToken token) {
    requireNonNull(bytes, "bytes");
    requireNonNull(token, "token");
    if (token.isAbsent()) {
      throw new IllegalArgumentException("stored content cannot have the ABSENT token");
    }
    return new StoredBytes(bytes.clone(), token);
  }

  /**
   * Returns a copy of the content.
   *
   * @return the content's bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Returns the content decoded as UTF-8.
   *
   * @return the content as text
   */
  public String utf8() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Returns the content's size in bytes.
   *
   * @return the size
   */
  public int size() {
    return bytes.length;
  }

  /**
   * Returns the token the content was read at; pass it to {@link ObjectStore#compareAndSet}.
   *
   * @return the token
   */
  public VersionToken token() {
    return token;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredBytes that
        && token.equals(that.token)
        && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * token.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "StoredBytes[size=" + bytes.length + ", token=" + token + "]";
  }
}
