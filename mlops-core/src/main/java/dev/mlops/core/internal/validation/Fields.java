package dev.mlops.core.internal.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.internal.Excerpt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of one JSON object's fields with messages that say where the problem is; remembers
 * which fields were read so an unknown (misspelt) field is an error rather than silently ignored.
 */
final class Fields {
  private final JsonNode node;
  private final String where;
  private final Set<String> read = new HashSet<>();

  Fields(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + " must be a JSON object, got " + node.getNodeType());
    }
    this.node = node;
    this.where = where;
  }

  String text(String name) {
    JsonNode v = required(name);
    if (!v.isTextual()) {
      throw wrong(name, "a string", v);
    }
    return v.asText();
  }

  String textOr(String name, String fallback) {
    return has(name) ? text(name) : fallback;
  }

  double number(String name) {
    JsonNode v = required(name);
    if (!v.isNumber()) {
      throw wrong(name, "a number", v);
    }
    return v.asDouble();
  }

  long integer(String name, @Nullable Integer fallback) {
    if (fallback != null && !has(name)) {
      return fallback;
    }
    JsonNode v = required(name);
    if (!v.isIntegralNumber()) {
      throw wrong(name, "an integer", v);
    }
    return v.asLong();
  }

  int int32(String name, @Nullable Integer fallback) {
    long v = integer(name, fallback);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(where + ": field '" + Excerpt.of(name) + "' is out of range: " + v);
    }
    return (int) v;
  }

  boolean bool(String name, @Nullable Boolean fallback) {
    if (fallback != null && !has(name)) {
      return fallback;
    }
    JsonNode v = required(name);
    if (!v.isBoolean()) {
      throw wrong(name, "true or false", v);
    }
    return v.asBoolean();
  }

  List<Double> numbers(String name) {
    List<Double> out = new ArrayList<>();
    if (has(name)) {
      for (JsonNode v : array(name)) {
        if (!v.isNumber()) {
          throw wrong(name, "an array of numbers", v);
        }
        out.add(v.asDouble());
      }
    }
    return out;
  }

  List<String> texts(String name) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array(name)) {
      if (!v.isTextual()) {
        throw wrong(name, "an array of strings", v);
      }
      out.add(v.asText());
    }
    return out;
  }

  JsonNode array(String name) {
    JsonNode v = required(name);
    if (!v.isArray()) {
      throw wrong(name, "an array", v);
    }
    return v;
  }

  @Nullable JsonNode optional(String name) {
    return has(name) ? required(name) : null;
  }

  boolean has(String name) {
    read.add(name);
    return node.has(name) && !node.get(name).isNull();
  }

  void requireNoOthers() {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!read.contains(name)) {
        throw new IllegalArgumentException(where + ": unknown field '" + Excerpt.of(name) + "'; known fields: "
            + read);
      }
    }
  }

  private JsonNode required(String name) {
    read.add(name);
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(where + ": field '" + Excerpt.of(name) + "' is required");
    }
    return v;
  }

  private IllegalArgumentException wrong(String name, String expected, JsonNode got) {
    return new IllegalArgumentException(where + ": field '" + Excerpt.of(name) + "' must be " + expected
        + ", got " + got);
  }
}
