package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.experiment.FilterSyntaxException;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunComparison;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchAndCompareTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final dev.mlops.api.storage.ObjectStore store = InMemoryObjectStore.create();
  private final DefaultExperimentLogger tracker = new DefaultExperimentLogger(store,
      executor, Clock.systemUTC(), new SimpleMeterRegistry(), TrackerSettings.DEFAULTS);
  private String lrRisk;
  private String lrOps;
  private String gbmRisk;

  @BeforeEach
  void runs() {
    lrRisk = run("lr", "risk", 0.93, "0.1");
    lrOps = run("lr", "ops", 0.95, "0.01");
    gbmRisk = run("gbm", "risk", 0.97, "0.1");
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private String run(String model, String team, double accuracy, String lr) {
    try (Run run = tracker.start(RunSpec.builder().experiment("credit").param("model", model)
        .param("lr", lr).tag("team", team).build())) {
      run.log("accuracy", accuracy - 0.1, 0);
      run.log("accuracy", accuracy, 1);
      return run.id();
    }
  }

  private List<String> ids(String filter) {
    return tracker.search(RunQuery.experiment("credit").where(filter)).stream()
        .map(RunInfo::id).collect(Collectors.toList());
  }

  @Test
  void theThreeTermFilterOfTheIssueSelectsTheRightRun() {
    assertEquals(List.of(lrRisk),
        ids("metrics.accuracy > 0.9 and params.model = 'lr' and tags.team = 'risk'"));
    assertEquals(Set.of(lrRisk, gbmRisk), Set.copyOf(ids("tags.team = \"risk\"")));
    assertEquals(Set.of(lrOps, gbmRisk),
        Set.copyOf(ids("metrics.accuracy >= 0.95 or (params.model == 'gbm')")));
    assertEquals(List.of(lrOps), ids("params.lr < 0.05"), "numeric params compare as numbers");
    assertEquals(List.of(lrOps), ids("not tags.team = 'risk'"));
    assertEquals(List.of(), ids("metrics.missing > 0"), "runs without the field do not match");
  }

  @Test
  void ordersByAnyFieldAndLimits() {
    List<RunInfo> best = tracker.search(RunQuery.all().orderBy("metrics.accuracy", true).limit(2));
    assertEquals(List.of(gbmRisk, lrOps), best.stream().map(RunInfo::id).collect(Collectors.toList()));
    List<RunInfo> byLr = tracker.search(RunQuery.all().orderBy("params.lr", false));
    assertEquals(lrOps, byLr.get(0).id());
  }

  @Test
  void runsWithEqualValuesComeInIdOrderWithAndWithoutALimit() {
    for (int i = 0; i < 40; i++) {
      run("tie", "risk", 0.5, "0.1");
    }
    List<String> tied = tracker.search(RunQuery.experiment("credit").where("params.model = 'tie'"))
        .stream().map(RunInfo::id).collect(Collectors.toList());
    List<String> byId = tied.stream().sorted().collect(Collectors.toList());

    assertEquals(byId, tracker.search(RunQuery.experiment("credit").where("params.model = 'tie'")
        .orderBy("metrics.accuracy", true)).stream().map(RunInfo::id).collect(Collectors.toList()));
    assertEquals(byId.subList(0, 7), tracker.search(RunQuery.experiment("credit").where("params.model = 'tie'")
        .orderBy("params.lr", false).limit(7)).stream().map(RunInfo::id).collect(Collectors.toList()));
  }

  @Test
  void pagesByOffsetJoinToTheWholeOrderTiesIncluded() {
    for (int i = 0; i < 23; i++) {
      run("page", "risk", (i % 5) / 10.0, "0.1"); // five values, so most neighbours tie
    }
    RunQuery query = RunQuery.experiment("credit").where("params.model = 'page'").orderBy("metrics.accuracy", true);
    List<String> whole = idsOf(tracker.search(query));
    List<String> paged = new java.util.ArrayList<>();
    for (int offset = 0; offset < 30; offset += 5) {
      paged.addAll(idsOf(tracker.search(query.offset(offset).limit(5))));
    }
    assertEquals(23, whole.size());
    assertEquals(whole, paged);
    assertEquals(whole.subList(20, 23), idsOf(tracker.search(query.offset(20))));
    assertEquals(List.of(), tracker.search(query.offset(23).limit(5)));
    assertThrows(IllegalArgumentException.class, () -> query.offset(-1));
  }

  private static List<String> idsOf(List<RunInfo> runs) {
    return runs.stream().map(RunInfo::id).collect(Collectors.toList());
  }

  @Test
  void aSyntaxErrorPointsAtItsPosition() {
    FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
        () -> ids("metrics.accuracy > and params.model = 'lr'"));
    assertEquals(19, e.position());
    assertTrue(e.getMessage().contains("\n  " + " ".repeat(19) + "^"), e.getMessage());
    assertEquals(0, assertThrows(FilterSyntaxException.class, () -> ids("foo.bar = 1")).position());
    assertEquals(15, assertThrows(FilterSyntaxException.class,
        () -> ids("params.model = 'lr")).position());
    assertThrows(FilterSyntaxException.class, () -> ids("metrics.a > 1 metrics.b > 2"));
    assertThrows(FilterSyntaxException.class, () -> ids(""));
    assertThrows(FilterSyntaxException.class, () -> ids("metrics.a > 'x'"));
  }

  @Test
  void compareMarksDifferences() {
    RunComparison c = tracker.compare(List.of(lrRisk, gbmRisk));
    assertEquals(List.of("lr", "model"), c.paramKeys());
    assertEquals(Set.of("model"), c.differingParams());
    assertEquals(Set.of("accuracy"), c.differingMetrics());
    assertThrows(NotFoundException.class, () -> tracker.compare(List.of(lrRisk, "nope")));
  }

  @Test
  void aDownsampledCurveKeepsItsEndsAndPeak() {
    String id;
    try (Run run = tracker.start(RunSpec.builder().experiment("curve").build())) {
      id = run.id();
      for (int i = 0; i < 10_000; i++) {
        run.log("y", i == 5_000 ? 100.0 : Math.sin(i / 500.0), i);
      }
      run.log("y", Double.NaN, 10_000);
    }
    MetricHistory small = tracker.history(id, "y", 100);
    assertEquals(100, small.size());
    assertEquals(0, small.step(0));
    assertEquals(9_999, small.step(99), "NaN is not plotted; the last finite point is kept");
    boolean peak = false;
    for (int i = 0; i < small.size(); i++) {
      peak |= small.value(i) == 100.0;
    }
    assertTrue(peak, "the spike survives downsampling");
    assertEquals(10_001, tracker.history(id, "y").size());
  }

  @Test
  void aLongHistorySpreadOverManySegmentsIsDownsampledFromPreviews() {
    String id;
    int n = 100_000;
    try (Run run = tracker.start(RunSpec.builder().experiment("curve")
        .bufferCapacity(RunSpec.MIN_BUFFER_CAPACITY).build())) { // 256-point segments
      id = run.id();
      for (int i = 0; i < n; i++) {
        double v = i == 77_777 ? -50.0 : Math.cos(i / 3000.0);
        run.log("y", i % 997 == 0 ? Double.NaN : v, i);
      }
    }
    MetricHistory curve = tracker.history(id, "y", 500);
    assertTrue(curve.size() <= 500 && curve.size() > 400, "size " + curve.size());
    assertEquals(1, curve.step(0), "step 0 is NaN: the first finite point starts the curve");
    assertEquals(n - 1, curve.step(curve.size() - 1));
    boolean dip = false;
    for (int i = 0; i < curve.size(); i++) {
      assertTrue(Double.isFinite(curve.value(i)));
      if (i > 0) {
        assertTrue(curve.step(i) > curve.step(i - 1), "in order");
      }
      dip |= curve.value(i) == -50.0;
    }
    assertTrue(dip, "the single-point dip survives");
  }

  @Test
  void artifactsAreContentObjectsStoredOnceAndReadBack(@TempDir Path dir) throws Exception {
    Path model = Files.writeString(dir.resolve("model.bin"), "weights");
    Files.createDirectories(dir.resolve("plots"));
    Files.writeString(dir.resolve("plots/a.txt"), "weights"); // same bytes: one content object
    String id;
    try (Run run = tracker.start(RunSpec.builder().experiment("art").build())) {
      id = run.id();
      run.artifact("model.bin", model);
      run.artifact("plots", dir.resolve("plots"));
      assertThrows(dev.mlops.api.InvalidNameException.class, () -> run.artifact("../x", model));
    }
    RunInfo info = tracker.run(id).orElseThrow();
    assertEquals(List.of("model.bin", "plots/a.txt"),
        info.artifacts().stream().map(a -> a.path()).collect(Collectors.toList()));
    assertEquals(info.artifacts().get(0).sha256(), info.artifacts().get(1).sha256());
    dev.mlops.core.internal.gc.GarbageCollector.withRegisteredRoots(store, Clock.systemUTC())
        .collect(java.time.Duration.ZERO, false); // no grace: only the run's reference keeps it
    try (InputStream in = tracker.openArtifact(id, "plots/a.txt")) {
      assertArrayEquals("weights".getBytes(), in.readAllBytes());
    }
    assertThrows(NotFoundException.class, () -> tracker.openArtifact(id, "nope"));
  }
}
