package dev.mlops.core.internal.drift.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftHistory;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftMonitorConfig;
import dev.mlops.api.drift.DriftRecord;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.DriftWindow;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.storage.DocumentSeal;
import dev.mlops.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording drift reports and monitor windows in the store, and reading them back as a series. */
class DriftHistoryTest {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir Path dir;

  static Sample gaussian(int n, double shift, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = random.nextGaussian() + shift;
      b[i] = random.nextGaussian();
    }
    return Sample.builder().numeric("a", a).numeric("b", b).build();
  }

  @Test
  void aRecordingMonitorStoresEachWindowWithItsRangeAndVerdicts() {
    TestClock clock = TestClock.at(T0);
    try (MlOps mlops = MlOps.builder().uri(dir.toUri()).clock(clock).build()) {
      ReferenceProfile reference = mlops.drift().profile(gaussian(20_000, 0, 1));
      DriftMonitorConfig config = DriftMonitorConfig.builder().name("checkout").reference(reference)
          .columns(List.of("a", "b")).windowSize(400).windowDuration(Duration.ofDays(1)) // closed by closeWindow below
          .drift(DriftConfig.builder().method(DriftMethod.KS).build())
          .recordWindows().build();
      try (DriftMonitor monitor = mlops.drift().monitor(config)) {
        double[] row = new double[2];
        for (int window = 0; window < 3; window++) {
          clock.advance(Duration.ofHours(1));
          Sample sample = gaussian(400, window == 2 ? 3 : 0, 10 + window); // the third window drifts in "a"
          double[] a = sample.numeric("a");
          double[] b = sample.numeric("b");
          for (int i = 0; i < 400; i++) {
            row[0] = a[i];
            row[1] = b[i];
            monitor.observe(row);
          }
          DriftWindow closed = monitor.closeWindow().orElseThrow(); // at the hour, so each range is an hour
          assertEquals(400, closed.observations());
        }
      }
      DriftHistory history = mlops.drift().history("checkout");
      List<DriftRecord> records = history.list();
      assertEquals(List.of(1L, 2L, 3L), records.stream().map(DriftRecord::sequence).toList());
      assertEquals(List.of(T0, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2))),
          records.stream().map(DriftRecord::from).toList(), "each window starts where the previous one closed");
      assertEquals(List.of(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(3))),
          records.stream().map(DriftRecord::to).toList());
      assertEquals(List.of(List.of(), List.of(), List.of("a")), records.stream().map(DriftRecord::driftedColumns).toList());
      DriftRecord.Column a = records.get(2).column("a").orElseThrow();
      assertEquals(DriftMethod.KS, a.method());
      assertTrue(a.pValue().orElseThrow() < 0.05 && a.statistic() > 0.5, a.toString());
      assertEquals(400, a.currentSize());
      assertEquals(0.5, records.get(2).driftedShare());
      assertEquals(records.get(2), history.latest().orElseThrow());
      assertEquals(List.of(records.get(1)), history.between(T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(3))),
          "from inclusive, to exclusive, by the window's close");
      assertEquals(List.of("checkout"), mlops.drift().histories());
    }
  }

  @Test
  void aBatchReportIsRecordedUnderAnyNameAndAMonitorWithoutRecordingWritesNothing() {
    try (MlOps mlops = MlOps.local(dir)) {
      DriftHistory history = mlops.drift().history("rain-model");
      assertTrue(history.latest().isEmpty());
      assertEquals(List.of(), history.list());
      DriftReport report = mlops.drift().compare(gaussian(2_000, 0, 1), gaussian(1_000, 1, 2),
          DriftConfig.ofDefaults());
      DriftRecord stored = history.record(report, T0, T0.plus(Duration.ofDays(1)));
      assertEquals(1, stored.sequence());
      assertEquals(1_000, stored.observations(), "the largest current column");
      assertEquals(report.driftedShare(), stored.driftedShare());
      assertEquals(List.of(stored), mlops.drift().history("rain-model").list(), "another handle reads it");
      assertThrows(IllegalArgumentException.class, () -> history.record(report, T0, T0.minusSeconds(1)));
      assertThrows(InvalidNameException.class, () -> mlops.drift().history("../etc"));

      try (DriftMonitor monitor = mlops.drift().monitor(DriftMonitorConfig.builder().name("quiet")
          .reference(mlops.drift().profile(gaussian(1_000, 0, 3))).columns(List.of("a")).windowSize(10).build())) {
        for (int i = 0; i < 25; i++) {
          monitor.observe(new double[] {i});
        }
        monitor.closeWindow();
      }
      assertEquals(List.of("rain-model"), mlops.drift().histories());
    }
  }

  @Test
  void aHistoryReadAgainReadsOnlyTheRecordsAddedSince() {
    java.util.concurrent.atomic.AtomicInteger gets = new java.util.concurrent.atomic.AtomicInteger();
    dev.mlops.core.testing.ForwardingStore counting = new dev.mlops.core.testing.ForwardingStore(
        dev.mlops.storage.fs.FileSystemObjectStore.open(dir)) {
      @Override
      public java.util.Optional<dev.mlops.api.storage.StoredBytes> get(String key) {
        if (key.startsWith("logs/drift/")) {
          gets.incrementAndGet();
        }
        return super.get(key);
      }
    };
    try (MlOps writer = MlOps.local(dir); MlOps reader = MlOps.builder().store(counting).build()) {
      DriftReport report = writer.drift().compare(gaussian(200, 0, 1), gaussian(200, 0, 2), DriftConfig.ofDefaults());
      for (int i = 0; i < 3; i++) {
        writer.drift().history("cached").record(report, T0, T0.plusSeconds(i));
      }
      assertEquals(3, reader.drift().history("cached").list().size());
      assertEquals(3, gets.get());
      writer.drift().history("cached").record(report, T0, T0.plusSeconds(3)); // another process appends
      assertEquals(4, reader.drift().history("cached").list().size());
      assertEquals(4, gets.get(), "records never change, so only the new one is read");
    }
  }

  @Test
  void twoThreadsAppendingToOneHistoryKeepEveryRecordOnceInANumberOfItsOwn() throws Exception {
    int perThread = 40;
    try (MlOps mlops = MlOps.local(dir)) {
      DriftReport report = mlops.drift().compare(gaussian(200, 0, 1), gaussian(200, 0, 2), DriftConfig.ofDefaults());
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
      List<Thread> threads = new java.util.ArrayList<>();
      java.util.Queue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
      for (int t = 0; t < 2; t++) {
        int writer = t;
        Thread thread = new Thread(() -> {
          try {
            DriftHistory own = mlops.drift().history("shared"); // a handle each, as two processes would have
            start.await();
            for (int i = 0; i < perThread; i++) {
              Instant at = T0.plusSeconds(writer * 1_000L + i);
              own.record(report, at, at);
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertEquals(List.of(), List.copyOf(failures));
      ConcurrentHistoryChild.assertComplete(mlops.drift().history("shared").list(), 2, perThread);
    }
  }

  @Test
  void aDamagedRecordIsAnIntegrityErrorNamingItAndTheRemedy() {
    try (MlOps mlops = MlOps.local(dir)) {
      DriftReport report = mlops.drift().compare(gaussian(200, 0, 1), gaussian(200, 0, 2), DriftConfig.ofDefaults());
      DriftHistory history = mlops.drift().history("churn");
      history.record(report, T0, T0);
      history.record(report, T0, T0.plusSeconds(1));
    }
    try (MlOps mlops = MlOps.local(dir)) { // a process that has not read the records yet
      DriftHistory history = mlops.drift().history("churn");
      String key = "logs/drift/churn/000000000002";
      byte[] body = DocumentSeal.open(key, mlops.store().get(key).orElseThrow().bytes()).body();
      String damaged = new String(body, StandardCharsets.UTF_8).replace("\"datasetDrift\":false", "\"datasetDrift\":0")
          .replace("\"datasetDrift\":true", "\"datasetDrift\":1");
      mlops.store().delete(key);
      mlops.store().putIfAbsent(key, damaged.getBytes(StandardCharsets.UTF_8)); // sealed by the store, wrong inside
      IntegrityException e = assertThrows(IntegrityException.class, history::list);
      assertTrue(e.getMessage().contains(key) && e.getMessage().contains("datasetDrift"), e.getMessage());
      assertThrows(IntegrityException.class, history::latest);
      assertFalse(mlops.inspector().verify().ok(), "store verify finds it too");
    }
  }
}
