package dev.mlops.cli.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.Excerpt;
import dev.mlops.core.internal.gc.GarbageCollector;
import dev.mlops.core.internal.gc.GcReport;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops data gc [--dry-run] [--grace DURATION]}: deletes content objects no ref reaches
 * and older than the grace period. JSON:
 * {@code {"dryRun": b, "reachable": N, "young": N, "collected": N, "bytes": N}}.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
    description = "Delete stored objects that no version, tag or head reaches and that are older"
        + " than the grace period.")
final class DataGcCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--dry-run", description = "Only report what would be deleted.")
  private boolean dryRun;

  @Option(names = "--grace", paramLabel = "DURATION",
      description = "Keep unreferenced objects younger than this (e.g. 24h, 30m, 0s, PT2H). Default: 24h.")
  private String grace = "24h";

  @Override
  public Integer call() {
    DataContext context = new DataContext(spec);
    Duration duration = parse(grace);
    try (MlOps mlops = context.open()) {
      GcReport report = GarbageCollector.withRegisteredRoots(mlops.store(), mlops.clock())
          .collect(duration, dryRun);
      ObjectNode json = DataContext.object();
      json.put("dryRun", report.dryRun());
      json.put("reachable", report.reachable());
      json.put("young", report.young());
      json.put("collected", report.collected());
      json.put("bytes", report.collectedBytes());
      context.print(json, (dryRun ? "would delete " : "deleted ") + report.collected()
          + " objects (" + report.collectedBytes() + " bytes); kept " + report.reachable()
          + " reachable and " + report.young() + " younger than " + grace);
    }
    return 0;
  }

  static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      }
      long amount = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--grace '" + Excerpt.of(text) + "' is not a duration; use a number"
          + " with s, m, h or d (24h, 30m, 0s) or ISO-8601 (PT24H)");
    }
  }
}
