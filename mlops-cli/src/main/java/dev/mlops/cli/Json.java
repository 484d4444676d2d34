package dev.mlops.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The one JSON form of the commands' output: one line per result, keys in the documented order, written as
 * {@code {"objects": 3, "corrupt": [], "ok": true}} so it reads like the documentation.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter WRITER = MAPPER.writer(new OneLinePrinter());

  private Json() {}

  /** Returns a new, empty object whose keys keep their insertion order. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Renders a tree or value on one line.
   *
   * @param json a Jackson tree or value
   * @return the JSON text
   */
  public static String write(Object json) {
    try {
      return WRITER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** Compact output with a space after each colon and comma. */
  private static final class OneLinePrinter extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }
  }
}
