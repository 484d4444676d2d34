package dev.mlops.cli.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.cli.CommandContext;
import picocli.CommandLine.Model.CommandSpec;

/** What every {@code mlops data} command needs: the store and output options of the top command. */
final class DataContext extends CommandContext {
  DataContext(CommandSpec spec) {
    super(spec);
  }

  /** A new JSON object; from the node factory, as setting up an ObjectMapper costs a text-only run. */
  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
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
