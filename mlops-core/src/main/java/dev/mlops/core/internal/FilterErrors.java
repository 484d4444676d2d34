package dev.mlops.core.internal;

/**
 * The one shape of a filter's syntax error, for both filter grammars (run search, dataset views):
 * what is wrong at which position, then the expression around it and a caret under the place.
 *
 * <pre>
 * Invalid filter at position 18: expected a number or a quoted 'text' after '&gt;'
 *   metrics.accuracy &gt;&gt; 1
 *                     ^
 * </pre>
 */
public final class FilterErrors {
  /** The message quotes at most this many characters either side of the position. */
  private static final int CONTEXT = 40;

  private FilterErrors() {}

  /**
   * Formats a syntax error.
   *
   * @param text the whole expression
   * @param position the zero-based index of the problem (the text's length for "at the end")
   * @param what what is wrong, e.g. "expected ')'"
   * @return the three-line message
   */
  public static String at(String text, int position, String what) {
    int pos = Math.max(0, Math.min(position, text.length()));
    int from = Math.max(0, pos - CONTEXT);
    int to = Math.min(text.length(), pos + CONTEXT);
    String before = from > 0 ? "…" : "";
    String window = before + text.substring(from, to).replace('\n', ' ').replace('\r', ' ').replace('\t', ' ')
        + (to < text.length() ? "…" : "");
    return "Invalid filter at position " + pos + ": " + what + "\n  " + window + "\n  "
        + " ".repeat(before.length() + pos - from) + "^";
  }
}
