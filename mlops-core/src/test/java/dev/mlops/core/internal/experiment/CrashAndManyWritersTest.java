package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.Eventually;
import dev.mlops.storage.fs.FileSystemObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes on a real file system store: kill -9 after a flush, and concurrent writers. */
class CrashAndManyWritersTest {
  @TempDir Path dir;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private Process child(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), LoggingChild.class.getName(),
        dir.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private DefaultExperimentLogger tracker(ObjectStore store) {
    return new DefaultExperimentLogger(store, executor, Clock.systemUTC(),
        new SimpleMeterRegistry(), TrackerSettings.DEFAULTS);
  }

  @Test
  void everyPointUpToTheLastFlushSurvivesKillNineAndTheRunBecomesKilled() throws Exception {
    Process process = child("forever");
    String runId = null;
    long flushed = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      int flushes = 0;
      String line;
      while ((line = out.readLine()) != null && flushes < 5) {
        if (line.startsWith("RUN ")) {
          runId = line.substring(4);
        } else if (line.startsWith("FLUSHED ")) {
          flushed = Long.parseLong(line.substring(8));
          flushes++;
        }
      }
      process.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }
    assertTrue(flushed > 0, "the child flushed before it was killed");
    try (ObjectStore store = FileSystemObjectStore.open(dir)) {
      DefaultExperimentLogger tracker = tracker(store);
      MetricHistory x = tracker.history(runId, "x");
      assertTrue(x.size() > flushed, "at least " + (flushed + 1) + " points, got " + x.size());
      for (int i = 0; i < x.size(); i++) {
        assertEquals(i, x.step(i), "no gap and no reordering");
        double expected = i % 1000 == 0 ? Double.NaN : i * 0.5;
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(x.value(i)));
      }
      String id = runId;
      // the child declared a 1 s heartbeat timeout: judged KILLED once a second passed, whenever
      Eventually.await("the killed child's run is judged KILLED",
          () -> tracker.run(id).orElseThrow().status() == RunStatus.KILLED);
      try (MlOps mlops = MlOps.builder().store(store).build()) {
        assertTrue(mlops.inspector().verify().ok(), "the store verifies clean");
      }
    }
  }

  @Test
  void severalProcessesAndThreadsLogToOneExperimentAtOnce() throws Exception {
    int perWriter = 200_000;
    Process first = child("finite", Integer.toString(perWriter));
    Process second = child("finite", Integer.toString(perWriter));
    List<String> threadRuns = new ArrayList<>();
    try (ObjectStore store = FileSystemObjectStore.open(dir)) {
      DefaultExperimentLogger tracker = tracker(store);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        Thread thread = new Thread(() -> {
          try (Run run = tracker.start(RunSpec.builder().experiment("shared").build())) {
            synchronized (threadRuns) {
              threadRuns.add(run.id());
            }
            for (int i = 0; i < perWriter; i++) {
              run.log("x", i * 0.5, i);
            }
          }
        });
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join(60_000);
      }
      assertEquals(0, first.waitFor(), "first child exit code");
      assertEquals(0, second.waitFor(), "second child exit code");
      List<RunInfo> runs = tracker.search(RunQuery.experiment("shared"));
      assertEquals(5, runs.size());
      for (RunInfo run : runs) {
        assertEquals(RunStatus.FINISHED, run.status());
        MetricHistory x = tracker.history(run.id(), "x");
        assertEquals(perWriter, x.size(), "run " + run.id());
        assertEquals(perWriter - 1, x.step(perWriter - 1));
        assertEquals((perWriter - 1) * 0.5, x.value(perWriter - 1));
      }
    }
  }
}
