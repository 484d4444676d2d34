package dev.mlops.cli.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.cli.CliFiles;
import dev.mlops.cli.CommandContext;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.Numbers;
import dev.mlops.cli.TextTable;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.input.SampleCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops drift}: compares a current CSV file with a reference, column by column: a CSV file,
 * or a dataset version's stored column sketches.
 * Exit code 0 when the dataset did not drift, 3 when it did, 1 on an error.
 */
@Command(
    addMethodSubcommands = false,
    name = "drift",
    description = "Compare a current sample with a reference, column by column (exit 0: no drift, 3: drift).",
    subcommands = {DriftStreamCommand.class, DriftHistoryCommand.class})
public final class DriftCommand implements Callable<Integer> {
  /** Exit code when the dataset drifted. */
  public static final int EXIT_DRIFT = 3;

  @Spec private CommandSpec spec;

  @Option(names = "--reference", paramLabel = "FILE|DATASET@REF",
      description = "The reference: a CSV file with a header line, or a dataset version (name@tag, name@head,"
          + " name@<id prefix>) whose stored column sketches are the reference (no raw data is read).")
  private @Nullable String reference;

  @Option(names = "--table", paramLabel = "PATH",
      description = "With a dataset reference: the table inside the version. Default: its only table.")
  private @Nullable String table;

  @Option(names = "--current", paramLabel = "FILE", description = "The current sample: a CSV file.")
  private @Nullable Path current;

  @Option(names = "--method", paramLabel = "METHOD", defaultValue = "auto",
      description = "auto|ks|chisquare|ztest|psi|js|hellinger|wasserstein. Default: auto (chosen per column).")
  private String method = "auto";

  @Option(names = "--threshold", paramLabel = "X", description = "Threshold for every column. Default: each method's.")
  private @Nullable Double threshold;

  @Option(names = "--columns", paramLabel = "A,B", split = ",", description = "Compare only these columns.")
  private @Nullable List<String> columns;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report.")
  private @Nullable Path html;

  @Override
  public Integer call() throws Exception {
    if (reference == null || current == null) {
      throw new IllegalArgumentException("drift needs --reference FILE and --current FILE (or the stream subcommand)");
    }
    CliFiles.requireWritable(html, "--html");
    Path current = this.current;
    String reference = this.reference;
    CommandContext cli = new CommandContext(spec);
    if (isDatasetReference(reference)) {
      return cli.read(mlops -> {
        ReferenceProfile profile = table == null ? mlops.datasets().profile(reference)
            : mlops.datasets().profile(reference, table);
        Map<String, ColumnType> types = new LinkedHashMap<>();
        profile.columns().forEach(c -> types.put(c, profile.type(c).orElseThrow()));
        // Columns the version has no sketch for (dates, all missing) are not compared unless named.
        DriftConfig config = columns == null ? config().toBuilder().columns(profile.columns()).build()
            : config();
        return report(mlops.drift(), reference, drift -> drift.compare(profile, SampleCsv.read(current, types), config));
      });
    }
    if (table != null) {
      throw new IllegalArgumentException("--table applies to a dataset reference (name@ref), not to the file "
          + reference);
    }
    Sample ref = SampleCsv.read(Path.of(reference));
    DriftConfig config = config();
    return cli.scratch(mlops -> report(mlops.drift(), reference,
        drift -> drift.compare(ref, SampleCsv.read(current, SampleCsv.types(ref)), config)));
  }

  private Output report(DriftDetector drift, String reference, Function<DriftDetector, DriftReport> compare) {
    Path current = Objects.requireNonNull(this.current);
    DriftReport report = compare.apply(drift);
    if (html != null) {
      CliFiles.writeText(html, drift.toHtml(report, "Drift: " + current.getFileName() + " vs " + reference), "--html");
    }
    return new Output(json(report), text(report), report.datasetDrift() ? EXIT_DRIFT : 0);
  }

  /** name@ref that is not an existing file (a file name may contain '@'). */
  private static boolean isDatasetReference(String reference) {
    return reference.contains("@") && !Files.exists(Path.of(reference));
  }

  private DriftConfig config() {
    DriftConfig.Builder config = DriftConfig.builder();
    if (!method.equalsIgnoreCase("auto")) {
      config.method(parseMethod(method));
    }
    if (threshold != null) {
      config.threshold(threshold);
    }
    if (columns != null) {
      config.columns(columns);
    }
    return config.build();
  }

  static DriftMethod parseMethod(String name) {
    try {
      return DriftMethod.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown --method '" + Excerpt.of(name) + "'; use one of auto, "
          + Arrays.stream(DriftMethod.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
    }
  }

  static ObjectNode json(DriftReport report) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("drifted", report.datasetDrift());
    root.put("driftShare", report.driftedShare());
    ArrayNode list = root.putArray("columns");
    for (ColumnDrift c : report.columns()) {
      ObjectNode node = list.addObject();
      node.put("column", c.column());
      node.put("type", c.type().name().toLowerCase(Locale.ROOT));
      node.put("method", c.method().name().toLowerCase(Locale.ROOT));
      node.put("statistic", c.statistic());
      if (c.pValue().isPresent()) {
        node.put("pValue", c.pValue().getAsDouble());
      } else {
        node.putNull("pValue");
      }
      node.put("threshold", c.threshold());
      node.put("drifted", c.drifted());
      node.put("exact", c.exact());
    }
    return root;
  }

  static String text(DriftReport report) {
    TextTable table = new TextTable("COLUMN", "TYPE", "METHOD", "STATISTIC", "P-VALUE", "THRESHOLD", "RESULT");
    for (ColumnDrift c : report.columns()) {
      table.add(c.column(), c.type().name().toLowerCase(Locale.ROOT), c.method().name().toLowerCase(Locale.ROOT),
          Numbers.format(c.statistic()), c.pValue().isPresent() ? Numbers.format(c.pValue().getAsDouble()) : "-",
          Numbers.format(c.threshold()), (c.drifted() ? "DRIFT" : "ok") + (c.exact() ? "" : " (sketch)"));
    }
    return String.format(Locale.ROOT, "dataset drift: %s (%.0f%% of columns)%n",
        report.datasetDrift() ? "yes" : "no", report.driftedShare() * 100) + table;
  }
}
