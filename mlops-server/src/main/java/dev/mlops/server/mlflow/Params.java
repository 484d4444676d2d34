package dev.mlops.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.server.http.ForwardingWebRequest;
import dev.mlops.server.http.WebRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A request's fields, from the JSON body (POST, PATCH, DELETE) or from the query string (GET), as
 * MLflow's server reads them. Unknown fields are ignored, as MLflow ignores them.
 */
final class Params {
  /** Bodies above this are refused before parsing; log-batch has MLflow's own, smaller limit. */
  static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final JsonNode fields;
  private final int size;

  private Params(JsonNode fields, int size) {
    this.fields = fields;
    this.size = size;
  }

  static Params of(WebRequest request) throws IOException {
    if (request.method().equals("GET")) {
      ObjectNode fields = Json.object();
      for (Map.Entry<String, List<String>> e : request.queryParameters().entrySet()) {
        // MLflow's web UI writes repeated fields as experiment_ids[]=1 or experiment_ids[0]=1.
        String name = e.getKey().replaceFirst("\\[\\d*]$", "");
        if (e.getValue().size() == 1 && name.equals(e.getKey()) && !fields.has(name)) {
          fields.put(name, e.getValue().get(0));
        } else {
          JsonNode existing = fields.get(name);
          if (existing != null && !existing.isArray()) {
            fields.putArray(name).add(existing);
          }
          e.getValue().forEach(fields.withArray(name)::add);
        }
      }
      return new Params(fields, 0);
    }
    byte[] body = readAtMost(request.body(), MAX_BODY_BYTES);
    JsonNode fields = Json.parse(body);
    // Some clients send GET-style parameters on a DELETE without a body.
    if (fields.isEmpty() && !request.queryParameters().isEmpty()) {
      return of(new GetView(request));
    }
    return new Params(fields, body.length);
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    byte[] body = in.readNBytes(limit + 1);
    if (body.length > limit) {
      throw ApiError.invalid("Request bodies must be at most " + limit + " bytes; split the request");
    }
    return body;
  }

  /** The body's size in bytes (0 for GET). */
  int size() {
    return size;
  }

  JsonNode node() {
    return fields;
  }

  @Nullable String text(String name) {
    JsonNode value = fields.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  String required(String name) {
    String value = text(name);
    if (value == null || value.isEmpty()) {
      throw ApiError.invalid("Missing value for required parameter '" + name + "'. See the API docs for more"
          + " information about request parameters.");
    }
    return value;
  }

  String text(String name, String fallback) {
    String value = text(name);
    return value == null ? fallback : value;
  }

  OptionalLong longValue(String name) {
    String value = text(name);
    if (value == null || value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      throw ApiError.invalid("Invalid value '" + value + "' for parameter '" + name + "': expected an integer");
    }
  }

  OptionalInt intValue(String name) {
    OptionalLong value = longValue(name);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    if (value.getAsLong() < Integer.MIN_VALUE || value.getAsLong() > Integer.MAX_VALUE) {
      throw ApiError.invalid("Invalid value " + value.getAsLong() + " for parameter '" + name + "'");
    }
    return OptionalInt.of((int) value.getAsLong());
  }

  /** A repeated field: a JSON array, or one value (a query parameter given once). */
  List<String> list(String name) {
    JsonNode value = fields.get(name);
    List<String> values = new ArrayList<>();
    if (value == null || value.isNull()) {
      return values;
    }
    if (value.isArray()) {
      value.forEach(v -> values.add(v.asText()));
    } else {
      values.add(value.asText());
    }
    return values;
  }

  /** A repeated message field such as {@code metrics} or {@code tags}: the objects, or none. */
  List<JsonNode> objects(String name) {
    JsonNode value = fields.get(name);
    List<JsonNode> values = new ArrayList<>();
    if (value != null && value.isArray()) {
      value.forEach(values::add);
    } else if (value != null && !value.isNull()) {
      throw ApiError.invalid("Invalid value for parameter '" + name + "': expected a list");
    }
    return values;
  }

  /** The request seen as a GET, so its query parameters are read. */
  private static final class GetView extends ForwardingWebRequest {
    GetView(WebRequest request) {
      super(request);
    }

    @Override
    public String method() {
      return "GET";
    }

    @Override
    public InputStream body() {
      return InputStream.nullInputStream();
    }
  }
}
