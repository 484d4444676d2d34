package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftMonitorConfig;
import dev.mlops.api.drift.DriftWindow;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.drift.monitor.WindowMonitor;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import dev.mlops.core.testing.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-service monitor: windows, meters, listeners, concurrency and the allocation-free observe path. */
class DriftMonitorTest {
  private static final ReferenceProfile REFERENCE = SketchProfile.of(Sample.builder()
      .numeric("a", DriftComparisonTest.gaussian(50_000, 0, 1))
      .numeric("b", java.util.Arrays.stream(DriftComparisonTest.gaussian(50_000, 0, 2)).map(v -> 2 * v).toArray())
      .categorical("c", new String[] {"x"})
      .build(), 200);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private DriftMonitor direct(DriftMonitorConfig config) {
    return new WindowMonitor(config, meters, Runnable::run, Clock.systemUTC(), null); // evaluates on the closing thread
  }

  private static DriftMonitorConfig.Builder config() {
    return DriftMonitorConfig.builder().name("checkout").reference(REFERENCE).columns(List.of("a", "b"))
        .drift(DriftConfig.builder().method(DriftMethod.KS).build());
  }

  @Test
  void eachTumblingWindowIsComparedAndPublishedToListenersAndMeters() {
    List<DriftWindow> seen = new CopyOnWriteArrayList<>();
    try (DriftMonitor monitor = direct(config().windowSize(500).listener(seen::add).build())) {
      Random random = new Random(3);
      double[] row = new double[2];
      for (int i = 0; i < 1_000; i++) {
        row[0] = random.nextGaussian() + (i >= 500 ? 2 : 0);
        row[1] = 2 * random.nextGaussian();
        monitor.observe(row);
      }
      assertEquals(2, seen.size());
      assertEquals(500, seen.get(0).observations());
      assertFalse(seen.get(0).report().column("a").orElseThrow().drifted());
      assertTrue(seen.get(1).report().column("a").orElseThrow().drifted());
      assertFalse(seen.get(1).report().column("b").orElseThrow().drifted());
      assertFalse(seen.get(1).report().column("a").orElseThrow().exact(), "compared with a sketch");
      assertEquals(1.0, meters.get("mlops.drift.detected").tag("feature", "a").counter().count());
      assertEquals(0.0, meters.get("mlops.drift.detected").tag("feature", "b").counter().count());
      assertEquals(0.5, meters.get("mlops.drift.share").gauge().value());
      double p = seen.get(1).report().column("a").orElseThrow().pValue().getAsDouble();
      assertEquals(p, meters.get("mlops.drift.score").tag("feature", "a").gauge().value());
      assertEquals(seen.get(1), monitor.lastWindow().orElseThrow());
    }
    assertTrue(meters.find("mlops.drift.score").gauges().isEmpty(), "close removes the meters");
  }

  @Test
  void aTumblingCountMonitorOverNRowsEvaluatesFloorNBySizeWindowsAndDropsNone() {
    List<DriftWindow> seen = new CopyOnWriteArrayList<>();
    try (DriftMonitor monitor = direct(config().windowSize(30).listener(seen::add).build())) {
      for (int i = 0; i < 365; i++) {
        monitor.observe(new double[] {i % 11, i % 13});
      }
      assertEquals(12, seen.size(), "365 rows hold 12 whole windows of 30");
      for (int w = 0; w < 12; w++) {
        assertEquals(w + 1, seen.get(w).sequence());
        assertEquals(30, seen.get(w).observations());
      }
      assertEquals(0.0, meters.get("mlops.drift.windows.dropped").counter().count());
      DriftWindow partial = monitor.closeWindow().orElseThrow();
      assertEquals(13, partial.sequence());
      assertEquals(5, partial.observations(), "the window in progress holds rows 360..364, not the last 30 rows");
      assertEquals(5, partial.report().column("a").orElseThrow().currentSize());
      assertEquals(0.0, meters.get("mlops.drift.windows.dropped").counter().count());
    }
  }

