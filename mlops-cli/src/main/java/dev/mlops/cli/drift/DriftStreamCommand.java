package dev.mlops.cli.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorKind;
import dev.mlops.api.drift.DetectorState;
import dev.mlops.cli.CommandContext;
import dev.mlops.core.MlOps;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.input.CsvRecords;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops drift stream}: runs a streaming detector over a file of one number per line and
 * prints the 0-based indices of the values at which it entered DRIFT and WARNING.
 */
@Command(name = "stream", description = "Run a streaming change detector over a file of one number per line.")
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
  public Integer call() {
    Path input = new CommandContext(spec).operand(file, deprecatedInput, "FILE", "--input");
    DetectorKind kind = DetectorKind.fromCliName(detector);
    Map<String, Double> values = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      try {
        values.put(k, Double.parseDouble(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--param " + k + "=" + v + ": the value must be a number");
      }
    });
    ChangeDetector changeDetector;
    // a detector needs no store: the SDK's in-memory one, gone when this command ends
    try (MlOps mlops = MlOps.open(java.net.URI.create("mem:cli-drift-stream-" + System.nanoTime()))) {
      changeDetector = mlops.drift().changeDetector(kind, values);
    }
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
    CommandContext cli = new CommandContext(spec);
    PrintWriter out = cli.out();
    if (cli.json()) {
      ObjectNode root = new ObjectMapper().createObjectNode();
      drifts.forEach(root.putArray("drifts")::add);
      warnings.forEach(root.putArray("warnings")::add);
      out.println(root);
    } else {
      out.println(kind.cliName() + ": " + drifts.size() + " drift(s) at " + drifts + ", " + warnings.size()
          + " warning(s) at " + warnings);
    }
    out.flush();
    return 0;
  }
}
