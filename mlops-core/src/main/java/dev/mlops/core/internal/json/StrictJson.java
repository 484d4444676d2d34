package dev.mlops.core.internal.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Strict reading of the JSON documents the SDK stores. What a lenient reader would let through and
 * these refuse: duplicate fields, anything after the document, unknown (misspelt) fields, a
 * missing field that is not marked {@link Nullable}, {@code null} where a value belongs, and a
 * value of another type (a number as text, text as a number, a fraction as an integer, a number
 * as a boolean). So a damaged document is an error, never a default value.
 *
 * <p>Every problem is an {@link IllegalArgumentException} that says what is wrong; readers of
 * stored documents turn it into an {@link dev.mlops.api.IntegrityException} naming the key.
 */
public final class StrictJson {
  private static final ObjectMapper READER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
          DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
          DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
          DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
          DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .withCoercionConfig(LogicalType.Textual, c -> c
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .withCoercionConfig(LogicalType.Integer, c -> c
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
      .withCoercionConfig(LogicalType.Float, c -> c
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
      .withCoercionConfig(LogicalType.Boolean, c -> c
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
      .withCoercionConfig(LogicalType.Enum, c -> c
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
      // A null inside a list or map is never written; a null field is checked by requireFields.
      .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
      .build();

  private StrictJson() {}

  /**
   * Parses a document whose root is an object.
   *
   * @param bytes the document (UTF-8)
   * @return its root object
   * @throws IllegalArgumentException if it is not one well-formed JSON object
   */
  public static JsonNode tree(byte[] bytes) {
    JsonNode root;
    try {
      root = READER.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("not well-formed JSON: " + originalMessage(e), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return root;
  }

  /**
   * Reads a document into a class of public fields. Every field must be present unless its type
   * is marked {@link Nullable}, also in nested classes of the SDK's and in the elements of their
   * lists and maps.
   *
   * @param bytes the document (UTF-8)
   * @param type the class to read into
   * @param <T> the class
   * @return the value
   * @throws IllegalArgumentException if the document is not exactly of that shape
   */
  public static <T> T read(byte[] bytes, Class<T> type) {
    JsonNode root = tree(bytes);
    requireFields(root, type, "");
    try {
      return READER.treeToValue(root, type);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException("unknown field '" + e.getPropertyName() + "' (damaged,"
          + " or written by a newer mlops: upgrade)", e);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(originalMessage(e), e);
    }
  }

  private static void requireFields(JsonNode node, Class<?> type, String path) {
    for (Field field : type.getFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      JsonNode value = node.get(field.getName());
      if (value == null || value.isNull()) {
        if (!field.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
          throw new IllegalArgumentException("field '" + path + field.getName() + "' is required");
        }
      } else {
        requireNested(value, field.getGenericType(), path + field.getName());
      }
    }
  }

  private static void requireNested(JsonNode value, Type type, String path) {
    if (type instanceof Class<?> c && isDocumentClass(c) && value.isObject()) {
      requireFields(value, c, path + ".");
    } else if (type instanceof ParameterizedType p) {
      Type[] arguments = p.getActualTypeArguments();
      Type element = arguments[arguments.length - 1]; // List<E>, Map<String, E>
      if (value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          requireNested(value.get(i), element, path + "[" + i + "]");
        }
      } else if (value.isObject()) {
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
          requireNested(entry.getValue(), element, path + "." + entry.getKey());
        }
      }
    }
  }

  private static boolean isDocumentClass(Class<?> c) {
    return !c.isEnum() && c.getName().startsWith("dev.mlops.core.internal.");
  }

  private static String originalMessage(IOException e) {
    return e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
  }
}
