package dev.mlops.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** MLflow's request limits and its messages for them (mlflow/utils/validation.py). */
final class Limits {
  static final int MAX_BATCH_REQUEST_BYTES = 1_000_000;
  static final int MAX_METRICS_PER_BATCH = 1000;
  static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
  static final int MAX_ENTITIES_PER_BATCH = 1000;
  static final int MAX_PARAM_VALUE_LENGTH = 6000;
  static final int MAX_TAG_VALUE_LENGTH = 5000;
  static final int MAX_RESULTS = 50_000;

  /** Keys already checked: a batch repeats a few keys many times, and the check is a regular expression. */
  private static final Set<String> VALID_KEYS = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final int MAX_REMEMBERED_KEYS = 10_000;

  private Limits() {}

  static void batchRequestSize(int bytes) {
    if (bytes > MAX_BATCH_REQUEST_BYTES) {
      throw ApiError.invalid("Batched logging API requests must be at most " + MAX_BATCH_REQUEST_BYTES
          + " bytes, got a request of size " + bytes + ".");
    }
  }

  static void batchCounts(int metrics, int params, int tags) {
    batchCount("metrics", MAX_METRICS_PER_BATCH, metrics);
    batchCount("params", MAX_PARAMS_TAGS_PER_BATCH, params);
    batchCount("tags", MAX_PARAMS_TAGS_PER_BATCH, tags);
    batchCount("metrics, params, and tags", MAX_ENTITIES_PER_BATCH, metrics + params + tags);
  }

  private static void batchCount(String what, int limit, int count) {
    if (count > limit) {
      throw ApiError.invalid("A batch logging request can contain at most " + limit + " " + what + ". Got " + count
          + " " + what + ". Please split up " + what + " across multiple requests and try again.");
    }
  }

  static void uniqueParamKeys(List<JsonNode> params) {
    Set<String> seen = new HashSet<>();
    Set<String> duplicates = new java.util.TreeSet<>();
    for (JsonNode param : params) {
      String key = param.path("key").asText();
      if (!seen.add(key)) {
        duplicates.add(key);
      }
    }
    if (!duplicates.isEmpty()) {
      throw ApiError.invalid("Duplicate parameter keys have been submitted: " + duplicates
          + ". Please ensure the request contains only one param value per param key.");
    }
  }

  /** A metric, param or tag key: MLflow's kind of name ("metric", "parameter", "tag") checked by our rule. */
  static String key(String kind, JsonNode entry) {
    JsonNode key = entry.get("key");
    if (key == null || key.isNull()) {
      throw ApiError.invalid(capitalized(kind) + " name cannot be None. A key name must be provided.");
    }
    String name = key.asText();
    if (VALID_KEYS.contains(name)) {
      return name;
    }
    try {
      Names.requireValidKey(kind + " key", name);
    } catch (InvalidNameException e) {
      throw ApiError.invalid("Invalid " + kind + " name: '" + name + "'. " + e.getMessage());
    }
    if (VALID_KEYS.size() < MAX_REMEMBERED_KEYS) {
      VALID_KEYS.add(name);
    }
    return name;
  }

  static String value(String entity, int limit, JsonNode entry) {
    JsonNode node = entry.get("value");
    String value = node == null || node.isNull() ? "" : node.asText();
    if (value.length() > limit) {
      throw ApiError.invalid(entity + " '" + value.substring(0, 250) + "' had length " + value.length()
          + ", which exceeded length limit of " + limit);
    }
    return value;
  }

  /** A metric's value: a JSON number, or "NaN", "Infinity", "-Infinity" as protobuf's JSON writes them. */
  static double metricValue(String key, JsonNode entry) {
    JsonNode node = entry.get("value");
    if (node != null && node.isNumber()) {
      return node.doubleValue();
    }
    if (node != null && node.isTextual()) {
      switch (node.asText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(node.asText());
          } catch (NumberFormatException e) {
            break;
          }
      }
    }
    throw ApiError.invalid("Got invalid value " + node + " for metric '" + key + "' (timestamp="
        + entry.path("timestamp").asText() + "). Please specify value as a valid double (64-bit floating point)");
  }

  static long step(String key, JsonNode entry) {
    JsonNode node = entry.get("step");
    if (node == null || node.isNull()) {
      return 0;
    }
    if (node.canConvertToExactIntegral() || node.isTextual() && node.asText().matches("-?\\d{1,19}")) {
      return node.asLong();
    }
    throw ApiError.invalid("Got invalid step " + node + " for metric '" + key + "' (value="
        + entry.path("value").asText() + "). Step must be a valid long (64-bit integer).");
  }

  /**
   * A metric point's {@code timestamp}: the client's milliseconds since the epoch, as MLflow stores
   * them; the server's time when a client leaves it out.
   */
  static long timestamp(String key, JsonNode entry, java.time.Clock clock) {
    JsonNode node = entry.get("timestamp");
    if (node == null || node.isNull()) {
      return clock.millis();
    }
    if (node.canConvertToExactIntegral() || node.isTextual() && node.asText().matches("-?\\d{1,19}")) {
      return node.asLong();
    }
    throw ApiError.invalid("Got invalid timestamp " + node + " for metric '" + key + "' (value="
        + entry.path("value").asText() + "). Timestamp must be a valid long (64-bit integer), milliseconds since the epoch.");
  }

  static int maxResults(Params params, int fallback) {
    int max = params.intValue("max_results").orElse(fallback);
    if (max <= 0 || max > MAX_RESULTS) {
      throw ApiError.invalid("Invalid value for request parameter max_results. It must be at most " + MAX_RESULTS
          + ", but got value " + max);
    }
    return max;
  }

  private static String capitalized(String kind) {
    return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
  }
}
