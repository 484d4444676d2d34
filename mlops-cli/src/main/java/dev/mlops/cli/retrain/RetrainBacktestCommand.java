package dev.mlops.cli.retrain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.retrain.BacktestReport;
import dev.mlops.api.retrain.Detection;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.cli.CliFiles;
import dev.mlops.cli.CommandContext;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.Numbers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops retrain backtest stream.csv --policy policy.json}: when the policy would
 * have retrained, the delay per true change, false alarms and time under drift. Records nothing.
 */
@Command(addMethodSubcommands = false, name = "backtest", mixinStandardHelpOptions = true,
    description = "Replay a CSV stream of signal windows through a policy (nothing is recorded).")
final class RetrainBacktestCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The policy as JSON.")
  private Path policy = Path.of("");

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
      description = "CSV: at,<signal>,...[,new_labelled_rows][,change]; change=1 marks a true change.")
  private @Nullable Path file;

  /** The spelling before operands became positional; kept for one release. */
  @Option(names = "--input", hidden = true, paramLabel = "FILE")
  private @Nullable Path deprecatedInput;

  @Override
  public Integer call() throws Exception {
    CommandContext cli = new CommandContext(spec);
    Path input = cli.operand(file, deprecatedInput, "FILE", "--input");
    return cli.scratch(mlops -> {
      RetrainPolicyConfig config = mlops.retraining().parsePolicy(CliFiles.readText(policy, "--policy"));
      SignalCsv.Stream stream = SignalCsv.read(input);
      BacktestReport report = mlops.retraining().backtest(config, stream.windows(), stream.changes());
      return Output.of(json(report), text(report));
    });
  }

  private static ObjectNode json(BacktestReport r) {
    ObjectNode node = RetrainJson.MAPPER.createObjectNode();
    node.put("policy", r.policy());
    node.put("windows", r.windows());
    ArrayNode retrains = node.putArray("retrains");
    r.retrains().forEach(t -> retrains.add(t.toString()));
    ArrayNode detections = node.putArray("detections");
    for (Detection d : r.detections()) {
      ObjectNode item = detections.addObject().put("change", d.changeAt().toString());
      item.put("retrain", d.retrainAt().map(Object::toString).orElse(null));
      item.put("delaySeconds", d.delay().map(java.time.Duration::toSeconds).orElse(null));
    }
    node.put("falseAlarms", r.falseAlarms());
    node.put("missed", r.missed());
    node.put("retrainCount", r.retrainCount());
    node.put("timeUnderDriftSeconds", r.timeUnderDrift().toSeconds());
    return node;
  }

  private static String text(BacktestReport r) {
    List<String> lines = new ArrayList<>();
    lines.add("policy " + r.policy() + ": " + r.windows() + " windows, " + r.retrainCount()
        + " retrains, " + r.falseAlarms() + " false alarms, " + r.missed() + " missed changes,"
        + " time under drift " + Numbers.duration(r.timeUnderDrift()));
    r.retrains().forEach(t -> lines.add("  retrain at " + t));
    for (Detection d : r.detections()) {
      lines.add("  change at " + d.changeAt() + ": " + d.retrainAt()
          .map(t -> "retrained at " + t + " (delay " + Numbers.duration(d.delay().orElseThrow()) + ")").orElse("missed"));
    }
    return String.join(System.lineSeparator(), lines);
  }
}
