package dev.mlops.api.storage;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.InvalidNameException;

/**
 * The key rule every {@link ObjectStore} enforces, in one place.
 *
 * <p>A key is 1 to {@value #MAX_KEY_LENGTH} characters: segments separated by single {@code /}.
 * Each segment is 1 to {@value #MAX_SEGMENT_LENGTH} characters of ASCII letters, digits,
 * {@code _}, {@code -}, {@code .} and {@code =}, and starts with a letter, digit or {@code _}
 * (so no segment is {@code .} or {@code ..}, and no key collides with a backend's hidden
 * temporary files, which start with {@code .}). No leading, trailing or doubled {@code /}.
 *
 * <p>A prefix for {@link ObjectStore#list} follows the same rule, except that it may be empty
 * and may end with {@code /}.
 */
public final class ObjectKeys {
  /** The longest allowed key, in characters (fits S3's 1,024-byte limit with a store prefix). */
  public static final int MAX_KEY_LENGTH = 768;

  /** The longest allowed segment, in characters (fits the 255-byte file name limit). */
  public static final int MAX_SEGMENT_LENGTH = 200;

  private ObjectKeys() {}

  /**
   * Tells whether {@code key} follows the key rule.
   *
   * @param key the candidate key
   * @return {@code true} if valid
   */
  public static boolean isValidKey(String key) {
    return problem(requireNonNull(key, "key"), false) == null;
  }

  /**
   * Returns {@code key} if it follows the key rule.
   *
   * @param key the candidate key
   * @return the same key
   * @throws InvalidNameException naming the key and the broken rule
   */
  public static String requireValidKey(String key) {
    requireNonNull(key, "key");
    String problem = problem(key, false);
    if (problem != null) {
      throw InvalidNameException.rejected("object key", key, problem);
    }
    return key;
  }

  /**
   * Returns {@code prefix} if it is a valid listing prefix: empty, or a valid key, or a valid key
   * followed by {@code /}.
   *
   * @param prefix the candidate prefix
   * @return the same prefix
   * @throws InvalidNameException naming the prefix and the broken rule
   */
  public static String requireValidPrefix(String prefix) {
    requireNonNull(prefix, "prefix");
    String problem = problem(prefix, true);
    if (problem != null) {
      throw InvalidNameException.rejected("key prefix", prefix, problem);
    }
    return prefix;
  }

  private static String problem(String key, boolean prefix) {
    if (key.isEmpty()) {
      return prefix ? null : "a key must not be empty";
    }
    if (key.length() > MAX_KEY_LENGTH) {
      return "a key must be at most " + MAX_KEY_LENGTH + " characters, got " + key.length();
    }
    if (key.charAt(0) == '/') {
      return "a key must not start with '/' (keys are relative to the store)";
    }
    String body = prefix && key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    int start = 0;
    while (start <= body.length()) {
      int end = body.indexOf('/', start);
      if (end < 0) {
        end = body.length();
      }
      String segmentProblem = segmentProblem(body, start, end);
      if (segmentProblem != null) {
        return segmentProblem;
      }
      start = end + 1;
    }
    return null;
  }

  private static String segmentProblem(String key, int start, int end) {
    int length = end - start;
    if (length == 0) {
      return "empty segment (a leading, trailing or doubled '/')";
    }
    if (length > MAX_SEGMENT_LENGTH) {
      return "a segment must be at most " + MAX_SEGMENT_LENGTH + " characters, got " + length;
    }
    char first = key.charAt(start);
    if (!(isLetterOrDigit(first) || first == '_')) {
      return "each segment must start with A-Z, a-z, 0-9 or '_' (so '.', '..' and hidden names"
          + " are refused), got '" + InvalidNameException.printable(key.substring(start, end))
          + "'";
    }
    for (int i = start; i < end; i++) {
      char c = key.charAt(i);
      if (!(isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '=')) {
        return "character '" + InvalidNameException.printable(String.valueOf(c))
            + "' is not allowed; use A-Z a-z 0-9 _ - . = and '/' between segments";
      }
    }
    return null;
  }

  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
