package dev.mlops.core.internal.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.mlops.api.dataset.ColumnProfile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** The {@code table} part of a manifest's file entry: rows, schema and column profiles. */
final class TableCodec {
  private TableCodec() {}

  static void write(JsonGenerator json, Manifest.TableMeta table) throws IOException {
    json.writeObjectFieldStart("table");
    json.writeNumberField("rows", table.rows());
    json.writeStringField("schema", table.schemaJson());
    json.writeObjectFieldStart("profiles");
    for (var e : table.profiles().entrySet()) {
      json.writeFieldName(e.getKey());
      writeProfile(json, e.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeProfile(JsonGenerator json, ColumnProfile p) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", p.type());
    json.writeNumberField("count", p.count());
    json.writeNumberField("nulls", p.nulls());
    json.writeNumberField("nans", p.nans());
    optional(json, "min", p.min());
    optional(json, "max", p.max());
    optional(json, "mean", p.mean());
    optional(json, "std", p.std());
    json.writeArrayFieldStart("quantiles");
    for (var q : p.quantiles().entrySet()) {
      json.writeStartArray();
      json.writeNumber(q.getKey());
      json.writeNumber(q.getValue());
      json.writeEndArray();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("frequent");
    for (ColumnProfile.FrequentItem item : p.frequentItems()) {
      json.writeStartArray();
      json.writeString(item.value());
      json.writeNumber(item.estimate());
      json.writeEndArray();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void optional(JsonGenerator json, String name, OptionalDouble value) throws IOException {
    if (value.isPresent()) {
      json.writeNumberField(name, value.getAsDouble());
    }
  }

  static Manifest.TableMeta read(JsonParser json) throws IOException {
    long rows = 0;
    String schema = null;
    TreeMap<String, ColumnProfile> profiles = new TreeMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "rows" -> rows = json.getLongValue();
        case "schema" -> schema = json.getText();
        case "profiles" -> {
          while (json.nextToken() == JsonToken.FIELD_NAME) {
            String column = json.currentName();
            json.nextToken();
            profiles.put(column, readProfile(json));
          }
        }
        default -> json.skipChildren();
      }
    }
    if (schema == null) {
      throw new IOException("a table entry lacks its schema");
    }
    return new Manifest.TableMeta(rows, schema, profiles);
  }

  private static ColumnProfile readProfile(JsonParser json) throws IOException {
    String type = "";
    long count = 0;
    long nulls = 0;
    long nans = 0;
    OptionalDouble[] stats = {OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
        OptionalDouble.empty()};
    TreeMap<Double, Double> quantiles = new TreeMap<>();
    List<ColumnProfile.FrequentItem> frequent = new ArrayList<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "type" -> type = json.getText();
        case "count" -> count = json.getLongValue();
        case "nulls" -> nulls = json.getLongValue();
        case "nans" -> nans = json.getLongValue();
        case "min" -> stats[0] = OptionalDouble.of(json.getValueAsDouble());
        case "max" -> stats[1] = OptionalDouble.of(json.getValueAsDouble());
        case "mean" -> stats[2] = OptionalDouble.of(json.getValueAsDouble());
        case "std" -> stats[3] = OptionalDouble.of(json.getValueAsDouble());
        case "quantiles" -> {
          while (json.nextToken() == JsonToken.START_ARRAY) {
            json.nextToken();
            double rank = json.getValueAsDouble();
            json.nextToken();
            quantiles.put(rank, json.getValueAsDouble());
            json.nextToken();
          }
        }
        case "frequent" -> {
          while (json.nextToken() == JsonToken.START_ARRAY) {
            json.nextToken();
            String value = json.getText();
            json.nextToken();
            frequent.add(new ColumnProfile.FrequentItem(value, json.getLongValue()));
            json.nextToken();
          }
        }
        default -> json.skipChildren();
      }
    }
    return new ColumnProfile(type, count, nulls, nans, stats[0], stats[1], stats[2], stats[3],
        quantiles, frequent);
  }
}
