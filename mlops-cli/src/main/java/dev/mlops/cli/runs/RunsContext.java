package dev.mlops.cli.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.cli.CommandContext;
import dev.mlops.cli.Numbers;
import dev.mlops.cli.TextTable;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/** What every {@code mlops runs} command needs: the store, output options and run rendering. */
final class RunsContext extends CommandContext {
  static final ObjectMapper JSON = new ObjectMapper();

  RunsContext(CommandSpec spec) {
    super(spec);
  }

  /** A run as JSON; metric values that JSON cannot hold (NaN, infinities) become strings. */
  static ObjectNode run(RunInfo r) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", r.id());
    node.put("experiment", r.experiment());
    node.put("name", r.name());
    node.put("status", r.status().name());
    node.put("startedAt", r.startedAt().toString());
    node.put("endedAt", r.endedAt().map(Object::toString).orElse(null));
    node.put("parentId", r.parentId().orElse(null));
    node.put("failure", r.failure().orElse(null));
    ObjectNode params = node.putObject("params");
    r.params().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> params.put(e.getKey(), e.getValue()));
    ObjectNode tags = node.putObject("tags");
    r.tags().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> tags.put(e.getKey(), e.getValue()));
    ObjectNode metrics = node.putObject("metrics");
    r.latestMetrics().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> number(metrics, e.getKey(), e.getValue()));
    ArrayNode inputs = node.putArray("inputs");
    r.inputs().forEach(i -> inputs.addObject().put("dataset", i.dataset().dataset())
        .put("version", i.dataset().versionId()).put("role", i.role().name()));
    ObjectNode lineage = node.putObject("lineage");
    r.lineage().code().ifPresent(c -> lineage.putObject("code").put("commit", c.commit())
        .put("branch", c.branch().orElse(null)).put("dirty", c.dirty()));
    ObjectNode env = lineage.putObject("environment");
    r.lineage().environment().forEach(env::put);
    ObjectNode seeds = lineage.putObject("seeds");
    r.lineage().seeds().forEach(seeds::put);
    ArrayNode artifacts = node.putArray("artifacts");
    r.artifacts().forEach(a -> artifacts.addObject().put("path", a.path())
        .put("sha256", a.sha256()).put("size", a.size()));
    return node;
  }

  static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.put(field, Double.toString(value));
    }
  }

  static ArrayNode runs(List<RunInfo> runs) {
    ArrayNode array = JSON.createArrayNode();
    runs.forEach(r -> array.add(run(r)));
    return array;
  }

  /** One line per run for humans. */
  static String table(List<RunInfo> runs) {
    return table(runs, null);
  }

  /**
   * One line per run for humans, with one more column for the field the runs are ordered by
   * ({@code metrics.x}, {@code params.x} or {@code tags.x}), so the order can be seen.
   */
  static String table(List<RunInfo> runs, @Nullable String orderBy) {
    String field = orderBy == null ? null : orderBy.startsWith("metrics.") || orderBy.startsWith("params.")
        || orderBy.startsWith("tags.") ? orderBy : null;
    List<String> header = new java.util.ArrayList<>(List.of("ID", "EXPERIMENT", "NAME", "STATUS", "STARTED"));
    if (field != null) {
      header.add(3, field.toUpperCase(java.util.Locale.ROOT));
    }
    TextTable table = new TextTable(header.toArray(String[]::new));
    for (RunInfo r : runs) {
      List<String> row = new java.util.ArrayList<>(List.of(r.id(), r.experiment(), r.name(), r.status().name(),
          r.startedAt().toString()));
      if (field != null) {
        row.add(3, value(r, field));
      }
      table.add(row);
    }
    return table.toString();
  }

  private static String value(RunInfo run, String field) {
    String key = field.substring(field.indexOf('.') + 1);
    if (field.startsWith("metrics.")) {
      Double v = run.latestMetrics().get(key);
      return v == null ? "-" : Numbers.format(v);
    }
    return (field.startsWith("params.") ? run.params() : run.tags()).getOrDefault(key, "-");
  }
}
