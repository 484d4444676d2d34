package dev.mlops.api.storage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the options of a store URI's query ({@code ?name=value&name=value}) the same way for every
 * {@link StorageProvider}: names and values are percent-decoded, a {@code +} stays a plus (store
 * paths and keys may hold one), an option without {@code =} has the empty value, and an option
 * given twice is an error rather than a silent choice of one.
 */
public final class StoreUriQuery {
  private StoreUriQuery() {}

  /**
   * Parses a raw (still percent-encoded) query.
   *
   * @param rawQuery the query without its {@code ?}, or null when the URI has none
   * @param shownAs how the URI is named in an error (providers leave credentials out)
   * @return the options in the order given, unmodifiable
   * @throws IllegalArgumentException if an option appears twice
   */
  public static Map<String, String> options(@Nullable String rawQuery, String shownAs) {
    Map<String, String> options = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Collections.unmodifiableMap(options);
    }
    for (String option : rawQuery.split("&")) {
      int equals = option.indexOf('=');
      String name = decode(equals < 0 ? option : option.substring(0, equals));
      String value = equals < 0 ? "" : decode(option.substring(equals + 1));
      if (options.put(name, value) != null) {
        throw new IllegalArgumentException("option '" + name + "' appears twice in '" + shownAs
            + "'");
      }
    }
    return Collections.unmodifiableMap(options);
  }

  /**
   * Percent-decodes one part of a URI (a path or an option) as UTF-8; a {@code +} is a plus, not
   * a space as in HTML forms.
   *
   * @param raw the encoded text
   * @return the decoded text
   */
  public static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
