package dev.mlops.server.ui;

import dev.mlops.core.input.ByteUnits;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one escaping helper: every value that comes from the store or the request goes through
 * {@link #esc} before it is written into a page, in text and in attributes alike (both contexts
 * are safe with the same five replacements, because every attribute we write is double-quoted).
 */
final class Html {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Html() {}

  /**
   * A byte count as people read it, the exact count in its tooltip.
   *
   * @param bytes the count
   * @return HTML such as {@code <span title="10,496 bytes">10.2 KiB</span>}
   */
  static String bytes(long bytes) {
    return "<span title=\"" + ByteUnits.exact(bytes) + "\">" + ByteUnits.format(bytes) + "</span>";
  }

  /**
   * Escapes text for HTML text and double-quoted attributes.
   *
   * @param value any value; null is the empty string
   * @return the escaped text
   */
  static String esc(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Encodes one path segment or query value for a URL (the result still goes through esc). */
  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Builds a query string from names and values in order, leaving out null and empty values. */
  static String query(Map<String, ? extends @Nullable Object> parameters) {
    StringBuilder out = new StringBuilder();
    parameters.forEach((name, value) -> {
      if (value != null && !value.toString().isEmpty()) {
        out.append(out.length() == 0 ? '?' : '&').append(enc(name)).append('=').append(enc(value.toString()));
      }
    });
    return out.toString();
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  /** Formats a metric for a table: short, but exact enough to tell runs apart. */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%.6g", value).replaceAll("(\\.\\d*?)0+($|e)", "$1$2").replace(".e", "e");
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
