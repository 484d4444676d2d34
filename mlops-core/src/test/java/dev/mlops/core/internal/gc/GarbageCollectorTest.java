package dev.mlops.core.internal.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.GcReport;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.dataset.DefaultDatasetStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
  @TempDir Path dir;

  @Test
  @DisplayName("unreferenced objects older than the grace period go, referenced and young ones stay; dry run deletes nothing")
  void sweepsOnlyOldUnreferencedObjects() throws Exception {
    try (ObjectStore store = InMemoryObjectStore.create()) {
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      Path src = Files.writeString(dir.resolve("a.txt"), "kept content");
      datasets.commit(CommitRequest.builder().dataset("d").add("a.txt", src).build());
      byte[] orphan = "left by a crashed writer".getBytes(StandardCharsets.UTF_8);
      String orphanKey = ContentKeys.keyOf(MessageDigest.getInstance("SHA-256").digest(orphan));
      store.putIfAbsent(orphanKey, orphan);

      Clock now = Clock.fixed(Instant.now().plusSeconds(10), ZoneOffset.UTC);
      GarbageCollector gc = GarbageCollector.withRegisteredRoots(store, now);
      GcReport young = gc.collect(GarbageCollector.DEFAULT_GRACE, false);
      assertEquals(new GcReport(false, 2, 1, 0, 0, 0, 0), young, "chunk + manifest reachable, the orphan is young");

      GcReport dry = gc.collect(Duration.ZERO, true);
      assertEquals(new GcReport(true, 2, 0, 1, orphan.length, 0, 0), dry);
      assertTrue(store.stat(orphanKey).isPresent(), "a dry run deletes nothing");

      GcReport real = gc.collect(Duration.ZERO, false);
      assertEquals(new GcReport(false, 2, 0, 1, orphan.length, 0, 0), real);
      assertTrue(store.stat(orphanKey).isEmpty());
      try (InputStream in = datasets.open("d", "a.txt")) {
        assertEquals("kept content", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  @DisplayName("if a concern cannot mark its objects, nothing is deleted")
  void failedMarkDeletesNothing() {
    try (ObjectStore store = InMemoryObjectStore.create()) {
      store.putIfAbsent(ContentKeys.keyOf(new byte[32]), new byte[] {1});
      GcRoots broken = new GcRoots() {
        @Override
        public String name() {
          return "broken";
        }

        @Override
        public List<String> areas() {
          return List.of();
        }

        @Override
        public void mark(GcScope scope, GcMarks marks) {
          throw new IllegalStateException("manifest missing");
        }
      };
      GarbageCollector gc = new GarbageCollector(store, List.of(broken),
          Clock.fixed(Instant.now().plusSeconds(60), ZoneOffset.UTC));
      MlOpsException e = assertThrows(MlOpsException.class, () -> gc.collect(Duration.ZERO, false));
      assertTrue(e.getMessage().contains("broken"), e.getMessage());
      assertTrue(store.stat(ContentKeys.keyOf(new byte[32])).isPresent());
    }
  }
}
