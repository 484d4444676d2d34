package dev.mlops.core.internal.content;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 helper of core: every content address, manifest id, report id and store token
 * computed here is the lowercase hex SHA-256 these methods give. Every Java platform must provide
 * SHA-256, so its absence is a broken JDK, not an error a caller can handle.
 */
public final class Sha256 {
  private Sha256() {}

  /**
   * Returns a new digest; not thread-safe, so each user takes its own.
   *
   * @return a fresh SHA-256 digest
   */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256, which every Java platform must provide", e);
    }
  }

  /**
   * Returns the SHA-256 of some bytes as lowercase hex.
   *
   * @param bytes the content
   * @return 64 lowercase hex characters
   */
  public static String hex(byte[] bytes) {
    return hex(bytes, 0, bytes.length);
  }

  /**
   * Returns the SHA-256 of a range of bytes as lowercase hex.
   *
   * @param bytes the array
   * @param offset where the content starts
   * @param length how many bytes it has
   * @return 64 lowercase hex characters
   */
  public static String hex(byte[] bytes, int offset, int length) {
    MessageDigest digest = newDigest();
    digest.update(bytes, offset, length);
    return finish(digest);
  }

  /**
   * Completes a digest (which is reset) and returns its value as lowercase hex.
   *
   * @param digest a SHA-256 digest that has seen the content
   * @return 64 lowercase hex characters
   */
  public static String finish(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Tells whether a string is a SHA-256 as this SDK writes it: 64 lowercase hex characters.
   *
   * @param text any string
   * @return whether it is a well-formed hash
   */
  public static boolean isHex(String text) {
    if (text.length() != 64) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }
}
