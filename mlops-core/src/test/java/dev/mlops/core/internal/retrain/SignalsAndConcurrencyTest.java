package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Histogram;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.testing.TestClock;
import dev.mlops.storage.fs.FileSystemObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signal adapters, and many writers deciding one policy on one store directory. */
class SignalsAndConcurrencyTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void driftReportAndMetricAdaptersNameTheirSignals() {
    Histogram histogram = new Histogram(List.of("a"), List.of(1.0), List.of(1.0));
    DriftReport report = new DriftReport(List.of(
        new ColumnDrift("age", ColumnType.NUMERIC, DriftMethod.KS, 0.21, OptionalDouble.of(0.001),
            0.05, true, 100, 100, true, histogram),
        new ColumnDrift("bad name", ColumnType.NUMERIC, DriftMethod.KS, 0.5, OptionalDouble.of(0.5),
            0.05, false, 100, 100, true, histogram)), 0.5, true);
    RetrainSignals s = RetrainSignals.builder(T0).drift(report).metric("auc", 0.80, 0.72).build();
    assertEquals(0.5, s.value("drift.share"));
    assertEquals(0.21, s.value("drift.age"));
    assertEquals(0.1, s.value("metric.auc.drop"), 1e-12, "(0.80 - 0.72) / 0.80");
    assertEquals(0.72, s.value("metric.auc"));
    assertTrue(Double.isNaN(s.value("drift.bad name")), "a column name that is no signal name is skipped");
    assertThrows(IllegalStateException.class, () -> RetrainSignals.builder(T0).signal("x", 1).signal("x", 2));
    assertThrows(InvalidNameException.class, () -> RetrainSignals.builder(T0).signal("../x", 1));
  }

  @Test
  void fourWritersOnOneDirectoryRecordEachWindowOnceWithOneConsistentState() throws Exception {
    RetrainPolicyConfig config = RetrainPolicyConfig.builder().name("raced")
        .trigger(Trigger.when("drift.share", Comparison.AT_LEAST, 0.5))
        .consecutiveWindows(3).cooldown(Duration.ZERO).build();
    int writers = 4;
    int windows = 30;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<RetrainDecision> recorded = new ConcurrentLinkedQueue<>();
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      futures.add(pool.submit(() -> {
        try (ObjectStore store = FileSystemObjectStore.open(dir)) {
          var policy = new DefaultRetraining(store, new SimpleMeterRegistry(), TestClock.at(T0)).policy(config);
          start.await();
          for (int i = 0; i < windows; i++) {
            double share = (i / 5) % 2 == 0 ? 0.1 : 0.9; // 5 quiet windows, 5 drifted, ...
            try {
              recorded.add(policy.evaluate(RetrainSignals.builder(T0.plus(Duration.ofHours(i)))
                  .signal("drift.share", share).build()));
            } catch (IllegalArgumentException alreadyDecided) {
              // another writer recorded this window first
            }
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    try (ObjectStore store = FileSystemObjectStore.open(dir)) {
      List<RetrainDecision> history = new DefaultRetraining(store, new SimpleMeterRegistry(),
          TestClock.at(T0)).decisions("raced", Instant.MIN, Instant.MAX);
      assertEquals(windows, history.size(), "each window recorded exactly once");
      assertEquals(windows, recorded.size(), "every recorded decision was returned to one writer");
      for (int i = 0; i < windows; i++) {
        assertEquals(i + 1, history.get(i).seq());
        assertEquals(T0.plus(Duration.ofHours(i)), history.get(i).at());
      }
      List<Integer> fires = new ArrayList<>();
      for (int i = 0; i < windows; i++) {
        if (history.get(i).fired()) {
          fires.add(i);
        }
      }
      assertEquals(List.of(7, 17, 27), fires,
          "the third window of each drifted run of 5, exactly as one writer would decide");
    }
  }
}
