package dev.mlops.core.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.input.Excerpt;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of one JSON object's fields with messages that say where the problem is; remembers
 * which fields were read so an unknown (misspelt) field is an error rather than silently ignored
 * ({@link #requireNoOthers()}). A value of the wrong type is an error too; nothing defaults
 * silently. Every problem is an {@link IllegalArgumentException}: a reader of the SDK's own
 * documents turns it into an {@link dev.mlops.api.IntegrityException}, a reader of user input into
 * its own format error.
 */
public final class JsonFields {
  private final JsonNode node;
  private final String where;
  private final Set<String> read = new HashSet<>();

  /**
   * Reads the fields of an object.
   *
   * @param node the node, which must be an object
   * @param where what the object is, for messages (a key, or a path such as {@code checks[2]})
   * @throws IllegalArgumentException if the node is not an object
   */
  public JsonFields(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + " must be a JSON object, got "
          + node.getNodeType());
    }
    this.node = node;
    this.where = where;
  }

  /** A required string. */
  public String text(String name) {
    JsonNode v = required(name);
    if (!v.isTextual()) {
      throw wrong(name, "a string", v);
    }
    return v.asText();
  }

  /** A string, or {@code fallback} if the field is absent. */
  public String textOr(String name, String fallback) {
    return has(name) ? text(name) : fallback;
  }

  /** A string that may be absent (or null). */
  public Optional<String> optionalText(String name) {
    return has(name) ? Optional.of(text(name)) : Optional.empty();
  }

  /** A required number. */
  public double number(String name) {
    JsonNode v = required(name);
    if (!v.isNumber()) {
      throw wrong(name, "a number", v);
    }
    return v.asDouble();
  }

  /** A number that must be present; {@code null} stands for NaN (JSON has no NaN). */
  public double numberOrNaN(String name) {
    read.add(name);
    JsonNode v = node.get(name);
    if (v == null) {
      throw new IllegalArgumentException(where + ": field '" + name + "' is required");
    }
    return v.isNull() ? Double.NaN : number(name);
  }

  /** An integer; {@code fallback} if absent and a fallback is given, else required. */
  public long integer(String name, @Nullable Integer fallback) {
    if (fallback != null && !has(name)) {
      return fallback;
    }
    JsonNode v = required(name);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw wrong(name, "an integer", v);
    }
    return v.asLong();
  }

  /** An integer within the range of {@code int}; {@code fallback} as for {@link #integer}. */
  public int int32(String name, @Nullable Integer fallback) {
    long v = integer(name, fallback);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(where + ": field '" + name + "' is out of range: " + v);
    }
    return (int) v;
  }

  /** A boolean; {@code fallback} if absent and a fallback is given, else required. */
  public boolean bool(String name, @Nullable Boolean fallback) {
    if (fallback != null && !has(name)) {
      return fallback;
    }
    JsonNode v = required(name);
    if (!v.isBoolean()) {
      throw wrong(name, "true or false", v);
    }
    return v.asBoolean();
  }

  /** A required ISO-8601 instant such as {@code 2024-05-01T10:00:00Z}. */
  public Instant instant(String name) {
    return parseInstant(name, text(name));
  }

  /** An ISO-8601 instant that may be absent. */
  public Optional<Instant> optionalInstant(String name) {
    return optionalText(name).map(text -> parseInstant(name, text));
  }

  /** A required constant of an enum, spelt exactly as its name. */
  public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    String text = text(name);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(where + ": field '" + name + "' has the unknown value '"
        + Excerpt.of(text) + "'");
  }

  /** An array of numbers, empty if the field is absent. */
  public List<Double> numbers(String name) {
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

  /** A required array of strings. */
  public List<String> texts(String name) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array(name)) {
      if (!v.isTextual()) {
        throw wrong(name, "an array of strings", v);
      }
      out.add(v.asText());
    }
    return out;
  }

  /** A required array. */
  public JsonNode array(String name) {
    JsonNode v = required(name);
    if (!v.isArray()) {
      throw wrong(name, "an array", v);
    }
    return v;
  }

  /** A required array of objects, each to be read field by field. */
  public List<JsonFields> objects(String name) {
    List<JsonFields> out = new ArrayList<>();
    int i = 0;
    for (JsonNode v : array(name)) {
      out.add(new JsonFields(v, where + "." + name + "[" + i++ + "]"));
    }
    return out;
  }

  /** A required object, to be read field by field. */
  public JsonFields object(String name) {
    return new JsonFields(objectNode(name), where + "." + name);
  }

  /** A required object whose values are all strings, in the order written. */
  public Map<String, String> textMap(String name) {
    return map(name, JsonNode::isTextual, "a string", JsonNode::asText);
  }

  /** A required object whose values are all booleans, in the order written. */
  public Map<String, Boolean> boolMap(String name) {
    return map(name, JsonNode::isBoolean, "true or false", JsonNode::asBoolean);
  }

  /** A required object whose values are all numbers, {@code null} standing for NaN. */
  public Map<String, Double> numberMap(String name) {
    return map(name, v -> v.isNumber() || v.isNull(), "a number",
        v -> v.isNull() ? Double.NaN : v.asDouble());
  }

  private <V> Map<String, V> map(String name, Predicate<JsonNode> accepts, String expected,
      Function<JsonNode, V> value) {
    Map<String, V> out = new LinkedHashMap<>();
    for (var field : objectNode(name).properties()) {
      if (!accepts.test(field.getValue())) {
        throw wrong(name + "." + field.getKey(), expected, field.getValue());
      }
      out.put(field.getKey(), value.apply(field.getValue()));
    }
    return out;
  }

  /** The node of a required field of any type, for a reader of its own. */
  public JsonNode value(String name) {
    return required(name);
  }

  /** The node of a field that may be absent (or null), unread. */
  public @Nullable JsonNode optional(String name) {
    return has(name) ? required(name) : null;
  }

  /** Tells whether a field is present and not null; marks it as known. */
  public boolean has(String name) {
    read.add(name);
    return node.has(name) && !node.get(name).isNull();
  }

  /**
   * Fails on any field that no read asked for: an unknown or misspelt field.
   *
   * @throws IllegalArgumentException naming the first unknown field
   */
  public void requireNoOthers() {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!read.contains(name)) {
        throw new IllegalArgumentException(where + ": unknown field '" + Excerpt.of(name) + "'; known fields: "
            + new java.util.TreeSet<>(read));
      }
    }
  }

  private JsonNode objectNode(String name) {
    JsonNode v = required(name);
    if (!v.isObject()) {
      throw wrong(name, "an object", v);
    }
    return v;
  }

  private Instant parseInstant(String name, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": field '" + name + "' must be an instant such as"
          + " 2024-05-01T10:00:00Z, got '" + Excerpt.of(text) + "'");
    }
  }

  private JsonNode required(String name) {
    read.add(name);
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(where + ": field '" + name + "' is required");
    }
    return v;
  }

  private IllegalArgumentException wrong(String name, String expected, JsonNode got) {
    return new IllegalArgumentException(where + ": field '" + name + "' must be " + expected
        + ", got " + got);
  }
}
