package dev.mlops.cli.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Sample;
import dev.mlops.cli.CliRun;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops drift history}: a history's recorded windows in time order, through the real entry point. */
class DriftHistoryCommandTest {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir Path dir;

  private String store() {
    return dir.resolve("store").toString();
  }

  private static Sample sample(double shift, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] a = new double[300];
    double[] b = new double[300];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextGaussian() + shift;
      b[i] = random.nextGaussian();
    }
    return Sample.builder().numeric("a", a).numeric("b", b).build();
  }

  /** Three daily windows of "checkout"; the third has "a" shifted by three standard deviations. */
  private void record() {
    try (MlOps mlops = MlOps.open(MlOps.toStoreUri(store()))) {
      DriftConfig ks = DriftConfig.builder().method(DriftMethod.KS).threshold(0.001).build();
      for (int day = 0; day < 3; day++) {
        DriftReport report = mlops.drift().compare(sample(0, 1), sample(day == 2 ? 3 : 0, 2 + day), ks);
        mlops.drift().history("checkout").record(report, T0.plus(Duration.ofDays(day)), T0.plus(Duration.ofDays(day + 1)));
      }
    }
  }

  @Test
  void listsTheWindowsInTimeOrderWithTheDriftedColumns() throws Exception {
    record();
    CliRun all = CliRun.of("--store", store(), "--json", "drift", "history", "checkout");
    assertEquals(0, all.exitCode(), all.err());
    JsonNode json = new ObjectMapper().readTree(all.out());
    assertEquals("checkout", json.get("name").asText());
    JsonNode windows = json.get("windows");
    assertEquals(3, windows.size());
    assertEquals("2026-03-03T00:00:00Z", windows.get(2).get("from").asText());
    assertEquals("2026-03-04T00:00:00Z", windows.get(2).get("to").asText());
    assertTrue(windows.get(2).get("columns").get(0).get("drifted").asBoolean(), "a drifted in the third window");
    assertEquals("ks", windows.get(2).get("columns").get(0).get("method").asText());
    assertEquals(300, windows.get(2).get("columns").get(0).get("currentSize").asLong());
    assertEquals(0.5, windows.get(2).get("driftShare").asDouble());

    // by the close: only the third window closed after noon on the 3rd
    CliRun range = CliRun.of("--store", store(), "drift", "history", "checkout", "--since", "2026-03-03T12:00:00Z");
    assertEquals(0, range.exitCode(), range.err());
    assertTrue(range.out().contains("2026-03-04T00:00:00Z") && !range.out().contains("2026-03-02T00:00:00Z"), range.out());
    String third = range.out().lines().filter(line -> line.startsWith("3 ")).findFirst().orElseThrow();
    assertTrue(third.strip().endsWith(" a"), "the drifted column is listed: " + third);

    CliRun names = CliRun.of("--store", store(), "--json", "drift", "history");
    assertEquals("checkout", new ObjectMapper().readTree(names.out()).get("histories").get(0).asText());
  }

  @Test
  void anUnknownHistoryOrABadTimeIsOneClearLineAndExitCodeOne() {
    record();
    CliRun unknown = CliRun.of("--store", store(), "drift", "history", "nosuch");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("No drift history named 'nosuch'; recorded: [checkout]"), unknown.err());
    CliRun badTime = CliRun.of("--store", store(), "drift", "history", "checkout", "--since", "yesterday");
    assertEquals(1, badTime.exitCode());
    assertTrue(badTime.err().contains("--since must be an instant"), badTime.err());
  }
}
