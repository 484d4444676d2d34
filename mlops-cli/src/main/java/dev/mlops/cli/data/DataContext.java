package dev.mlops.cli.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.core.MlOps;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What every {@code mlops data} command needs: the store and output options of the top command. */
final class DataContext {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CommandSpec spec;

  DataContext(CommandSpec spec) {
    this.spec = spec;
  }

  MlOps open() {
    OptionSpec store = spec.root().findOption("--store");
    String location = store == null ? null : store.getValue();
    return MlOps.open(location != null ? MlOps.toStoreUri(location) : MlOps.defaultStoreUri(System.getenv()));
  }

  boolean json() {
    OptionSpec json = spec.root().findOption("--json");
    return json != null && Boolean.TRUE.equals(json.getValue());
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  void print(ObjectNode json, String text) {
    PrintWriter out = spec.commandLine().getOut();
    try {
      out.println(json() ? JSON.writeValueAsString(json) : text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
    out.flush();
  }

  /** The short form of a version id used in human output. */
  static String shortId(String id) {
    return id.substring(0, Math.min(12, id.length()));
  }

  static ObjectNode version(DatasetVersion v) {
    ObjectNode node = object();
    node.put("dataset", v.ref().dataset());
    node.put("version", v.ref().versionId());
    node.put("parent", v.parentId().orElse(null));
    node.put("message", v.message());
    node.put("author", v.author());
    node.put("createdAt", v.createdAt().toString());
    node.put("files", v.files().size());
    node.put("bytes", v.size());
    putView(node, v);
    return node;
  }

  /** For a virtual version, {@code "view": {"base", "columns", "where"}}; nothing otherwise. */
  static void putView(ObjectNode node, DatasetVersion v) {
    v.view().ifPresent(view -> {
      ObjectNode json = node.putObject("view");
      json.put("base", view.base().toString());
      view.columns().forEach(json.putArray("columns")::add);
      json.put("where", view.where().orElse(null));
    });
  }
}
