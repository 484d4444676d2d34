package dev.mlops.cli.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorKind;
import dev.mlops.api.drift.DetectorState;
import dev.mlops.cli.CommandContext;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.core.input.CsvRecords;
import dev.mlops.core.input.Excerpt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops drift stream}: runs a streaming detector over a file of one number per line and
 * prints the 0-based indices of the values at which it entered DRIFT and WARNING.
 */
@Command(addMethodSubcommands = false, name = "stream", description = "Run a streaming change detector over a file of one number per line.")
public final class DriftStreamCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--detector", required = true, paramLabel = "NAME",
      description = "adwin|ddm|eddm|page-hinkley|hddm-a|hddm-w|kswin")
  private String detector = "";

  @Option(names = "--param", paramLabel = "K=V", description = "A detector parameter (see docs/drift.md); repeatable.")
  private Map<String, String> params = new LinkedHashMap<>();

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "One number per line.")
  private @Nullable Path file;

  /** The spelling before operands became positional; kept for one release. */
  @Option(names = "--input", hidden = true, paramLabel = "FILE")
  private @Nullable Path deprecatedInput;

  @Override
  public Integer call() throws Exception {
    CommandContext cli = new CommandContext(spec);
    Path input = cli.operand(file, deprecatedInput, "FILE", "--input");
    DetectorKind kind = DetectorKind.fromCliName(detector);
    Map<String, Double> values = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      try {
        values.put(k, Double.parseDouble(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--param " + k + "=" + v + ": the value must be a number");
      }
    });
    return cli.scratch(mlops -> detect(mlops.drift().changeDetector(kind, values), input, kind));
  }

  private Output detect(ChangeDetector changeDetector, Path input, DetectorKind kind) {
    List<Long> drifts = new ArrayList<>();
    List<Long> warnings = new ArrayList<>();
    try (CsvRecords reader = CsvRecords.open(input)) {
      long index = 0;
      DetectorState previous = DetectorState.STABLE;
      for (List<String> line = reader.next(); line != null; line = reader.next()) {
        if (CsvRecords.isBlank(line)) {
          continue;
        }
        double value;
        try {
          if (line.size() != 1) {
            throw new NumberFormatException("several fields");
          }
          value = Double.parseDouble(line.get(0).strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(input + " line " + reader.recordLine() + ": '"
              + Excerpt.of(String.join(",", line).strip()) + "' is not a number; the input has one number"
              + " per line (NaN is a missing value)");
        }
        DetectorState state = changeDetector.update(value);
        if (state == DetectorState.DRIFT) {
          drifts.add(index);
        } else if (state == DetectorState.WARNING && previous != DetectorState.WARNING) {
          warnings.add(index);
        }
        previous = state;
        index++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + input, e);
    }
    ObjectNode root = new ObjectMapper().createObjectNode();
    drifts.forEach(root.putArray("drifts")::add);
    warnings.forEach(root.putArray("warnings")::add);
    return Output.of(root, kind.cliName() + ": " + drifts.size() + " drift(s) at " + drifts + ", "
        + warnings.size() + " warning(s) at " + warnings);
  }
}
