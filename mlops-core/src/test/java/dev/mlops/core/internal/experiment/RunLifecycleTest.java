package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ConflictException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.experiment.InputRole;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunInput;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunLifecycleTest {
  private final ObjectStore store = InMemoryObjectStore.create();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final DefaultExperimentLogger tracker = new DefaultExperimentLogger(store, executor,
      Clock.systemUTC(), new SimpleMeterRegistry(), TrackerSettings.DEFAULTS);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private static RunSpec.Builder spec() {
    return RunSpec.builder().experiment("churn");
  }

  /**
   * Regression: the segment writer woke flush() before recording the segment's last values, so a
   * flush could publish latest metrics without the points it had just written (found by the MLflow
   * API's paging test, where a live run sometimes had no metric after the flush its read caused).
   * Repeated, since the window was a few instructions wide.
   */
  @Test
  void afterFlushTheRunShowsTheLatestValueItJustWrote() {
    try (Run run = tracker.start(spec().build())) {
      for (int i = 0; i < 300; i++) {
        run.log("rank", i, i);
        run.flush();
        assertEquals((double) i, run.info().latestMetrics().get("rank"), "after flush " + i);
      }
    }
  }

  @Test
  void aClosedRunIsFinishedWithItsParamsTagsInputsAndLatestMetrics() {
    DatasetRef train = new DatasetRef("customers", "abc123");
    String id;
    try (Run run = tracker.start(spec().name("baseline").param("model", "lr").tag("team", "risk")
        .input(InputRole.TRAIN, train).seed("shuffle", 42).build())) {
      id = run.id();
      run.log("loss", 0.9, 0);
      run.log("loss", 0.5, 1);
      run.log("accuracy", Double.NaN);
      assertEquals(RunStatus.RUNNING, run.info().status());
    }
    RunInfo info = tracker.run(id).orElseThrow();
    assertEquals(RunStatus.FINISHED, info.status());
    assertEquals("baseline", info.name());
    assertEquals("lr", info.params().get("model"));
    assertEquals(List.of(new RunInput(train, InputRole.TRAIN)), info.inputs());
    assertEquals(0.5, info.latestMetrics().get("loss"));
    assertTrue(info.latestMetrics().get("accuracy").isNaN(), "NaN survives the run document");
    assertEquals(42L, info.lineage().seeds().get("shuffle"));
    assertTrue(info.endedAt().isPresent());
    assertTrue(info.lineage().environment().containsKey("java.version"));
    assertEquals(List.of("churn"), tracker.experiments());
  }

  @Test
  void aFailedRunRecordsItsCause() {
    Run run = tracker.start(spec().build());
    run.fail(new IllegalStateException("diverged"));
    run.close();
    RunInfo info = tracker.run(run.id()).orElseThrow();
    assertEquals(RunStatus.FAILED, info.status());
    assertTrue(info.failure().orElseThrow().contains("diverged"));
  }

  @Test
  void aRunEndedKilledIsStoredKilledAndEndingIsIdempotent() {
    Run run = tracker.start(spec().build());
    run.end(RunStatus.KILLED);
    run.close();
    RunInfo info = tracker.run(run.id()).orElseThrow();
    assertEquals(RunStatus.KILLED, info.status());
    assertTrue(info.endedAt().isPresent());
    assertTrue(info.failure().isEmpty());
    Run live = tracker.start(spec().build());
    assertThrows(IllegalArgumentException.class, () -> live.end(RunStatus.RUNNING));
    live.end(RunStatus.FINISHED);
    assertEquals(RunStatus.FINISHED, tracker.run(live.id()).orElseThrow().status());
  }

  @Test
  void paramsAreSetOnceAndTagsChange() {
    try (Run run = tracker.start(spec().param("lr", "0.1").build())) {
      run.param("lr", "0.1"); // same value: allowed
      ConflictException e = assertThrows(ConflictException.class, () -> run.param("lr", "0.2"));
      assertTrue(e.getMessage().contains("'0.1'"), e.getMessage());
      run.tag("stage", "a");
      run.tag("stage", "b");
      assertEquals("b", run.info().tags().get("stage"));
      assertEquals("0.1", run.info().params().get("lr"));
    }
  }

  @Test
  void badInputIsRefusedWithTypedErrors() {
    try (Run run = tracker.start(spec().build())) {
      assertThrows(InvalidNameException.class, () -> run.log("../etc", 1.0));
      assertThrows(InvalidNameException.class, () -> run.log("", 1.0));
      assertThrows(InvalidNameException.class, () -> run.param("a//b", "x"));
      assertThrows(IllegalArgumentException.class, () -> run.log("loss", 1.0, -1));
      run.close();
      IllegalStateException closed =
          assertThrows(IllegalStateException.class, () -> run.log("loss", 1.0));
      assertTrue(closed.getMessage().contains("closed"));
      assertThrows(IllegalStateException.class, () -> run.tag("t", "v"));
    }
    assertTrue(tracker.run("00000000000000000000").isEmpty());
    assertThrows(NotFoundException.class, () -> tracker.resume("00000000000000000000"));
    assertThrows(NotFoundException.class, () -> tracker.history("nope", "loss"));
    assertThrows(NotFoundException.class,
        () -> tracker.start(spec().parent("00000000000000000000").build()));
  }

  @Test
  void aResumedRunContinuesItsStepsAndSegments() {
    String id;
    try (Run run = tracker.start(spec().build())) {
      id = run.id();
      run.log("loss", 3.0);
      run.log("loss", 2.0);
    }
    try (Run again = tracker.resume(id)) {
      assertEquals(RunStatus.RUNNING, again.info().status());
      again.log("loss", 1.0);
    }
    var history = tracker.history(id, "loss");
    assertEquals(3, history.size());
    assertEquals(2, history.step(2), "automatic steps continue after a resume");
    assertEquals(1.0, history.value(2));
    assertEquals(RunStatus.FINISHED, tracker.run(id).orElseThrow().status());
  }

  /** A logger whose executor never runs the writer: its runs behave like a process that died. */
  private DefaultExperimentLogger silent(Duration heartbeatTimeout) {
    return new DefaultExperimentLogger(store, task -> { }, Clock.systemUTC(),
        new SimpleMeterRegistry(),
        new TrackerSettings(Duration.ofMillis(50), Duration.ofMillis(100), heartbeatTimeout));
  }

  @Test
  void aRunWithoutHeartbeatsIsMarkedKilledByTheNextReader() {
    // Fresh for an hour: RUNNING, however long the reader takes to look.
    Run quiet = silent(Duration.ofHours(1)).start(spec().build());
    assertEquals(RunStatus.RUNNING, tracker.run(quiet.id()).orElseThrow().status());
    // Silent for longer than 200 ms, whenever the reader looks: KILLED.
    Run dead = silent(Duration.ofMillis(200)).start(spec().build());
    Eventually.await("the silent run is judged KILLED",
        () -> tracker.run(dead.id()).orElseThrow().status() == RunStatus.KILLED);
    RunInfo info = tracker.run(dead.id()).orElseThrow();
    assertTrue(info.endedAt().isPresent());
    List<String> running = tracker.search(dev.mlops.api.experiment.RunQuery.all()
        .withStatus(RunStatus.RUNNING)).stream().map(RunInfo::id).toList();
    assertFalse(running.contains(dead.id()));
    assertTrue(running.contains(quiet.id()));
  }

  @Test
  void systemMetricsAreSampledOnlyWhenAskedFor() {
    String sampled;
    String plain;
    try (Run run = tracker.start(spec().systemMetrics(Duration.ofMillis(100)).build());
        Run other = tracker.start(spec().build())) {
      sampled = run.id();
      plain = other.id();
      Eventually.await("two samples written", () -> {
        run.flush();
        return tracker.history(sampled, "system.heap_used").size() >= 2;
      });
    }
    var heap = tracker.history(sampled, "system.heap_used");
    assertTrue(heap.size() >= 2, "sampled again and again, got " + heap.size());
    assertTrue(heap.value(0) > 0);
    assertTrue(tracker.run(sampled).orElseThrow().latestMetrics().containsKey("system.gc_ms"));
    assertTrue(tracker.run(plain).orElseThrow().latestMetrics().isEmpty(), "off by default");
  }

  @Test
  void aLiveRunCannotBeResumedByASecondWriter() {
    try (Run run = tracker.start(spec().build())) {
      assertThrows(ConflictException.class, () -> tracker.resume(run.id()));
    }
  }
}
