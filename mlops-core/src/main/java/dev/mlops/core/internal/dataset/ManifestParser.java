package dev.mlops.core.internal.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Strict steps through a manifest with a streaming parser: each read names the token it expects,
 * so a value of the wrong type, an unknown field or a missing one is an error rather than a
 * default. Every problem is an {@link IOException} that says where.
 */
final class ManifestParser {
  private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

  private final JsonParser json;

  ManifestParser(JsonParser json) {
    this.json = json;
  }

  /** The next field of the current object, or null at its end. */
  @Nullable String nextField() throws IOException {
    JsonToken token = json.nextToken();
    if (token == JsonToken.END_OBJECT) {
      return null;
    }
    require(token == JsonToken.FIELD_NAME, "a field name");
    return json.currentName();
  }

  void startObject() throws IOException {
    require(json.nextToken() == JsonToken.START_OBJECT, "an object");
  }

  void startArray() throws IOException {
    require(json.nextToken() == JsonToken.START_ARRAY, "an array");
  }

  /** Moves to the next element of the current array: true at an element's start, false at the end. */
  boolean nextElement(JsonToken start) throws IOException {
    JsonToken token = json.nextToken();
    if (token == JsonToken.END_ARRAY) {
      return false;
    }
    require(token == start, start == JsonToken.START_ARRAY ? "an array" : start == JsonToken.START_OBJECT
        ? "an object" : "a string");
    return true;
  }

  void endArray() throws IOException {
    require(json.nextToken() == JsonToken.END_ARRAY, "the end of an array");
  }

  /** The current token's text, which must be a string (after {@link #nextElement}). */
  String currentText() throws IOException {
    require(json.currentToken() == JsonToken.VALUE_STRING, "a string");
    return json.getText();
  }

  String text() throws IOException {
    json.nextToken();
    return currentText();
  }

  long integer() throws IOException {
    require(json.nextToken() == JsonToken.VALUE_NUMBER_INT, "an integer");
    return json.getLongValue();
  }

  long count() throws IOException {
    long value = integer();
    require(value >= 0, "a count, not negative");
    return value;
  }

  /** A number; the writer spells NaN and the infinities as strings. */
  double number() throws IOException {
    JsonToken token = json.nextToken();
    if (token == JsonToken.VALUE_STRING && NON_FINITE.contains(json.getText())) {
      return Double.parseDouble(json.getText());
    }
    require(token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT, "a number");
    return json.getDoubleValue();
  }

  String sha256() throws IOException {
    String hex = text();
    require(dev.mlops.core.internal.content.Sha256.isHex(hex), "a SHA-256 in hex"); // no regex: 2 per file
    return hex;
  }

  /** Fails unless the document ended with the object just read. */
  void end() throws IOException {
    require(json.nextToken() == null, "the end of the manifest");
  }

  IOException unknown(String field) {
    return new IOException("unknown field '" + field + "' at " + json.currentLocation().offsetDescription()
        + " (damaged, or written by a newer mlops: upgrade)");
  }

  IOException missing(String what) {
    return new IOException("missing " + what);
  }

  private void require(boolean ok, String expected) throws IOException {
    if (!ok) {
      throw new IOException("expected " + expected + " at " + json.currentLocation().offsetDescription()
          + ", found " + json.currentToken());
    }
  }
}
