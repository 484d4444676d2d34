package dev.mlops.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.GcReport;
import dev.mlops.core.StoreInspector;
import dev.mlops.core.input.Excerpt;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mlops store gc [--dry-run] [--grace DURATION]} (also {@code mlops data gc}): deletes
 * what no dataset, run, model, report or profile reaches and that is older than the grace period.
 * JSON: {@code {"dryRun": b, "reachable": N, "young": N, "collected": N, "bytes": N, "refs": N,
 * "leftovers": N}}.
 */
@Command(addMethodSubcommands = false, name = "gc", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Delete stored objects that no dataset version, run, model version, validation"
        + " report or drift profile reaches and that are older than the grace period, and what"
        + " crashed writers left behind.",
        "Safe while other processes write: it waits for writes in progress, and new writes wait"
        + " for it."})
public final class StoreGcCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--dry-run", description = "Only report what would be deleted.")
  private boolean dryRun;

  @Option(names = "--grace", paramLabel = "DURATION",
      description = "Keep unreachable objects younger than this (e.g. 24h, 30m, 0s, PT2H). Default: 24h.")
  private String grace = "24h";

  /** Creates the command; picocli instantiates it. */
  public StoreGcCommand() {}

  @Override
  public Integer call() throws Exception {
    Duration duration = parse(grace);
    return new CommandContext(spec).read(mlops -> {
      GcReport report = mlops.inspector().gc(duration, dryRun);
      ObjectNode json = Json.object();
      json.put("dryRun", report.dryRun());
      json.put("reachable", report.reachable());
      json.put("young", report.young());
      json.put("collected", report.collected());
      json.put("bytes", report.collectedBytes());
      json.put("refs", report.refs());
      json.put("leftovers", report.leftovers());
      return CommandContext.Output.of(json, (dryRun ? "would delete " : "deleted ") + report.collected()
          + " objects (" + report.collectedBytes() + " bytes) and " + report.refs() + " unreachable refs; kept "
          + report.reachable() + " reachable and " + report.young() + " younger than " + grace
          + (dryRun ? "" : "; removed " + report.leftovers() + " leftovers of crashed writes"));
    });
  }

  private Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return requireNotNegative(Duration.parse(text.trim().toUpperCase(Locale.ROOT)));
      }
      long amount = Long.parseLong(t.substring(0, t.length() - 1));
      return requireNotNegative(switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> throw new IllegalArgumentException();
      });
    } catch (RuntimeException e) {
      throw new ParameterException(spec.commandLine(), "--grace '" + Excerpt.of(text) + "' is not a duration;"
          + " use a number with s, m, h or d (24h, 30m, 0s) or ISO-8601 (PT24H), not negative;"
          + " the default is " + StoreInspector.DEFAULT_GC_GRACE.toHours() + "h");
    }
  }

  private static Duration requireNotNegative(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException();
    }
    return duration;
  }
}
