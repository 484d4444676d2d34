package dev.mlops.core.internal.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.core.internal.content.ChunkRef;
import dev.mlops.core.internal.content.FileContent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The {@code table} part of a manifest's file entry: rows, schema, column profiles and, for a table
 * whose content is not Arrow (CSV, Parquet), its format and derived Arrow stream.
 */
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
    if (table.format() != Manifest.Format.ARROW) { // absent for Arrow content: those manifests keep their ids
      json.writeStringField("format", table.format().jsonName());
    }
    if (table.arrow().isPresent()) {
      json.writeFieldName("arrow");
      writeContent(json, table.arrow().get());
    }
    if (!table.parts().isEmpty()) {
      json.writeArrayFieldStart("parts");
      for (Manifest.Part part : table.parts()) {
        json.writeStartObject();
        json.writeStringField("name", part.name());
        json.writeFieldName("content");
        writeContent(json, part.content());
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void writeContent(JsonGenerator json, FileContent content) throws IOException {
    json.writeStartObject();
    json.writeNumberField("size", content.size());
    json.writeStringField("sha256", content.sha256());
    json.writeArrayFieldStart("chunks");
    for (ChunkRef chunk : content.chunks()) {
      json.writeStartArray();
      json.writeString(chunk.sha256());
      json.writeNumber(chunk.size());
      json.writeEndArray();
    }
    json.writeEndArray();
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

  static Manifest.TableMeta read(ManifestParser json) throws IOException {
    long rows = -1;
    String schema = null;
    TreeMap<String, ColumnProfile> profiles = null;
    Manifest.Format format = Manifest.Format.ARROW;
    Optional<FileContent> arrow = Optional.empty();
    List<Manifest.Part> parts = new ArrayList<>();
    json.startObject();
    for (String field; (field = json.nextField()) != null; ) {
      switch (field) {
        case "rows" -> rows = json.count();
        case "schema" -> schema = json.text();
        case "profiles" -> {
          profiles = new TreeMap<>();
          json.startObject();
          for (String column; (column = json.nextField()) != null; ) {
            profiles.put(column, readProfile(json));
          }
        }
        case "format" -> {
          String name = json.text();
          format = Manifest.Format.ofJsonName(name).orElseThrow(() -> json.unknown("format " + name));
        }
        case "arrow" -> arrow = Optional.of(readContent(json));
        case "parts" -> {
          json.startArray();
          while (json.nextElement(JsonToken.START_OBJECT)) {
            String name = null;
            FileContent content = null;
            for (String partField; (partField = json.nextField()) != null; ) {
              switch (partField) {
                case "name" -> name = json.text();
                case "content" -> content = readContent(json);
                default -> throw json.unknown(partField);
              }
            }
            if (name == null || content == null) {
              throw json.missing("a table part's name or content");
            }
            parts.add(new Manifest.Part(name, content));
          }
        }
        default -> throw json.unknown(field);
      }
    }
    if (rows < 0 || schema == null || profiles == null
        || !Manifest.TableMeta.arrowCopyFits(format, parts, arrow)) {
      throw json.missing("a table entry's rows, schema or profiles, or its format with its Arrow stream");
    }
    return new Manifest.TableMeta(rows, schema, profiles, format, arrow, parts);
  }

  private static FileContent readContent(ManifestParser json) throws IOException {
    long size = -1;
    String sha = null;
    List<ChunkRef> chunks = null;
    json.startObject();
    for (String field; (field = json.nextField()) != null; ) {
      switch (field) {
        case "size" -> size = json.count();
        case "sha256" -> sha = json.sha256();
        case "chunks" -> {
          chunks = new ArrayList<>();
          json.startArray();
          while (json.nextElement(JsonToken.START_ARRAY)) {
            String chunkSha = json.sha256();
            long chunkSize = json.count();
            json.endArray();
            chunks.add(new ChunkRef(chunkSha, chunkSize));
          }
        }
        default -> throw json.unknown(field);
      }
    }
    if (size < 0 || sha == null || chunks == null) {
      throw json.missing("a table's stream's or part's size, sha256 or chunks");
    }
    return new FileContent(sha, size, chunks);
  }

  private static ColumnProfile readProfile(ManifestParser json) throws IOException {
    String type = null;
    long[] counts = {-1, -1, -1};
    OptionalDouble[] stats = {OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
        OptionalDouble.empty()};
    TreeMap<Double, Double> quantiles = null;
    List<ColumnProfile.FrequentItem> frequent = null;
    json.startObject();
    for (String field; (field = json.nextField()) != null; ) {
      switch (field) {
        case "type" -> type = json.text();
        case "count" -> counts[0] = json.count();
        case "nulls" -> counts[1] = json.count();
        case "nans" -> counts[2] = json.count();
        case "min" -> stats[0] = OptionalDouble.of(json.number());
        case "max" -> stats[1] = OptionalDouble.of(json.number());
        case "mean" -> stats[2] = OptionalDouble.of(json.number());
        case "std" -> stats[3] = OptionalDouble.of(json.number());
        case "quantiles" -> {
          quantiles = new TreeMap<>();
          json.startArray();
          while (json.nextElement(JsonToken.START_ARRAY)) {
            double rank = json.number();
            quantiles.put(rank, json.number());
            json.endArray();
          }
        }
        case "frequent" -> {
          frequent = new ArrayList<>();
          json.startArray();
          while (json.nextElement(JsonToken.START_ARRAY)) {
            String value = json.text();
            frequent.add(new ColumnProfile.FrequentItem(value, json.count()));
            json.endArray();
          }
        }
        default -> throw json.unknown(field);
      }
    }
    if (type == null || counts[0] < 0 || counts[1] < 0 || counts[2] < 0 || quantiles == null
        || frequent == null) {
      throw json.missing("a column profile's type, counts, quantiles or frequent items");
    }
    return new ColumnProfile(type, counts[0], counts[1], counts[2], stats[0], stats[1], stats[2],
        stats[3], quantiles, frequent);
  }
}
