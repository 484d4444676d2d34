package dev.mlops.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Parses a raw query string ({@code a=1&b=x%20y}) the same way for every adapter. */
final class QueryStrings {
  private QueryStrings() {}

  static Map<String, List<String>> parse(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    parameters.replaceAll((name, values) -> Collections.unmodifiableList(values));
    return Collections.unmodifiableMap(parameters);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      // A broken escape ("%zz") stays as typed, so the handler can name it in its error.
      return text;
    }
  }
}
