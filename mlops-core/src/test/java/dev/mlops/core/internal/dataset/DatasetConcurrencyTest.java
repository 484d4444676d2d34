package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetConflictException;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.storage.ForwardingObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetConcurrencyTest {
  private static final int WRITERS = 6;
  private static final int COMMITS_EACH = 8;

  @TempDir Path dir;

  @Test
  @DisplayName("writers on one head that touch different paths are all rebased: no commit is lost")
  void disjointWritersAllLand() throws Exception {
    try (ObjectStore store = InMemoryObjectStore.create()) {
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      runWriters(i -> {
        String name = "w" + i + "-" + System.nanoTime();
        // New bytes each time: a commit that repeats the head's files makes no version.
        Path file = Files.writeString(dir.resolve(name), "content " + name);
        return CommitRequest.builder().dataset("d").add("writer" + i + "/file", file)
            .rebaseOnConflict(true).message("w" + i).build();
      }, datasets, new ConcurrentHashMap<>());
      DatasetVersion head = datasets.resolve("d");
      Set<String> paths = head.files().stream().map(DatasetFile::path).collect(Collectors.toSet());
      // Each writer's commit replaces only its own path relative to its parent, so the head holds
      // one file per writer, and history holds every commit.
      assertEquals(WRITERS, paths.size(), paths.toString());
      try (var history = datasets.history("d")) {
        assertEquals(WRITERS * COMMITS_EACH, history.count());
      }
    }
  }

  @Test
  @DisplayName("writers on one head that touch the same path: one wins each round, the others get both versions")
  void overlappingWritersConflict() throws Exception {
    try (ObjectStore memory = InMemoryObjectStore.create()) {
      // Every writer's first move of the head waits until all six have read it: so the first round
      // collides whatever the scheduling (the later rounds may or may not).
      CyclicBarrier allRead = new CyclicBarrier(WRITERS);
      ThreadLocal<Boolean> first = ThreadLocal.withInitial(() -> true);
      ObjectStore store = new ForwardingObjectStore(memory) {
        @Override
        public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content) {
          if (key.equals("refs/datasets/d/heads/main") && first.get()) {
            first.set(false);
            try {
              allRead.await();
            } catch (InterruptedException | BrokenBarrierException e) {
              throw new IllegalStateException(e);
            }
          }
          return super.compareAndSet(key, expected, content);
        }
      };
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      ConcurrentHashMap<String, DatasetConflictException> conflicts = new ConcurrentHashMap<>();
      List<DatasetVersion> landed = runWriters(i -> {
        Path file = Files.writeString(dir.resolve("s" + i + "-" + System.nanoTime()), "v" + System.nanoTime());
        return CommitRequest.builder().dataset("d").add("shared", file).rebaseOnConflict(true).build();
      }, datasets, conflicts);
      assertTrue(conflicts.size() >= WRITERS - 1, "the first round alone gives " + (WRITERS - 1)
          + " conflicts, got " + conflicts.size());
      for (DatasetConflictException e : conflicts.values()) {
        assertNotEquals(e.attempted().ref(), e.current().ref());
        assertEquals(Optional.of(dev.mlops.api.Remedy.REBASE_ON_CONFLICT), e.remedy(),
            "the CLI words this remedy as its --rebase flag");
        // The losing version is kept: it resolves by its id.
        assertEquals(e.attempted(), datasets.resolve("d@" + e.attempted().ref().versionId()));
      }
      try (var history = datasets.history("d")) {
        assertEquals(landed.size(), history.count(), "every successful commit is on the head's history");
      }
    }
  }

  interface RequestMaker {
    CommitRequest make(int writer) throws Exception;
  }

  private List<DatasetVersion> runWriters(RequestMaker maker, DatasetStore datasets,
      ConcurrentHashMap<String, DatasetConflictException> conflicts) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(WRITERS);
    List<DatasetVersion> landed = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      Thread t = new Thread(() -> {
        try {
          for (int c = 0; c < COMMITS_EACH; c++) {
            CommitRequest request = maker.make(writer);
            barrier.await();
            try {
              landed.add(datasets.commit(request));
            } catch (DatasetConflictException e) {
              conflicts.put(e.attempted().ref().versionId(), e);
            }
          }
        } catch (Throwable e) {
          failures.add(e);
          barrier.reset();
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join(60_000);
    }
    assertEquals(List.of(), failures);
    return landed;
  }
}
