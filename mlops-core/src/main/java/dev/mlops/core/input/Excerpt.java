package dev.mlops.core.input;

import dev.mlops.api.InvalidNameException;

/**
 * Shortens a value a user gave before a message quotes it: a message that repeats a 1 GiB CSV
 * field or filter on stderr helps nobody, and building it can exhaust the heap.
 */
public final class Excerpt {
  /** How many characters of a value a message quotes. */
  public static final int QUOTED_CHARS = 60;

  private Excerpt() {}

  /**
   * Returns the value itself when short, else its first {@value #QUOTED_CHARS} characters, an
   * ellipsis and the full length, such as {@code abc… (1073741824 characters)}; control characters
   * (line breaks included) are escaped as {@link InvalidNameException#printable} does, so the
   * excerpt stays on one line.
   *
   * @param value what the user gave; {@code null} reads as {@code null}
   * @return the excerpt
   */
  public static String of(CharSequence value) {
    if (value == null) {
      return "null";
    }
    if (value.length() <= QUOTED_CHARS) {
      return InvalidNameException.printable(value.toString());
    }
    int end = QUOTED_CHARS;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--; // never split a character in two
    }
    return InvalidNameException.printable(value.subSequence(0, end).toString()) + "… (" + value.length()
        + " characters)";
  }
}
