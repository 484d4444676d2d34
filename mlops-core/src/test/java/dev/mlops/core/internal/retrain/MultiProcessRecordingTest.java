package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.storage.fs.FileSystemObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two child JVMs and this one evaluate one policy on one directory, starting together. */
class MultiProcessRecordingTest {
  @TempDir Path dir;
  @TempDir Path work;

  @Test
  void threeJvmsRacingOnePolicyRecordEachWindowOnceAndFireAsOneWould() throws Exception {
    int windows = 30;
    List<Process> children = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      children.add(new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), "-Xmx128m", EvaluatingChild.class.getName(),
          dir.toString(), String.valueOf(windows), work.resolve("ready-" + c).toString(),
          work.resolve("start").toString()))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(work.resolve("ready-0")) && Files.exists(work.resolve("ready-1")))) {
      assertTrue(System.nanoTime() < deadline, "children did not get ready in 60 s");
      Thread.sleep(5);
    }
    int recorded;
    try (ObjectStore store = FileSystemObjectStore.open(dir)) {
      Files.createFile(work.resolve("start"));
      recorded = EvaluatingChild.evaluateAll(store, windows);
    }
    List<Integer> perProcess = new ArrayList<>(List.of(recorded));
    for (Process child : children) {
      assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child finished");
      assertEquals(0, child.exitValue());
      perProcess.add(Integer.parseInt(new String(child.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8).strip()));
    }
    System.out.println("windows recorded per process (this JVM, child 1, child 2): " + perProcess);
    recorded = perProcess.stream().mapToInt(Integer::intValue).sum();
    assertEquals(windows, recorded, "each window was recorded by exactly one process");
    try (ObjectStore store = FileSystemObjectStore.open(dir)) {
      List<RetrainDecision> history = new DefaultRetraining(store, new SimpleMeterRegistry(),
          Clock.systemUTC()).decisions("multi", Instant.MIN, Instant.MAX);
      assertEquals(windows, history.size());
      List<Integer> fires = new ArrayList<>();
      for (int i = 0; i < windows; i++) {
        assertEquals(i + 1, history.get(i).seq());
        if (history.get(i).fired()) {
          fires.add(i);
        }
      }
      assertEquals(List.of(7, 17, 27), fires, "the third window of each drifted run of 5");
    }
  }
}
