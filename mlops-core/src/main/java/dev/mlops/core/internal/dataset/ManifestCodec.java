package dev.mlops.core.internal.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
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
 * equal manifests are equal bytes, and reads them back with a streaming parser (no tree in memory),
 * strictly: an unknown, missing or mistyped field is damage (or a newer mlops's format), not a default.
 * A file of one chunk stores no chunk list: its only chunk is the file itself.
 */
final class ManifestCodec {
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

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
    try (JsonParser parser = JSON.createParser(bytes)) {
      ManifestParser json = new ManifestParser(parser);
      json.startObject();
      boolean formatSeen = false;
      Optional<String> parent = Optional.empty();
      String message = null;
      String author = null;
      TreeMap<String, String> metadata = null;
      List<Manifest.Entry> files = null;
      List<String> derivedFrom = new ArrayList<>();
      String transformation = "";
      Optional<Manifest.View> view = Optional.empty();
      for (String field; (field = json.nextField()) != null; ) {
        switch (field) {
          case "format" -> {
            long format = json.integer();
            if (format != Manifest.FORMAT) {
              throw new IntegrityException(label + " has manifest format " + format
                  + "; this version of mlops reads format " + Manifest.FORMAT + ": upgrade mlops");
            }
            formatSeen = true;
          }
          case "parent" -> parent = Optional.of(json.sha256());
          case "message" -> message = json.text();
          case "author" -> author = json.text();
          case "derivedFrom" -> {
            json.startArray();
            while (json.nextElement(JsonToken.VALUE_STRING)) {
              derivedFrom.add(json.currentText());
            }
          }
          case "transformation" -> transformation = json.text();
          case "view" -> view = Optional.of(readView(json));
          case "metadata" -> {
            metadata = new TreeMap<>();
            json.startObject();
            for (String key; (key = json.nextField()) != null; ) {
              metadata.put(key, json.text());
            }
          }
          case "files" -> {
            files = new ArrayList<>();
            json.startArray();
            while (json.nextElement(JsonToken.START_OBJECT)) {
              files.add(readFile(json));
            }
          }
          default -> throw json.unknown(field);
        }
      }
      json.end();
      if (!formatSeen || message == null || author == null || metadata == null || files == null) {
        throw json.missing("one of format, message, author, metadata and files");
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

  private static Manifest.View readView(ManifestParser json) throws IOException {
    String base = null;
    List<String> columns = null;
    Optional<String> where = Optional.empty();
    json.startObject();
    for (String field; (field = json.nextField()) != null; ) {
      switch (field) {
        case "base" -> base = json.text();
        case "columns" -> {
          columns = new ArrayList<>();
          json.startArray();
          while (json.nextElement(JsonToken.VALUE_STRING)) {
            columns.add(json.currentText());
          }
        }
        case "where" -> where = Optional.of(json.text());
        default -> throw json.unknown(field);
      }
    }
    if (base == null || base.indexOf('@') <= 0 || columns == null) {
      throw json.missing("a view's base (name@id) or columns");
    }
    return new Manifest.View(base, columns, where);
  }

  private static Manifest.Entry readFile(ManifestParser json) throws IOException {
    String path = null;
    long size = -1;
    String sha = null;
    List<ChunkRef> chunks = null;
    Optional<Manifest.TableMeta> table = Optional.empty();
    Optional<String> external = Optional.empty();
    for (String field; (field = json.nextField()) != null; ) {
      switch (field) {
        case "path" -> path = json.text();
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
        case "table" -> table = Optional.of(TableCodec.read(json));
        case "external" -> external = Optional.of(json.text());
        default -> throw json.unknown(field);
      }
    }
    if (path == null || sha == null || size < 0) {
      throw json.missing("a file entry's path, size or sha256");
    }
    if (chunks == null) {
      chunks = size == 0 || external.isPresent() ? List.of() : List.of(new ChunkRef(sha, size));
    }
    return new Manifest.Entry(path, new FileContent(sha, size, chunks), table, external);
  }

}
