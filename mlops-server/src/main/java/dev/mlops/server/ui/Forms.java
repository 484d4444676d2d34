package dev.mlops.server.ui;

import dev.mlops.server.http.WebRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads a posted form ({@code application/x-www-form-urlencoded}), which is all the UI posts. */
final class Forms {
  /** Our forms are a few short fields; a larger body is refused rather than buffered. */
  static final int MAX_BYTES = 64 * 1024;

  private Forms() {}

  static Map<String, String> read(WebRequest request) throws IOException {
    byte[] body;
    try (InputStream in = request.body()) {
      body = in.readNBytes(MAX_BYTES + 1);
    }
    if (body.length > MAX_BYTES) {
      throw new IllegalArgumentException("the form is larger than " + MAX_BYTES + " bytes");
    }
    Map<String, String> fields = new HashMap<>();
    for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      fields.putIfAbsent(name, value);
    }
    return fields;
  }
}
