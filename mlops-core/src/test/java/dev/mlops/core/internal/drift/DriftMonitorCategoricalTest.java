package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftMonitorConfig;
import dev.mlops.api.drift.DriftWindow;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.internal.drift.monitor.WindowMonitor;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Categorical features of the in-service monitor, on fixed streams. Expected statistics come from
 * SciPy 1.17.1, computed independently of this code:
 * {@code scipy.stats.chi2_contingency(table, correction=False)} and
 * {@code scipy.spatial.distance.jensenshannon(p, q)} (natural logarithm).
 */
class DriftMonitorCategoricalTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** 1,000 rows (auto: tests): country de 500, fr 300, it 200, and a numeric column. */
  private static final ReferenceProfile SMALL = SketchProfile.of(Sample.builder()
      .categorical("country", repeat(new String[] {"de", "fr", "it"}, new int[] {500, 300, 200}))
      .numeric("amount", DriftComparisonTest.gaussian(1_000, 0, 1))
      .build(), 200);

  /** 5,000 rows (auto: distances): device phone 3,000, desktop 1,500, tablet 500. */
  private static final ReferenceProfile LARGE = SketchProfile.of(Sample.builder()
      .categorical("device", repeat(new String[] {"phone", "desktop", "tablet"}, new int[] {3_000, 1_500, 500}))
      .build(), 200);

  private DriftMonitor direct(DriftMonitorConfig config) {
    return new WindowMonitor(config, meters, Runnable::run, Clock.systemUTC(), null);
  }

  @Test
  void aSmallReferenceComparesEachWindowByChiSquareWithTheNumericFeatureAlongside() {
    List<DriftWindow> seen = new CopyOnWriteArrayList<>();
    try (DriftMonitor monitor = direct(DriftMonitorConfig.builder().name("orders").reference(SMALL)
        .columns(List.of("amount")).categoricalColumns(List.of("country")).windowSize(100).listener(seen::add)
        .build())) {
      // Window 1: de 50, fr 30, it 19 and one missing; window 2: de 20, fr 30, it 50.
      feed(monitor, true, shuffled(repeat(new String[] {"de", "fr", "it", null}, new int[] {50, 30, 19, 1}), 1));
      feed(monitor, true, shuffled(repeat(new String[] {"de", "fr", "it"}, new int[] {20, 30, 50}), 2));
    }
    assertEquals(2, seen.size());
    ColumnDrift first = seen.get(0).report().column("country").orElseThrow();
    assertEquals(ColumnType.CATEGORICAL, first.type());
    assertEquals(DriftMethod.CHISQUARE, first.method(), "auto on a 1,000-row reference with 3 categories");
    assertEquals(99, first.currentSize(), "the missing value is dropped");
    assertEquals(1_000, first.referenceSize());
    assertEquals(0.03686512279289372, first.statistic(), 1e-12);
    assertEquals(0.9817362792831227, first.pValue().getAsDouble(), 1e-12);
    assertFalse(first.drifted());
    ColumnDrift second = seen.get(1).report().column("country").orElseThrow();
    assertEquals(53.307692307692314, second.statistic(), 1e-9);
    assertEquals(2.6569396743094714e-12, second.pValue().getAsDouble(), 1e-16);
    assertTrue(second.drifted());
    assertTrue(seen.get(1).report().column("amount").isPresent(), "the numeric feature is compared too");
  }

  @Test
  void aLargeReferenceComparesByJensenShannonCountingUnseenCategoriesAndPublishesMeters() {
    List<DriftWindow> seen = new CopyOnWriteArrayList<>();
    try (DriftMonitor monitor = direct(DriftMonitorConfig.builder().name("web").reference(LARGE)
        .categoricalColumns(List.of("device")).windowSize(200).listener(seen::add).build())) {
      // phone 100, desktop 60, tablet 30, and "tv", which the reference never saw, 10.
      feed(monitor, false, shuffled(repeat(new String[] {"phone", "desktop", "tablet", "tv"}, new int[] {100, 60, 30, 10}),
          3));
      ColumnDrift device = seen.get(0).report().column("device").orElseThrow();
      assertEquals(DriftMethod.JS, device.method(), "auto on a 5,000-row reference");
      // jensenshannon([1500, 3000, 500, 0], [60, 100, 30, 10]): desktop, phone, tablet, tv
      assertEquals(0.1487329380253157, device.statistic(), 1e-12);
      assertTrue(device.drifted());
      assertEquals(List.of("desktop", "phone", "tablet", "tv"), device.histogram().bins());
      assertEquals(0.1487329380253157,
          meters.get("mlops.drift.score").tag("monitor", "web").tag("feature", "device").gauge().value(), 1e-12);
      assertEquals(1.0, meters.get("mlops.drift.detected").tag("feature", "device").counter().count());
      assertEquals(1.0, meters.get("mlops.drift.share").tag("monitor", "web").gauge().value());
    }
    assertTrue(meters.find("mlops.drift.score").gauges().isEmpty(), "close removes the meters");
  }

  @Test
  void aTumblingCategoricalMonitorEvaluatesFloorNBySizeWindowsAndAPartialOneOnClose() {
    List<DriftWindow> seen = new CopyOnWriteArrayList<>();
    try (DriftMonitor monitor = direct(DriftMonitorConfig.builder().reference(SMALL)
        .categoricalColumns(List.of("country")).windowSize(30).listener(seen::add).build())) {
      String[] countries = {"de", "fr", "it"};
      for (int i = 0; i < 95; i++) {
        monitor.observe(new double[0], new String[] {countries[i % 3]});
      }
      assertEquals(3, seen.size());
      DriftWindow partial = monitor.closeWindow().orElseThrow();
      assertEquals(5, partial.observations());
      assertEquals(5, partial.report().column("country").orElseThrow().currentSize());
    }
  }

  @Test
  void observingCategoriesAllocatesNothingOnTheRequestPath() {
    try (DriftMonitor monitor = direct(DriftMonitorConfig.builder().reference(SMALL).columns(List.of("amount"))
        .categoricalColumns(List.of("country")).windowSize(1_000_000).build())) {
      double[] row = {0.5};
      String[] categories = {"fr"};
      for (int i = 0; i < 20_000; i++) {
        monitor.observe(row, categories); // warm up (JIT)
      }
      com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long before = bean.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 200_000; i++) {
        monitor.observe(row, categories);
      }
      long allocated = bean.getCurrentThreadAllocatedBytes() - before;
      assertTrue(allocated < 200_000, "less than 1 byte per call (measurement noise only): " + allocated);
    }
  }

  @Test
  void wrongShapesAndTypesAreClearErrors() {
    try (DriftMonitor monitor = direct(DriftMonitorConfig.builder().reference(SMALL).columns(List.of("amount"))
        .categoricalColumns(List.of("country")).windowSize(10).build())) {
      IllegalArgumentException noCategories = assertThrows(IllegalArgumentException.class,
          () -> monitor.observe(new double[] {1}));
      assertTrue(noCategories.getMessage().contains("observe(row, categories)"), noCategories.getMessage());
      IllegalArgumentException wrongCount = assertThrows(IllegalArgumentException.class,
          () -> monitor.observe(new double[] {1}, new String[] {"de", "fr"}));
      assertTrue(wrongCount.getMessage().contains("needs 1 categories [country]"), wrongCount.getMessage());
    }
    IllegalArgumentException numericAsCategorical = assertThrows(IllegalArgumentException.class,
        () -> DriftMonitorConfig.builder().reference(SMALL).categoricalColumns(List.of("amount")).build());
    assertTrue(numericAsCategorical.getMessage().contains("'amount' is numeric"), numericAsCategorical.getMessage());
    assertThrows(IllegalStateException.class, () -> DriftMonitorConfig.builder().reference(SMALL).build());
  }

  /** Observes each category in order, with an "amount" value when the monitor has that numeric column. */
  private static void feed(DriftMonitor monitor, boolean withAmount, List<String> categories) {
    double[] row = new double[withAmount ? 1 : 0];
    String[] labels = new String[1];
    int i = 0;
    for (String category : categories) {
      if (withAmount) {
        row[0] = (i++ % 10) / 10.0;
      }
      labels[0] = category;
      monitor.observe(row, labels);
    }
  }

  private static String[] repeat(String[] values, int[] times) {
    List<String> out = new ArrayList<>();
    for (int v = 0; v < values.length; v++) {
      out.addAll(Collections.nCopies(times[v], values[v]));
    }
    return out.toArray(new String[0]);
  }

  private static List<String> shuffled(String[] values, long seed) {
    List<String> list = new ArrayList<>(Arrays.asList(values)); // may hold null (missing)
    Collections.shuffle(list, new Random(seed));
    return list;
  }
}
