package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.experiment.BackpressurePolicy;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure with a writer that is held back: its task is captured and started only after the
 * buffer overflowed, so exactly what each policy keeps can be checked.
 */
class BackpressureTest {
  private static final int CAPACITY = RunSpec.MIN_BUFFER_CAPACITY; // 4 chunks of 256 points
  private final ObjectStore store = InMemoryObjectStore.create();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<Runnable> held = new ArrayList<>();
  private final Executor heldBack = held::add;
  private final DefaultExperimentLogger tracker = new DefaultExperimentLogger(store, heldBack,
      Clock.systemUTC(), meters, TrackerSettings.DEFAULTS);

  private Run start(BackpressurePolicy policy) {
    return tracker.start(RunSpec.builder().experiment("bp").backpressure(policy)
        .bufferCapacity(CAPACITY).build());
  }

  private void releaseWriter() {
    for (Runnable task : held) {
      Thread thread = new Thread(task);
      thread.setDaemon(true);
      thread.start();
    }
  }

  @Test
  void dropOldestKeepsTheNewestPointsAndCountsTheRest() {
    Run run = start(BackpressurePolicy.DROP_OLDEST);
    int total = CAPACITY * 3;
    for (int i = 0; i < total; i++) {
      run.log("x", i, i);
    }
    long dropped = run.droppedPoints();
    assertTrue(dropped > 0, "the buffer overflowed");
    assertEquals(dropped, meters.counter("mlops.metrics.dropped", "policy", "DROP_OLDEST").count());
    releaseWriter();
    run.close();
    MetricHistory history = tracker.history(run.id(), "x");
    assertEquals(total - dropped, history.size(), "kept + dropped = logged");
    assertEquals(total - 1, history.step(history.size() - 1), "the newest point is kept");
    for (int i = 1; i < history.size(); i++) {
      assertTrue(history.step(i) > history.step(i - 1), "order is kept");
    }
  }

  @Test
  void downsampleKeepsEveryCurveAtLowerResolution() {
    Run run = start(BackpressurePolicy.DOWNSAMPLE);
    int total = CAPACITY * 4;
    for (int i = 0; i < total; i++) {
      run.log("a", i, i);
      run.log("b", -i, i);
    }
    long dropped = run.droppedPoints();
    assertTrue(dropped > 0);
    releaseWriter();
    run.close();
    MetricHistory a = tracker.history(run.id(), "a");
    MetricHistory b = tracker.history(run.id(), "b");
    assertEquals(2L * total - dropped, a.size() + b.size());
    assertEquals(0, a.step(0), "the start of the curve is kept");
    assertTrue(a.step(a.size() - 1) >= total - 2, "the end of the curve is kept");
    assertTrue(Math.abs(a.size() - b.size()) <= 1, "both keys lose alike");
  }

  @Test
  void blockLosesNothing() throws Exception {
    Run run = start(BackpressurePolicy.BLOCK);
    Thread logger = new Thread(() -> {
      for (int i = 0; i < CAPACITY * 5; i++) {
        run.log("x", i, i);
      }
    });
    logger.start();
    // The writer is held back, so the logger cannot get past a full buffer: wait until it parks
    // there (whenever the scheduler gets it there), then check it lost nothing meanwhile.
    Eventually.await("the logging thread waits for room", () -> logger.getState() == Thread.State.TIMED_WAITING
        || logger.getState() == Thread.State.WAITING);
    assertTrue(logger.isAlive(), "the logging thread waits while the writer is held back");
    assertEquals(0, run.droppedPoints());
    releaseWriter();
    logger.join(Eventually.BOUND.toMillis());
    assertFalse(logger.isAlive(), "the logger went on once the writer ran");
    run.close();
    assertEquals(0, run.droppedPoints());
    assertEquals(CAPACITY * 5, tracker.history(run.id(), "x").size());
  }
}
