package dev.mlops.server.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.util.Map;

/** The one JSON mapper of the API and the few ways it writes answers. */
final class Json {
  /**
   * Protobuf's JSON, which MLflow clients send, writes NaN and infinities as the strings "NaN" and
   * "Infinity"; Python's json module writes them as bare tokens. Both are accepted.
   */
  static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private static final byte[] EMPTY = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return object();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        return object();
      }
      if (!node.isObject()) {
        throw ApiError.malformed("Malformed request: the body must be a JSON object, got " + node.getNodeType());
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiError.malformed("Malformed request: the body is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw ApiError.malformed("Malformed request: " + e.getMessage());
    }
  }

  /** MLflow's key/value lists ({@code [{"key": k, "value": v}]}), from a map. */
  static ArrayNode keyValues(Map<String, String> values) {
    ArrayNode list = array();
    values.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> list.addObject().put("key", e.getKey()).put("value", e.getValue()));
    return list;
  }

  static void send(WebResponse response, JsonNode body) throws IOException {
    response.send(200, "application/json", MAPPER.writeValueAsBytes(body));
  }

  static void sendEmpty(WebResponse response) throws IOException {
    response.send(200, "application/json", EMPTY);
  }

  static void sendError(WebResponse response, ApiError error) throws IOException {
    ObjectNode body = object().put("error_code", error.code()).put("message", error.getMessage());
    if (error.status() == 401) {
      response.header("WWW-Authenticate", "Basic realm=\"mlops\"");
    }
    response.send(error.status(), "application/json", MAPPER.writeValueAsBytes(body));
  }
}
