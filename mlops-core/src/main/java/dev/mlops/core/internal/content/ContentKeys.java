package dev.mlops.core.internal.content;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where content-addressed objects live: {@code objects/sha256/<first 2 hex>/<all 64 hex>}. The
 * two-character fan-out keeps directories small on file systems; the full hash as the last
 * segment lets a verifier re-hash an object knowing only its key.
 */
public final class ContentKeys {
  /** The prefix under which every content-addressed object lives. */
  public static final String PREFIX = "objects/sha256/";

  private static final Pattern KEY = Pattern.compile("objects/sha256/([0-9a-f]{2})/(\\1[0-9a-f]{62})");

  private ContentKeys() {}

  /**
   * Returns the key of the content whose SHA-256 is {@code digest}.
   *
   * @param digest the 32-byte SHA-256
   * @return the object key
   */
  public static String keyOf(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + digest.length);
    }
    String hex = HexFormat.of().formatHex(digest);
    return PREFIX + hex.substring(0, 2) + "/" + hex;
  }

  /**
   * Returns the key of the content whose SHA-256 is {@code sha256}.
   *
   * @param sha256 the hash as 64 lowercase hex characters
   * @return the object key
   * @throws IllegalArgumentException if it is not such a hash
   */
  public static String keyOf(String sha256) {
    if (!Sha256.isHex(sha256)) {
      throw new IllegalArgumentException("not a lowercase hex SHA-256: '"
          + sha256.replaceAll("\\p{Cntrl}", "?") + "'");
    }
    return keyOfHex(sha256);
  }

  /** {@link #keyOf(String)} for a hash already checked, such as a {@link ChunkRef}'s. */
  static String keyOfHex(String sha256) {
    return new StringBuilder(PREFIX.length() + 3 + sha256.length()).append(PREFIX)
        .append(sha256, 0, 2).append('/').append(sha256).toString();
  }

  /**
   * Returns the hex SHA-256 a content key names, if {@code key} is a well-formed content key.
   *
   * @param key an object key
   * @return the 64-character lowercase hex hash, or empty for keys outside the content layout
   */
  public static Optional<String> hashOf(String key) {
    var matcher = KEY.matcher(key);
    return matcher.matches() ? Optional.of(matcher.group(2)) : Optional.empty();
  }
}
