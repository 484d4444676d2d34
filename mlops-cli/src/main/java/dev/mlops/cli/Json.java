package dev.mlops.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;

/**
 * The one JSON form of the commands' output: one line per result, keys in the documented order, written as
 * {@code {"objects": 3, "corrupt": [], "ok": true}} so it reads like the documentation.
 */
public final class Json {
  /** Writes trees without an {@code ObjectMapper}, whose set-up was a tenth of a short command's time. */
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /** Returns a new, empty object whose keys keep their insertion order. */
  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Renders a tree or value on one line.
   *
   * @param json a Jackson tree or value
   * @return the JSON text
   */
  public static String write(Object json) {
    if (json instanceof JsonNode tree && plain(tree)) {
      StringWriter text = new StringWriter();
      try (JsonGenerator generator = FACTORY.createGenerator(text)) {
        generator.setPrettyPrinter(new OneLinePrinter());
        writeTree(generator, tree);
      } catch (IOException e) {
        throw new IllegalStateException("a JSON tree always serializes", e);
      }
      return text.toString();
    }
    try {
      return Mapped.WRITER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** Writes a plain tree as the mapper would (each number in the width its node holds). */
  private static void writeTree(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (var field : node.properties()) {
          g.writeFieldName(field.getKey());
          writeTree(g, field.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode element : node) {
          writeTree(g, element);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.textValue());
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NULL, MISSING -> g.writeNull();
      case BINARY -> g.writeBinary(node.binaryValue());
      case NUMBER -> writeNumber(g, node);
      default -> throw new IllegalStateException("not a plain tree: " + node.getNodeType());
    }
  }

  private static void writeNumber(JsonGenerator g, JsonNode number) throws IOException {
    switch (number.numberType()) {
      case INT -> g.writeNumber(number.intValue());
      case LONG -> g.writeNumber(number.longValue());
      case BIG_INTEGER -> g.writeNumber(number.bigIntegerValue());
      case FLOAT -> g.writeNumber(number.floatValue());
      case DOUBLE -> g.writeNumber(number.doubleValue());
      case BIG_DECIMAL -> g.writeNumber(number.decimalValue());
    }
  }

  /** Whether a tree holds only JSON values (no Java object to serialize through a mapper). */
  private static boolean plain(JsonNode tree) {
    if (tree.isPojo()) {
      return false;
    }
    for (JsonNode child : tree) {
      if (!plain(child)) {
        return false;
      }
    }
    return true;
  }

  /** The mapper, set up only for values that are not plain trees. */
  private static final class Mapped {
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new OneLinePrinter());
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
