package dev.mlops.core.internal.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.mlops.api.IntegrityException;
import dev.mlops.core.internal.content.ChunkRef;
import dev.mlops.core.internal.content.FileContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes manifests as canonical JSON (fixed field order, sorted maps and files, no whitespace) so
 * equal manifests are equal bytes, and reads them back with a streaming parser (no tree in memory).
 * A file of one chunk stores no chunk list: its only chunk is the file itself.
 */
final class ManifestCodec {
  private static final JsonFactory JSON = new JsonFactory();

  private ManifestCodec() {}

  static byte[] encode(Manifest manifest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("format", Manifest.FORMAT);
      if (manifest.parent().isPresent()) {
        json.writeStringField("parent", manifest.parent().get());
      }
      json.writeStringField("message", manifest.message());
      json.writeStringField("author", manifest.author());
      json.writeObjectFieldStart("metadata");
      for (var entry : manifest.metadata().entrySet()) {
        json.writeStringField(entry.getKey(), entry.getValue());
      }
      json.writeEndObject();
      if (!manifest.derivedFrom().isEmpty()) {
        json.writeArrayFieldStart("derivedFrom");
        for (String input : manifest.derivedFrom()) {
          json.writeString(input);
        }
        json.writeEndArray();
      }
      if (!manifest.transformation().isEmpty()) {
        json.writeStringField("transformation", manifest.transformation());
      }
      if (manifest.view().isPresent()) {
        Manifest.View view = manifest.view().get();
        json.writeObjectFieldStart("view");
        json.writeStringField("base", view.base());
        json.writeArrayFieldStart("columns");
        for (String column : view.columns()) {
          json.writeString(column);
        }
        json.writeEndArray();
        if (view.where().isPresent()) {
          json.writeStringField("where", view.where().get());
        }
        json.writeEndObject();
      }
      json.writeArrayFieldStart("files");
      for (Manifest.Entry file : manifest.files()) {
        writeFile(json, file);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeFile(JsonGenerator json, Manifest.Entry file) throws IOException {
    FileContent content = file.content();
    json.writeStartObject();
    json.writeStringField("path", file.path());
    json.writeNumberField("size", content.size());
    json.writeStringField("sha256", content.sha256());
    if (file.external().isPresent()) {
      json.writeStringField("external", file.external().get());
    } else if (!isImplicit(content) || isVirtual(file)) {
      json.writeArrayFieldStart("chunks");
      for (ChunkRef chunk : content.chunks()) {
        json.writeStartArray();
        json.writeString(chunk.sha256());
        json.writeNumber(chunk.size());
        json.writeEndArray();
      }
      json.writeEndArray();
    }
    if (file.table().isPresent()) {
      TableCodec.write(json, file.table().get());
    }
    json.writeEndObject();
  }

  /** A view's table: no chunks, but not empty; written as "chunks": [] so it reads back so. */
  private static boolean isVirtual(Manifest.Entry file) {
    return file.table().isPresent() && file.content().chunks().isEmpty() && file.content().size() > 0;
  }

  private static boolean isImplicit(FileContent content) {
    return content.chunks().isEmpty()
        || (content.chunks().size() == 1 && content.chunks().get(0).sha256().equals(content.sha256()));
  }

  static Manifest decode(byte[] bytes, String label) {
    try (JsonParser json = JSON.createParser(bytes)) {
      expect(json.nextToken(), JsonToken.START_OBJECT, label);
      Optional<String> parent = Optional.empty();
      String message = "";
      String author = "";
      TreeMap<String, String> metadata = new TreeMap<>();
      List<Manifest.Entry> files = new ArrayList<>();
      List<String> derivedFrom = new ArrayList<>();
      String transformation = "";
      Optional<Manifest.View> view = Optional.empty();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        json.nextToken();
        switch (field) {
          case "format" -> {
            if (json.getIntValue() != Manifest.FORMAT) {
              throw new IntegrityException(label + " has manifest format " + json.getIntValue()
                  + "; this version of mlops reads format " + Manifest.FORMAT + ": upgrade mlops");
            }
          }
          case "parent" -> parent = Optional.of(json.getText());
          case "message" -> message = json.getText();
          case "author" -> author = json.getText();
          case "derivedFrom" -> {
            while (json.nextToken() == JsonToken.VALUE_STRING) {
              derivedFrom.add(json.getText());
            }
          }
          case "transformation" -> transformation = json.getText();
          case "view" -> view = Optional.of(readView(json));
          case "metadata" -> {
            while (json.nextToken() == JsonToken.FIELD_NAME) {
              String key = json.currentName();
              json.nextToken();
              metadata.put(key, json.getText());
            }
          }
          case "files" -> {
            while (json.nextToken() == JsonToken.START_OBJECT) {
              files.add(readFile(json));
            }
          }
          default -> json.skipChildren(); // fields of later formats that this reader ignores
        }
      }
      return new Manifest(parent, message, author, metadata, files, derivedFrom, transformation, view);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IntegrityException integrity) {
        throw integrity;
      }
      throw new IntegrityException(label + " is not a readable manifest (" + e.getMessage()
          + "); run 'mlops store verify'", e);
    }
  }

  private static Manifest.View readView(JsonParser json) throws IOException {
    String base = null;
    List<String> columns = new ArrayList<>();
    Optional<String> where = Optional.empty();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "base" -> base = json.getText();
        case "columns" -> {
          while (json.nextToken() == JsonToken.VALUE_STRING) {
            columns.add(json.getText());
          }
        }
        case "where" -> where = Optional.of(json.getText());
        default -> json.skipChildren();
      }
    }
    if (base == null) {
      throw new IOException("a view lacks its base");
    }
    return new Manifest.View(base, columns, where);
  }

  private static Manifest.Entry readFile(JsonParser json) throws IOException {
    String path = null;
    long size = 0;
    String sha = null;
    List<ChunkRef> chunks = null;
    Optional<Manifest.TableMeta> table = Optional.empty();
    Optional<String> external = Optional.empty();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      json.nextToken();
      switch (field) {
        case "path" -> path = json.getText();
        case "size" -> size = json.getLongValue();
        case "sha256" -> sha = json.getText();
        case "chunks" -> {
          chunks = new ArrayList<>();
          while (json.nextToken() == JsonToken.START_ARRAY) {
            json.nextToken();
            String chunkSha = json.getText();
            json.nextToken();
            long chunkSize = json.getLongValue();
            json.nextToken();
            chunks.add(new ChunkRef(chunkSha, chunkSize));
          }
        }
        case "table" -> table = Optional.of(TableCodec.read(json));
        case "external" -> external = Optional.of(json.getText());
        default -> json.skipChildren();
      }
    }
    if (path == null || sha == null) {
      throw new IOException("a file entry lacks its path or sha256");
    }
    if (chunks == null) {
      chunks = size == 0 || external.isPresent() ? List.of() : List.of(new ChunkRef(sha, size));
    }
    return new Manifest.Entry(path, new FileContent(sha, size, chunks), table, external);
  }

  private static void expect(JsonToken actual, JsonToken expected, String label) throws IOException {
    if (actual != expected) {
      throw new IOException(label + ": expected " + expected + " but found " + actual);
    }
  }
}
