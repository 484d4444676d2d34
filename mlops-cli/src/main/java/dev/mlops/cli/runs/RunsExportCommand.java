package dev.mlops.cli.runs;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.cli.CliFiles;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops runs export <id> [--format csv|json]}: every metric point of a run (CSV by default). CSV has the
 * columns {@code key,step,timestamp,value}; JSON is the run with a {@code points} object holding,
 * per key, arrays {@code steps}, {@code timestamps} and {@code values} (non-finite values as
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}).
 */
@Command(addMethodSubcommands = false, name = "export", mixinStandardHelpOptions = true,
    description = "Export all metric points of a run as CSV (key,step,timestamp,value) or JSON.")
final class RunsExportCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format { csv, json }

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The run's id, or its first characters.")
  private String id;

  @Option(names = "--format", paramLabel = "csv|json", defaultValue = "csv",
      description = "csv or json. Default: ${DEFAULT-VALUE}.")
  private Format format = Format.csv;

  @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE, not stdout.")
  private Path output;

  @Override
  public Integer call() throws IOException {
    RunsContext context = new RunsContext(spec);
    CliFiles.requireWritable(output, "--output");
    try (MlOps mlops = context.open()) {
      ExperimentLogger logger = mlops.experiments();
      RunInfo run = logger.resolve(id);
      List<String> keys = List.copyOf(new TreeSet<>(run.latestMetrics().keySet()));
      if (output != null) {
        try (OutputStream out = CliFiles.newOutput(output, "--output")) {
          write(logger, run, keys, out);
        } catch (IOException e) {
          throw new IllegalArgumentException("--output " + output + ": cannot write: " + CliFiles.describe(e), e);
        }
      } else {
        PrintWriter writer = context.out();
        OutputStream out = new OutputStream() {
          @Override
          public void write(int b) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writer.write(new String(b, off, len, StandardCharsets.UTF_8));
          }
        };
        write(logger, run, keys, out);
        writer.println();
        writer.flush();
      }
    }
    return 0;
  }

  private void write(ExperimentLogger logger, RunInfo run, List<String> keys, OutputStream out)
      throws IOException {
    if (format == Format.csv) {
      StringBuilder text = new StringBuilder("key,step,timestamp,value\n");
      for (String key : keys) {
        MetricHistory h = logger.history(run.id(), key);
        for (int i = 0; i < h.size(); i++) {
          text.append(key).append(',').append(h.step(i)).append(',').append(h.timestamp(i))
              .append(',').append(h.value(i)).append('\n');
          if (text.length() > 1 << 16) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            text.setLength(0);
          }
        }
      }
      out.write(text.toString().stripTrailing().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return;
    }
    try (JsonGenerator json = RunsContext.JSON.getFactory().createGenerator(out,
        JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeFieldName("run");
      RunsContext.JSON.writeTree(json, RunsContext.run(run));
      json.writeObjectFieldStart("points");
      for (String key : keys) {
        MetricHistory h = logger.history(run.id(), key);
        json.writeObjectFieldStart(key);
        json.writeArrayFieldStart("steps");
        for (int i = 0; i < h.size(); i++) {
          json.writeNumber(h.step(i));
        }
        json.writeEndArray();
        json.writeArrayFieldStart("timestamps");
        for (int i = 0; i < h.size(); i++) {
          json.writeNumber(h.timestamp(i));
        }
        json.writeEndArray();
        json.writeArrayFieldStart("values");
        for (int i = 0; i < h.size(); i++) {
          double v = h.value(i);
          if (Double.isFinite(v)) {
            json.writeNumber(v);
          } else {
            json.writeString(Double.toString(v));
          }
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
