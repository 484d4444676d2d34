package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.CommitResult;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.storage.ForwardingObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identical content is not a new version: a commit that repeats the head makes none. */
class UnchangedCommitTest {
  @TempDir Path dir;
  private final List<String> writes = new ArrayList<>();
  private ObjectStore store;
  private DatasetStore datasets;

  @BeforeEach
  void open() {
    store = new ForwardingObjectStore(InMemoryObjectStore.create()) {
      @Override
      public boolean putIfAbsent(String key, InputStream content) {
        writes.add("put " + key);
        return super.putIfAbsent(key, content);
      }

      @Override
      public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content) {
        writes.add("cas " + key);
        return super.compareAndSet(key, expected, content);
      }

      @Override
      public boolean delete(String key) {
        writes.add("delete " + key);
        return super.delete(key);
      }
    };
    datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** A file last modified an hour ago, so the stat cache trusts it once it was hashed. */
  private Path settled(String name, String content) throws IOException {
    Path file = dir.resolve("src").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
    return file;
  }

  private CommitResult commitSrc(CommitRequest.Builder request) {
    return datasets.commitWithStats(request.dataset("d").add("raw", dir.resolve("src")).build());
  }

  private List<String> keys() {
    try (Stream<ObjectInfo> all = store.list("")) {
      return all.map(ObjectInfo::key).toList();
    }
  }

  @Test
  @DisplayName("a re-commit the stat cache vouches for returns the head's version and writes nothing at all")
  void unchangedByStatCacheWritesNothing() throws IOException {
    settled("a.csv", "x\n1\n");
    settled("sub/b.bin", "bee");
    CommitResult first = commitSrc(CommitRequest.builder().message("first"));
    assertFalse(first.unchanged());
    writes.clear();

    CommitResult again = commitSrc(CommitRequest.builder().message("a new message changes nothing"));

    assertTrue(again.unchanged());
    assertEquals(first.version(), again.version(), "the head's version, as it was");
    assertEquals(List.of(), writes, "no lease, chunk, manifest, record or head write");
    assertEquals(2, again.filesFromCache());
    assertEquals(0, again.filesHashed());
    assertEquals(first.version(), datasets.resolve("d"));
  }

  @Test
  @DisplayName("a re-commit of touched but identical files reads them, then stores no manifest and moves no head")
  void unchangedAfterReadingStoresNoVersion() throws IOException {
    settled("a.csv", "x\n1\n");
    CommitResult first = commitSrc(CommitRequest.builder());
    Files.setLastModifiedTime(dir.resolve("src/a.csv"), FileTime.from(Instant.now()));
    List<String> before = keys();
    writes.clear();

    CommitResult again = commitSrc(CommitRequest.builder());

    assertTrue(again.unchanged());
    assertEquals(1, again.filesHashed(), "the stat cache could not vouch for it: it was read");
    assertEquals(first.version(), again.version());
    assertEquals(0, again.newBytes());
    assertEquals(before, keys(), "nothing new in the store (the write's lease came and went)");
    assertTrue(writes.stream().noneMatch(w -> w.startsWith("cas ") || w.contains("/versions/")
        || w.startsWith("put objects/")), writes.toString());
  }

  @Test
  @DisplayName("allowEmpty commits identical content as a new version on top of the head")
  void allowEmptyMakesAVersion() throws IOException {
    settled("a", "1");
    CommitResult first = commitSrc(CommitRequest.builder());
    CommitResult empty = commitSrc(CommitRequest.builder().allowEmpty(true).message("again"));
    assertFalse(empty.unchanged());
    assertEquals(Optional.of(first.version().ref().versionId()), empty.version().parentId());
    assertEquals(empty.version(), datasets.resolve("d"));
  }

  @Test
  @DisplayName("changed bytes, an added file, a removed path or new lineage each make a new version")
  void anyRealChangeIsAVersion() throws IOException {
    settled("a", "1");
    CommitResult first = commitSrc(CommitRequest.builder());
    settled("a", "2");
    CommitResult changed = commitSrc(CommitRequest.builder());
    assertFalse(changed.unchanged());
    settled("b", "new file");
    assertFalse(commitSrc(CommitRequest.builder()).unchanged());
    Path extra = Files.writeString(dir.resolve("extra"), "x");
    assertFalse(datasets.commitWithStats(CommitRequest.builder().dataset("d").add("docs", extra).build())
        .unchanged());
    assertFalse(datasets.commitWithStats(CommitRequest.builder().dataset("d").remove("docs").build())
        .unchanged());
    assertFalse(commitSrc(CommitRequest.builder().derivedFrom(first.version().ref())).unchanged(),
        "the same files with lineage the head does not have");
    assertEquals(6, datasets.history("d").count());
  }

  @Test
  @DisplayName("a CSV table committed again unchanged is no new version; the same bytes as a plain file are")
  void tables() throws IOException {
    Path csv = settled("t.csv", "city,temp\nOslo,-3\nRome,18\n");
    TableSource source = new TableSource.FromCsv(csv, Optional.empty());
    CommitResult first = datasets.commitWithStats(CommitRequest.builder().dataset("t")
        .addTable("t.csv", source).build());
    writes.clear();
    CommitResult again = datasets.commitWithStats(CommitRequest.builder().dataset("t")
        .addTable("t.csv", source).build());
    assertTrue(again.unchanged());
    assertEquals(first.version(), again.version());
    assertEquals(List.of(), writes);

    CommitResult paranoid = datasets.commitWithStats(CommitRequest.builder().dataset("t")
        .addTable("t.csv", source).paranoid(true).build());
    assertTrue(paranoid.unchanged(), "read and profiled again, still the same table");
    assertEquals(1, paranoid.filesHashed());

    CommitResult plain = datasets.commitWithStats(CommitRequest.builder().dataset("t").add("t.csv", csv).build());
    assertFalse(plain.unchanged(), "a table became a plain file");
  }
}
