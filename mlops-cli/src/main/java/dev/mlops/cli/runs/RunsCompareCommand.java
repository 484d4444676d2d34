package dev.mlops.cli.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.experiment.RunComparison;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.cli.CliFiles;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.Numbers;
import dev.mlops.cli.TextTable;
import dev.mlops.core.ComparisonReport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops runs compare <id>... [--html FILE]}: params and latest metrics side by side. */
@Command(addMethodSubcommands = false, name = "compare", mixinStandardHelpOptions = true,
    description = "Compare runs: params and latest metrics side by side, differences marked '*'.")
final class RunsCompareCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "ID", description = "The runs to compare: ids, or their first characters.")
  private List<String> ids;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Also write a self-contained HTML report with metric charts to FILE.")
  private Path html;

  @Override
  public Integer call() throws Exception {
    RunsContext context = new RunsContext(spec);
    CliFiles.requireWritable(html, "--html");
    return context.read(mlops -> {
      List<String> ids = this.ids.stream().map(id -> mlops.experiments().resolve(id).id()).toList();
      RunComparison c = mlops.experiments().compare(ids);
      if (html != null) {
        try (Writer out = new OutputStreamWriter(CliFiles.newOutput(html, "--html"), StandardCharsets.UTF_8)) {
          ComparisonReport.write(mlops.experiments(), ids, out);
        } catch (IOException e) {
          throw new IllegalArgumentException("--html " + html + ": cannot write: " + CliFiles.describe(e), e);
        }
      }
      ObjectNode json = RunsContext.JSON.createObjectNode();
      json.set("runs", RunsContext.runs(c.runs()));
      c.differingParams().stream().sorted().forEach(json.putArray("differingParams")::add);
      c.differingMetrics().stream().sorted().forEach(json.putArray("differingMetrics")::add);
      if (html != null) {
        json.put("html", html.toString());
      }
      List<String> header = new ArrayList<>(List.of(""));
      c.runs().forEach(r -> header.add(r.id()));
      TextTable table = new TextTable(header.toArray(String[]::new));
      for (String key : c.paramKeys()) {
        row(table, c.differingParams().contains(key), "params." + key,
            c.runs().stream().map(r -> r.params().getOrDefault(key, "-")).toList());
      }
      for (String key : c.metricKeys()) {
        row(table, c.differingMetrics().contains(key), "metrics." + key,
            c.runs().stream().map(r -> {
              Double v = r.latestMetrics().get(key);
              return v == null ? "-" : Numbers.format(v);
            }).toList());
      }
      StringBuilder text = new StringBuilder(table.toString()).append('\n');
      if (html != null) {
        text.append("report written to ").append(html);
      }
      return Output.of(json, text.toString().stripTrailing());
    });
  }

  /** One row: '*' where the runs differ, the field, each run's value. */
  private static void row(TextTable table, boolean differs, String label, List<String> values) {
    List<String> cells = new ArrayList<>(List.of((differs ? "* " : "  ") + label));
    cells.addAll(values);
    table.add(cells);
  }
}
