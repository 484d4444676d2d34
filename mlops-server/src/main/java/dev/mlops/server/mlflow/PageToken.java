package dev.mlops.server.mlflow;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Page tokens as MLflow's server writes them: base64 of {@code {"offset": n}}. Clients treat them
 * as opaque; a result that changed between pages shifts like MLflow's does.
 */
final class PageToken {
  private PageToken() {}

  static String of(int offset) {
    return Base64.getEncoder().encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
  }

  static int offset(@Nullable String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      String json = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
      int offset = Json.MAPPER.readTree(json).path("offset").asInt(-1);
      if (offset >= 0) {
        return offset;
      }
    } catch (IllegalArgumentException | java.io.IOException e) {
      // answered below
    }
    throw ApiError.invalid("Invalid page token, could not base64-decode: " + token
        + " (pass the next_page_token of the previous page unchanged)");
  }
}
