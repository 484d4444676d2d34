package dev.mlops.cli.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.Tensor;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.OnnxModel;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.api.validation.Validator;
import dev.mlops.cli.CliFiles;
import dev.mlops.cli.CommandContext;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.core.MlOps;
import dev.mlops.core.input.CsvRecords;
import dev.mlops.core.input.LabelledCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops validate}: runs a suite against a registered ONNX model on labelled CSV data, stores
 * the report linked to the version, and exits 0 when the suite passes, 3 when it fails, 1 on error,
 * so CI pipelines can gate on it.
 */
@Command(addMethodSubcommands = false, name = "validate", mixinStandardHelpOptions = true,
    description = "Validate a registered model against a suite; exit 0 pass, 3 fail, 1 error.")
public final class ValidateCommand implements Callable<Integer> {
  /** Exit code when the model fails the suite. */
  public static final int EXIT_FAILED_SUITE = 3;

  /** Built on first use: picocli makes this command object for every command line. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  @Spec private CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL@VERSION|ALIAS",
      description = "The candidate, a registered ONNX model version.")
  private @Nullable String candidate;

  /** The spelling before operands became positional; kept for one release. */
  @Option(names = "--model", hidden = true, paramLabel = "MODEL@VERSION|ALIAS")
  private @Nullable String deprecatedModel;

  private String model = "";

  @Option(names = "--data", required = true, paramLabel = "FILE.csv|DATASET@REF:PATH.csv",
      description = "Labelled data: a CSV file, or a CSV file inside a dataset version.")
  private String data;

  @Option(names = "--label", required = true, paramLabel = "COLUMN", description = "The label column.")
  private String label;

  @Option(names = "--suite", required = true, paramLabel = "SUITE.json", description = "The suite's JSON form.")
  private Path suite;

  @Option(names = "--baseline", paramLabel = "NAME@ALIAS",
      description = "The model to compare with for change thresholds, usually the champion.")
  private @Nullable String baseline;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as an HTML page.")
  private @Nullable Path html;

  @Override
  public Integer call() throws Exception {
    model = new CommandContext(spec).operand(candidate, deprecatedModel, "MODEL@VERSION|ALIAS", "--model");
    String suiteJson = CliFiles.readText(suite, "--suite");
    CliFiles.requireWritable(html, "--html");
    return new CommandContext(spec).read(mlops -> {
      Validator validator = mlops.validator();
      ValidationSuite parsed = validator.suiteFromJson(suiteJson, Map.of());
      LabelledData labelled = readData(mlops);
      ModelVersion version = mlops.models().resolve(model);
      String reference = version.model() + "/" + version.version();
      ValidationRequest.Builder request = ValidationRequest.builder().suite(parsed).data(labelled)
          .candidateModel(OnnxModel.of(artifact(mlops, model), reference)).model(reference);
      ModelHandle champion = baseline == null ? null : mlops.models().load(baseline);
      try {
        if (champion != null) {
          request.baseline(rows -> champion.predict(Tensor.ofFloats(rows)).first().floatRows());
        }
        ValidationReport report = validator.validate(request.build());
        if (html != null) {
          CliFiles.writeText(html, validator.toHtml(report), "--html");
        }
        return output(report);
      } finally {
        if (champion != null) {
          champion.close();
        }
      }
    });
  }

  private LabelledData readData(MlOps mlops) throws IOException {
    Path file = Path.of(data);
    if (Files.exists(file) || !data.contains("@")) {
      try (CsvRecords records = CsvRecords.open(file)) {
        return LabelledCsv.read(records, label);
      }
    }
    int colon = data.indexOf(':', data.indexOf('@'));
    if (colon < 0) {
      throw new IllegalArgumentException("--data " + data + " names a dataset version but no file;"
          + " write it as <dataset>@<ref>:<path/to/file.csv>");
    }
    String reference = data.substring(0, colon);
    String path = data.substring(colon + 1);
    try (CsvRecords records = new CsvRecords(CsvRecords.utf8(mlops.datasets().open(reference, path)), data)) {
      return LabelledCsv.read(records, label);
    }
  }

  private static byte[] artifact(MlOps mlops, String reference) throws IOException {
    Path directory = Files.createTempDirectory("mlops-validate");
    try {
      Path file = mlops.models().checkout(reference, directory.resolve("model.onnx"));
      if (Files.isDirectory(file)) {
        try (Stream<Path> files = Files.walk(file)) {
          file = files.filter(p -> p.toString().endsWith(".onnx")).findFirst().orElseThrow(() ->
              new IllegalArgumentException(reference + " has no .onnx file to validate"));
        }
      }
      return Files.readAllBytes(file);
    } finally {
      try (Stream<Path> paths = Files.walk(directory)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (UncheckedIOException | IOException e) {
        // a temporary directory left behind is harmless
      }
    }
  }

  private Output output(ValidationReport report) {
    ObjectNode root = Json.MAPPER.createObjectNode().put("passed", report.passed()).put("report", report.id());
    report.model().ifPresent(m -> root.put("model", m));
    ArrayNode checks = root.putArray("checks");
    StringBuilder text = new StringBuilder((report.passed() ? "PASSED " : "FAILED ") + report.suite() + " for "
        + report.model().orElse(model) + " (report " + report.id() + ")");
    for (CheckResult c : report.checks()) {
      ObjectNode n = checks.addObject().put("name", c.check().metric())
          .put("description", c.check().describe());
      number(n, "value", c.observed());
      number(n, "threshold", c.threshold().isPresent() ? c.threshold().getAsDouble() : Double.NaN);
      n.put("passed", c.passed());
      text.append('\n').append(c.passed() ? "  ok    " : "  FAIL  ").append(c.check().describe()).append(": ")
          .append(c.message());
    }
    return new Output(root, text.toString(), report.passed() ? 0 : EXIT_FAILED_SUITE);
  }

  private static void number(ObjectNode node, String name, double value) {
    if (Double.isFinite(value)) {
      node.put(name, value);
    } else {
      node.putNull(name);
    }
  }

}
