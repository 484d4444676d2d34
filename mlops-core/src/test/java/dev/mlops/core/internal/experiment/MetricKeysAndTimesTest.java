package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.api.InvalidNameException;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Metric, param and tag keys under MLflow's rule ({@code train/loss}, spaces, any script), and
 * points logged with the time the caller measured them: stored as given and read back the same.
 */
class MetricKeysAndTimesTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final DefaultExperimentLogger tracker = new DefaultExperimentLogger(InMemoryObjectStore.create(),
      executor, Clock.systemUTC(), new SimpleMeterRegistry(), TrackerSettings.DEFAULTS);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void keysWithSlashesSpacesAndOtherScriptsRoundTripAndStayDistinctByCase() {
    String id;
    try (Run run = tracker.start(RunSpec.builder().experiment("keys").param("optimizer/name", "adam")
        .tag("data set", "v2").build())) {
      id = run.id();
      run.param("温度", "0.7");
      run.tag("system/gpu", "a100");
      run.log("train/loss", 0.9, 0);
      run.log("train/loss", 0.4, 1);
      run.log("Train/Loss", 7.0, 0); // differs only by case: a key of its own
      run.log("val loss", 0.5, 0);
    }
    RunInfo info = tracker.run(id).orElseThrow();
    assertEquals(Map.of("train/loss", 0.4, "Train/Loss", 7.0, "val loss", 0.5), info.latestMetrics());
    assertEquals(Map.of("optimizer/name", "adam", "温度", "0.7"), info.params());
    assertEquals("v2", info.tags().get("data set"));
    assertEquals("a100", info.tags().get("system/gpu"));
    assertArrayEquals(new double[] {0.9, 0.4}, tracker.history(id, "train/loss").values());
    assertArrayEquals(new double[] {7.0}, tracker.history(id, "Train/Loss").values());

    assertEquals(List.of(id), ids(RunQuery.all().where("metrics.train/loss < 0.5 and metrics.`val loss` = 0.5")));
    assertEquals(List.of(), ids(RunQuery.all().where("metrics.Train/Loss < 0.5")));
    assertEquals(List.of(id), ids(RunQuery.all().where("params.optimizer/name = 'adam'").orderBy("metrics.train/loss", false)));
  }

  @Test
  void keysThatCouldWalkAPathAreRefusedBeforeAnythingIsStored() {
    try (Run run = tracker.start(RunSpec.builder().experiment("keys").build())) {
      for (String key : List.of("../etc/passwd", "/abs", "a//b", "a/./b", "a/", "..", "a\\b", "tab\tkey", "")) {
        assertThrows(InvalidNameException.class, () -> run.log(key, 1.0), key);
        assertThrows(InvalidNameException.class, () -> run.param(key, "x"), key);
        assertThrows(InvalidNameException.class, () -> run.tag(key, "x"), key);
      }
      assertEquals(Map.of(), run.info().latestMetrics());
    }
  }

  @Test
  void pointsKeepTheTimeTheCallerGaveEvenOutOfOrder() {
    long[] times = {1_700_000_000_123L, 1_600_000_000_000L, 1_700_000_000_124L};
    String id;
    try (Run run = tracker.start(RunSpec.builder().experiment("times").build())) {
      id = run.id();
      for (int i = 0; i < times.length; i++) {
        run.log("auc", 0.5 + i / 10.0, i, Instant.ofEpochMilli(times[i]));
      }
      assertThrows(IllegalArgumentException.class, () -> run.log("auc", 1, -1, Instant.EPOCH));
    }
    MetricHistory history = tracker.history(id, "auc");
    assertArrayEquals(new long[] {0, 1, 2}, history.steps());
    assertArrayEquals(times, history.timestamps());
  }

  private List<String> ids(RunQuery query) {
    return tracker.search(query).stream().map(RunInfo::id).toList();
  }
}
