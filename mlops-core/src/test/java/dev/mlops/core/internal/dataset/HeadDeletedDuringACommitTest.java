package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ConflictException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.dataset.ViewRequest;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.ForwardingStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deleteHead} by another process while a commit to that head runs: the commit is told so
 * with a conflict that names the version it stored, never with an internal error.
 */
class HeadDeletedDuringACommitTest {
  @TempDir Path dir;

  /** Deletes a head right before a writer moves it: another process's deleteHead, every time. */
  private final ObjectStore store = new ForwardingStore(InMemoryObjectStore.create()) {
    @Override
    public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] bytes) {
      if (key.contains("/heads/") && !expected.isAbsent()) {
        real.delete(key);
      }
      return real.compareAndSet(key, expected, bytes);
    }
  };
  private final DatasetStore datasets =
      new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  @DisplayName("a commit whose head is deleted meanwhile is a conflict naming the stored version")
  void commit() throws Exception {
    datasets.commit(CommitRequest.builder().dataset("d")
        .add("a", Files.writeString(dir.resolve("a"), "first")).build());
    ConflictException e = assertThrows(ConflictException.class, () -> datasets.commit(
        CommitRequest.builder().dataset("d")
            .add("a", Files.writeString(dir.resolve("a"), "second")).build()));
    assertTrue(e.getMessage().contains("deleted d@main"), e.getMessage());
    try (InputStream in = datasets.open("d@" + storedVersion(e), "a")) {
      assertEquals("second", new String(in.readAllBytes()), "the version is kept, by its id");
    }
  }

  @Test
  @DisplayName("a view whose head is deleted meanwhile is a conflict naming the stored version")
  void view() throws Exception {
    Path csv = Files.writeString(dir.resolve("t.csv"), "x,y\n1,2\n3,4\n");
    datasets.commit(CommitRequest.builder().dataset("d")
        .addTable("t", new TableSource.FromCsv(csv, Optional.empty())).build());
    datasets.commitView(ViewRequest.builder().dataset("v").from("d").columns(List.of("x")).build());
    ConflictException e = assertThrows(ConflictException.class, () -> datasets.commitView(
        ViewRequest.builder().dataset("v").from("d").columns(List.of("y")).build()));
    assertTrue(e.getMessage().contains("deleted v@main"), e.getMessage());
    assertEquals(List.of("t"), datasets.resolve("v@" + storedVersion(e)).files().stream()
        .map(f -> f.path()).toList());
  }

  private static String storedVersion(ConflictException e) {
    return e.getMessage().replaceAll("(?s).*stored as version ([0-9a-f]+).*", "$1");
  }
}
