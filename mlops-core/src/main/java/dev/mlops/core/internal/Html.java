package dev.mlops.core.internal;

/** Text for the self-contained HTML reports (runs, validation, drift). */
public final class Html {
  private Html() {}

  /**
   * Escapes text for HTML element content and attribute values (quoted with either quote).
   *
   * @param text any text
   * @return the text with {@code < > & " '} as character references
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