  @Test
  void aSlowEvaluatorDropsWindowsButEveryWindowIsEvaluatedOrCountedOnce() throws Exception {
    List<DriftWindow> seen = new CopyOnWriteArrayList<>();
    java.util.concurrent.ExecutorService slow = java.util.concurrent.Executors.newSingleThreadExecutor();
    CountDownLatch inFirstWindow = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DriftMonitorConfig c = config().windowSize(30).listener(w -> {
      if (w.sequence() == 1) {
        inFirstWindow.countDown();
        await(release); // holds the evaluator while the rows of windows 2..5 arrive
      }
      seen.add(w);
    }).build();
    try (DriftMonitor monitor = new WindowMonitor(c, meters, slow, Clock.systemUTC(), null)) {
      for (int i = 0; i < 150; i++) {
        monitor.observe(new double[] {i % 11, i % 13});
        if (i == 29) {
          await(inFirstWindow);
        }
      }
      release.countDown();
      slow.shutdown();
      assertTrue(slow.awaitTermination(Eventually.BOUND.toSeconds(), TimeUnit.SECONDS));
      // Window 1 was evaluated; then the evaluator found 150 requested and jumped to the latest window.
      assertEquals(List.of(1L, 2L), seen.stream().map(DriftWindow::sequence).toList());
      assertEquals(3.0, meters.get("mlops.drift.windows.dropped").counter().count(), "windows 2, 3 and 4");
      assertTrue(seen.stream().allMatch(w -> w.observations() == 30));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(Eventually.BOUND.toSeconds(), TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void slidingWindowsCloseEverySlide() {
    List<DriftWindow> seen = new CopyOnWriteArrayList<>();
    try (DriftMonitor monitor = direct(config().windowSize(100).slide(50).listener(seen::add).build())) {
      for (int i = 0; i < 300; i++) {
        monitor.observe(new double[] {i % 7, i % 5});
      }
    }
    assertEquals(5, seen.size()); // windows ending at 100, 150, 200, 250, 300
    assertTrue(seen.stream().allMatch(w -> w.observations() == 100));
  }

  @Test
  void aFailingListenerIsContainedAndTheOthersStillRun() {
    List<DriftWindow> seen = new CopyOnWriteArrayList<>();
    DriftMonitorConfig c = config().windowSize(10).listener(w -> {
      throw new IllegalStateException("listener bug");
    }).listener(seen::add).build();
    try (DriftMonitor monitor = direct(c)) {
      for (int i = 0; i < 30; i++) {
        monitor.observe(new double[] {i, i});
      }
    }
    assertEquals(3, seen.size());
  }

  @Test
  void closeWindowEvaluatesAPartialWindowAndTimeWindowsCloseAfterTheirDuration() throws Exception {
    try (DriftMonitor monitor = direct(config().windowSize(1_000).build())) {
      for (int i = 0; i < 10; i++) {
        monitor.observe(new double[] {0.1 * i, 0.2 * i});
      }
      DriftWindow window = monitor.closeWindow().orElseThrow();
      assertEquals(10, window.observations());
      assertTrue(monitor.closeWindow().isEmpty(), "nothing new since");
    }
    List<DriftWindow> seen = new CopyOnWriteArrayList<>();
    // An hour-long window, so nothing here can outlast it however slowly the test runs.
    try (DriftMonitor monitor = direct(config().windowSize(100).windowDuration(java.time.Duration.ofHours(1))
        .listener(seen::add).build())) {
      for (int i = 0; i < 150; i++) {
        monitor.observe(new double[] {i, i});
      }
      assertTrue(seen.isEmpty(), "a time window does not close by count");
      assertEquals(100, monitor.closeWindow().orElseThrow().observations(),
          "at most windowSize of the most recent values are kept");
    }
    // A 50 ms window: the first observation more than 50 ms after the previous one closes a
    // window, whatever happened before (a sleep lasts at least as long as asked).
    List<DriftWindow> timed = new CopyOnWriteArrayList<>();
    try (DriftMonitor monitor = direct(config().windowSize(100).windowDuration(java.time.Duration.ofMillis(50))
        .listener(timed::add).build())) {
      monitor.observe(new double[] {0, 0});
      Thread.sleep(60);
      monitor.observe(new double[] {1, 1});
      assertFalse(timed.isEmpty(), "the window closed after its duration");
      assertTrue(timed.stream().allMatch(w -> w.observations() <= 2));
    }
  }

  @Test
  void twoThreadsObservingThroughMlOpsLoseNoWindowUnaccounted() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (MlOps mlops = MlOps.builder().uri(URI.create("mem:monitor-" + UUID.randomUUID())).meterRegistry(registry)
        .build()) {
      List<DriftWindow> seen = new CopyOnWriteArrayList<>();
      DriftMonitor monitor = mlops.drift().monitor(config().windowSize(1_000).listener(seen::add).build());
      CountDownLatch done = new CountDownLatch(2);
      for (int t = 0; t < 2; t++) {
        long seed = t;
        new Thread(() -> {
          Random random = new Random(seed);
          double[] row = new double[2];
          for (int i = 0; i < 50_000; i++) {
            row[0] = random.nextGaussian();
            row[1] = 2 * random.nextGaussian();
            monitor.observe(row);
          }
          done.countDown();
        }).start();
      }
      assertTrue(done.await(Eventually.BOUND.toSeconds(), TimeUnit.SECONDS));
      Eventually.await("all 100 windows evaluated or dropped", () -> seen.size()
          + registry.get("mlops.drift.windows.dropped").counter().count() >= 100);
      double dropped = registry.get("mlops.drift.windows.dropped").counter().count();
      assertEquals(100, seen.size() + (long) dropped, "every window is evaluated or counted as dropped");
      assertTrue(seen.stream().allMatch(w -> w.observations() == 1_000));
      long falseDrifts = seen.stream().filter(w -> w.report().datasetDrift()).count();
      assertTrue(falseDrifts <= 10, "stationary input, KS at 0.05 on 2 columns: " + falseDrifts);
      monitor.close();
    }
  }

  @Test
  void observeAllocatesNothingOnTheRequestPath() {
    try (DriftMonitor monitor = direct(config().windowSize(1_000_000).build())) {
      double[] row = {0.5, 0.25};
      for (int i = 0; i < 20_000; i++) {
        monitor.observe(row); // warm up (JIT)
      }
      com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long before = bean.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 200_000; i++) {
        monitor.observe(row);
      }
      long allocated = bean.getCurrentThreadAllocatedBytes() - before;
      assertTrue(allocated < 200_000, "less than 1 byte per call (measurement noise only): " + allocated);
    }
  }

  @Test
  void badRowsAndConfigurationsAreClearErrors() {
    try (DriftMonitor monitor = direct(config().windowSize(10).build())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> monitor.observe(new double[3]));
      assertTrue(e.getMessage().contains("needs 2 values"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> DriftMonitorConfig.builder().reference(REFERENCE)
        .columns(List.of("c")).build());
    assertThrows(IllegalStateException.class, () -> DriftMonitorConfig.builder().windowSize(10).windowSize(20));
    assertThrows(IllegalStateException.class, () -> DriftMonitorConfig.builder().reference(REFERENCE)
        .columns(List.of("a")).slide(3).windowDuration(java.time.Duration.ofSeconds(1)).build());
  }
}
