package dev.mlops.core.internal.experiment;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.core.testing.KillCampaign;
import dev.mlops.core.testing.StoreChecks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments of a child that logs metric points as fast as it can and flushes every
 * 50,000 ({@link LoggingChild}, 20 kills, a new run each time): after each kill the store verifies
 * (every metric segment's checksums), and the killed run's history holds every point up to the last
 * step the child printed after {@code flush()} returned, in order, with its value; whatever it
 * holds beyond is also exact.
 */
class KilledLoggingCampaignTest {
  private static final int KILLS = 20;

  @TempDir Path dir;

  @Test
  @DisplayName("20 kills during metric logging: every point up to the last returned flush reads"
      + " back")
  void killedLogging() throws Exception {
    Path store = dir.resolve("store");
    KillCampaign.run("metric logging", KILLS, Duration.ofMillis(1000), dir,
        (round, out) -> ChildJvm.start(LoggingChild.class, out, Map.of(), store.toString(),
            "forever"),
        (round, lines, tally) -> {
          String runId = lines.get(0).substring("RUN ".length());
          List<Long> flushes = lines.stream().filter(l -> l.startsWith("FLUSHED "))
              .map(l -> Long.parseLong(l.substring("FLUSHED ".length()))).toList();
          long flushed = flushes.isEmpty() ? -1 : flushes.get(flushes.size() - 1);
          tally.acked(flushes.size());
          try (MlOps mlops = MlOps.local(store)) {
            tally.torn(StoreChecks.problems(mlops));
            MetricHistory x;
            try {
              x = mlops.experiments().history(runId, "x");
            } catch (MlOpsException e) {
              tally.torn("run " + runId + " does not read: " + e.getMessage());
              return;
            }
            if (x.size() <= flushed) {
              tally.lost("run " + runId + ": " + x.size() + " points, flushed up to step "
                  + flushed);
            }
            for (int i = 0; i < x.size(); i++) {
              double expected = i % 1000 == 0 ? Double.NaN : i * 0.5;
              if (x.step(i) != i
                  || Double.doubleToLongBits(expected) != Double.doubleToLongBits(x.value(i))) {
                tally.torn("run " + runId + ": point " + i + " is step " + x.step(i) + " = "
                    + x.value(i));
                break;
              }
            }
            tally.count("points read back", x.size());
            tally.count("points beyond the last flush", Math.max(0, x.size() - flushed - 1));
          }
        });
  }
}
