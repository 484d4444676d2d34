package dev.mlops.cli.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.drift.DriftRecord;
import dev.mlops.cli.CommandContext;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.TextTable;
import dev.mlops.cli.TimeOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops drift history [NAME] [--since TIME] [--until TIME]}: the recorded drift reports of a
 * history (a monitor's windows) in time order, or without a name the names of the store's
 * histories. JSON: {@code {"name": ..., "windows": [...]}} or {@code {"histories": [...]}}.
 */
@Command(addMethodSubcommands = false, name = "history", mixinStandardHelpOptions = true,
    description = "Show a monitor's recorded drift windows over time (or, without NAME, the recorded histories).")
public final class DriftHistoryCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
      description = "The history: a monitor's name (DriftMonitorConfig.name) or a name given to DriftDetector.history.")
  private @Nullable String name;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Windows that closed from this instant (2026-03-03T00:00:00Z) or UTC day (2026-03-03), inclusive.")
  private @Nullable String since;

  @Option(names = "--until", paramLabel = "TIME",
      description = "Windows that closed before this instant or UTC day (a day means its end), exclusive.")
  private @Nullable String until;

  @Override
  public Integer call() throws Exception {
    CommandContext cli = new CommandContext(spec);
    Instant from = since == null ? Instant.MIN : TimeOption.parse(since, "--since", false);
    Instant to = until == null ? Instant.MAX : TimeOption.parse(until, "--until", true);
    return cli.read(mlops -> {
      List<String> histories = mlops.drift().histories();
      if (name == null) {
        ObjectNode root = MAPPER.createObjectNode();
        histories.forEach(root.putArray("histories")::add);
        return Output.of(root, histories.isEmpty() ? "no drift history recorded" : String.join(System.lineSeparator(),
            histories));
      }
      Names.requireValid("history", name);
      if (!histories.contains(name)) {
        throw new NotFoundException("No drift history named '" + name + "'; recorded: " + histories
            + " (mlops drift history lists them). A monitor records its windows when built with"
            + " DriftMonitorConfig.Builder.recordWindows()");
      }
      List<DriftRecord> records = mlops.drift().history(name).between(from, to);
      return Output.of(json(name, records), records.isEmpty() ? "no window closed in that range" : text(records));
    });
  }

  static ObjectNode json(String name, List<DriftRecord> records) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("name", name);
    ArrayNode windows = root.putArray("windows");
    for (DriftRecord r : records) {
      ObjectNode window = windows.addObject();
      window.put("sequence", r.sequence());
      window.put("from", r.from().toString());
      window.put("to", r.to().toString());
      window.put("observations", r.observations());
      number(window, "driftShare", r.driftedShare());
      window.put("drifted", r.datasetDrift());
      ArrayNode columns = window.putArray("columns");
      for (DriftRecord.Column c : r.columns()) {
        ObjectNode column = columns.addObject();
        column.put("column", c.column());
        column.put("type", c.type().name().toLowerCase(Locale.ROOT));
        column.put("method", c.method().name().toLowerCase(Locale.ROOT));
        number(column, "statistic", c.statistic());
        number(column, "pValue", c.pValue().orElse(Double.NaN)); // null for distances, as in mlops drift
        number(column, "threshold", c.threshold());
        column.put("drifted", c.drifted());
        column.put("currentSize", c.currentSize());
      }
    }
    return root;
  }

  /** JSON has no NaN or infinity: those are null. */
  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  private static String text(List<DriftRecord> records) {
    TextTable table = new TextTable("#", "from", "to", "observations", "drift share", "verdict", "drifted columns");
    for (DriftRecord r : records) {
      table.add(Long.toString(r.sequence()), r.from().toString(), r.to().toString(), Long.toString(r.observations()),
          String.format(Locale.ROOT, "%.3f", r.driftedShare()), r.datasetDrift() ? "DRIFT" : "no drift",
          String.join(", ", r.driftedColumns()));
    }
    return table.toString();
  }
}
