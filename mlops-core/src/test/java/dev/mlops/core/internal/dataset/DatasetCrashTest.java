package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.core.GcReport;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.gc.GarbageCollector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCrashTest {
  @TempDir Path dir;

  @Test
  @DisplayName("kill -9 in the middle of a commit: the previous head is intact, the store verifies, GC removes the leftovers")
  void killedCommitLeavesThePreviousHead() throws Exception {
    Path store = dir.resolve("store");
    Path small = Files.createDirectories(dir.resolve("small"));
    Files.writeString(small.resolve("a.txt"), "first version");
    DatasetVersion before;
    try (MlOps mlops = MlOps.local(store)) {
      before = new DefaultDatasetStore(mlops.store(), Clock.systemUTC(), Optional.empty())
          .commit(CommitRequest.builder().dataset("d").add("small", small).build());
    }
    Path big = Files.createDirectories(dir.resolve("big"));
    Random random = new Random(5);
    byte[] block = new byte[1 << 20];
    for (int i = 0; i < 80; i++) {
      random.nextBytes(block);
      Files.write(big.resolve("part-" + i), block);
    }

    Process child = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
            System.getProperty("java.class.path"), "-Xmx256m", CrashingCommitter.class.getName(),
            store.toString(), big.toString()))
        .redirectError(dir.resolve("child.err").toFile())
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertEquals("HOLDING", out.readLine(), "the child holds in the middle of its commit: "
          + Files.readString(dir.resolve("child.err")));
    }
    assertTrue(child.isAlive(), "the child is still committing when killed");
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
    child.waitFor(30, TimeUnit.SECONDS);

    try (MlOps mlops = MlOps.local(store)) {
      DatasetStore datasets = new DefaultDatasetStore(mlops.store(), Clock.systemUTC(), Optional.empty());
      assertEquals(before, datasets.resolve("d"), "the head still points to the previous version");
      assertTrue(mlops.inspector().verify().ok(), "every stored object matches its address");
      GarbageCollector gc = GarbageCollector.withRegisteredRoots(mlops.store(),
          Clock.fixed(Instant.now().plusSeconds(5), ZoneOffset.UTC));
      GcReport report = gc.collect(Duration.ZERO, false);
      assertTrue(report.collected() >= CrashingCommitter.HOLD_AT - 1,
          "the killed commit's chunks are collected: " + report);
      assertEquals(2, report.reachable(), "the previous version's chunk and manifest stay");
      datasets.checkout("d", dir.resolve("out"));
      assertEquals("first version", Files.readString(dir.resolve("out/small/a.txt")));
      assertEquals(0, gc.collect(Duration.ZERO, true).collected(), "nothing left to collect");
    }
  }
}
