package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a collection reclaims once a root is gone: exactly what only that root held. */
class GarbageCollectionTest {
  @TempDir Path dir;
  private final InMemoryObjectStore store = InMemoryObjectStore.create();

  @AfterEach
  void close() {
    store.close();
  }

  /** An SDK whose clock runs a day ahead, so that everything it wrote counts as old. */
  private MlOps dayAhead() {
    return MlOps.builder().store(store)
        .clock(Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC)).build();
  }

  private long count(String prefix) {
    try (Stream<ObjectInfo> keys = store.list(prefix)) {
      return keys.count();
    }
  }

  @Test
  @DisplayName("purging a run reclaims its own artifacts, metrics and heartbeat, and keeps what another run shares")
  void purgedRunIsReclaimed() throws Exception {
    Path unique = Files.writeString(dir.resolve("unique.bin"), "only run one has this");
    Path shared = Files.writeString(dir.resolve("shared.bin"), "both runs have this");
    try (MlOps mlops = dayAhead()) {
      String first;
      String second;
      try (Run run = mlops.experiments().start(RunSpec.builder().experiment("e").build())) {
        first = run.id();
        run.artifact("unique.bin", unique);
        run.artifact("shared.bin", shared);
        run.log("loss", 0.5);
      }
      try (Run run = mlops.experiments().start(RunSpec.builder().experiment("e").build())) {
        second = run.id();
        run.artifact("shared.bin", shared);
      }
      assertEquals(0, mlops.inspector().gc(Duration.ZERO, false).collected(), "both runs hold theirs");

      mlops.experiments().purge(first);
      assertTrue(mlops.experiments().run(first).isEmpty());
      assertEquals(0, count("logs/runs/" + first + "/"), "its metrics went with it");
      assertEquals(0, count("refs/heartbeats/" + first));
      GcReport report = mlops.inspector().gc(Duration.ZERO, false);
      assertEquals(1, report.collected(), "exactly the unique artifact");
      assertEquals(Files.size(unique), report.collectedBytes());
      try (InputStream in = mlops.experiments().openArtifact(second, "shared.bin")) {
        assertArrayEquals(Files.readAllBytes(shared), in.readAllBytes());
      }
      assertTrue(mlops.inspector().verify().ok());
      assertThrows(NotFoundException.class, () -> mlops.experiments().purge(first));
    }
  }

  @Test
  @DisplayName("deleting the last head and tag of a version reclaims its manifest, its own chunks and its record, and nothing its siblings hold")
  void unreachableVersionIsReclaimed() throws Exception {
    Path common = Files.writeString(dir.resolve("common.txt"), "in both versions");
    Path extra = Files.writeString(dir.resolve("extra.txt"), "only in the experiment");
    try (MlOps mlops = dayAhead()) {
      DatasetVersion main = mlops.datasets().commit(CommitRequest.builder().dataset("d")
          .add("common.txt", common).build());
      DatasetVersion exp = mlops.datasets().commit(CommitRequest.builder().dataset("d").head("exp")
          .add("common.txt", common).add("extra.txt", extra).build());
      mlops.datasets().tag("d@" + exp.ref().versionId(), "keep");

      mlops.datasets().deleteHead("d", "exp");
      assertEquals(0, mlops.inspector().gc(Duration.ZERO, false).collected(), "the tag holds it");

      mlops.datasets().deleteTag("d", "keep");
      GcReport report = mlops.inspector().gc(Duration.ZERO, false);
      assertEquals(2, report.collected(), "the experiment's manifest and its extra file's chunk");
      assertEquals(1, report.refs(), "the experiment's version record");
      assertThrows(NotFoundException.class, () -> mlops.datasets().resolve("d@" + exp.ref().versionId()));
      try (InputStream in = mlops.datasets().open("d@" + main.ref().versionId(), "common.txt")) {
        assertArrayEquals(Files.readAllBytes(common), in.readAllBytes());
      }
      assertTrue(mlops.inspector().verify().ok());
      assertThrows(NotFoundException.class, () -> mlops.datasets().deleteTag("d", "keep"));
    }
  }
}
