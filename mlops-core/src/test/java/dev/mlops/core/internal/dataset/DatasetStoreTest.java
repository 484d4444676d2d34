package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ConflictException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.MlOpsException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetDiff;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.dataset.FileChange;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ChunkerProperties;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStoreTest {
  @TempDir Path dir;
  private ObjectStore store;
  private DatasetStore datasets;

  @BeforeEach
  void open() {
    store = InMemoryObjectStore.create();
    datasets = new DefaultDatasetStore(store,
        Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), Optional.empty());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Path write(String relative, String content) throws IOException {
    Path file = dir.resolve("src").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private DatasetVersion commit(String message) {
    return datasets.commit(CommitRequest.builder().dataset("weather").add("raw", dir.resolve("src"))
        .message(message).author("ada").build());
  }

  @Test
  @DisplayName("a committed directory checks out byte for byte and resolves by head, tag, prefix and ~N")
  void commitCheckoutResolve() throws IOException {
    write("a.csv", "x,y\n1,2\n");
    write("sub/b.bin", "bee");
    DatasetVersion v1 = commit("first");
    write("a.csv", "x,y\n1,2\n3,4\n");
    DatasetVersion v2 = commit("second");

    assertEquals(List.of("raw/a.csv", "raw/sub/b.bin"), v2.files().stream().map(f -> f.path()).toList());
    assertEquals(Optional.of(v1.ref().versionId()), v2.parentId());
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), v2.createdAt());
    assertEquals(v2, datasets.resolve("weather"));
    assertEquals(v2, datasets.resolve("weather@main"));
    assertEquals(v1, datasets.resolve("weather@main~1"));
    assertEquals(v1, datasets.resolve("weather@" + v1.ref().versionId().substring(0, 10)));
    datasets.tag("weather@main~1", "v1");
    assertEquals(v1, datasets.resolve("weather@v1"));
    assertEquals(List.of("weather"), datasets.datasets());
    try (var history = datasets.history("weather")) {
      assertEquals(List.of("second", "first"), history.map(DatasetVersion::message).toList());
    }

    datasets.checkout("weather@v1", dir.resolve("out"));
    assertEquals("x,y\n1,2\n", Files.readString(dir.resolve("out/raw/a.csv")));
    assertEquals("bee", Files.readString(dir.resolve("out/raw/sub/b.bin")));
    datasets.checkout("weather", dir.resolve("out2"), List.of("raw/sub"));
    assertFalse(Files.exists(dir.resolve("out2/raw/a.csv")), "only the asked subset is written");
    assertTrue(Files.exists(dir.resolve("out2/raw/sub/b.bin")));
    try (InputStream in = datasets.open("weather", "raw/a.csv")) {
      assertEquals("x,y\n1,2\n3,4\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  @DisplayName("diff lists added, removed and modified files with their sizes")
  void diffWithSizes() throws IOException {
    write("keep", "same");
    write("change", "12345");
    write("drop", "gone");
    commit("a");
    write("change", "1234567");
    Files.delete(dir.resolve("src/drop"));
    write("new", "n");
    commit("b");

    DatasetDiff diff = datasets.diff("weather~1", "weather");
    assertEquals(List.of("raw/new"), diff.added());
    assertEquals(List.of("raw/drop"), diff.removed());
    assertEquals(List.of("raw/change"), diff.modified());
    assertEquals(1, diff.unchanged());
    assertEquals(List.of(
        new FileChange("raw/change", OptionalLong.of(5), OptionalLong.of(7)),
        new FileChange("raw/drop", OptionalLong.of(4), OptionalLong.empty()),
        new FileChange("raw/new", OptionalLong.empty(), OptionalLong.of(1))), diff.changes());
  }

  @Test
  @DisplayName("identical content, parent, message and author give the identical id, even in another store")
  void identicalContentIdenticalId() throws IOException {
    write("a", "alpha");
    DatasetVersion first = commit("m");
    try (ObjectStore other = InMemoryObjectStore.create()) {
      DatasetStore again = new DefaultDatasetStore(other, Clock.systemUTC(), Optional.empty());
      DatasetVersion second = again.commit(CommitRequest.builder().dataset("copy")
          .add("raw", dir.resolve("src")).message("m").author("ada").build());
      assertEquals(first.ref().versionId(), second.ref().versionId());
    }
  }

  @Test
  @DisplayName("tags never move, and unknown names fail with not-found errors that say what exists")
  void tagsAndErrors() throws IOException {
    write("a", "1");
    commit("one");
    datasets.tag("weather", "t");
    datasets.tag("weather", "t"); // the same target again is fine
    write("a", "2");
    commit("two");
    ConflictException moved = assertThrows(ConflictException.class, () -> datasets.tag("weather", "t"));
    assertTrue(moved.getMessage().contains("tags never move"), moved.getMessage());
    assertThrows(ConflictException.class, () -> datasets.tag("weather", "main"));
    NotFoundException noDataset = assertThrows(NotFoundException.class, () -> datasets.resolve("nope"));
    assertTrue(noDataset.getMessage().contains("No dataset named 'nope'"), noDataset.getMessage());
    assertThrows(NotFoundException.class, () -> datasets.resolve("weather@nosuchhead"));
    assertThrows(NotFoundException.class, () -> datasets.resolve("weather~5"));
    assertThrows(NotFoundException.class, () -> datasets.open("weather", "raw/zzz"));
    assertThrows(NotFoundException.class, () -> datasets.checkout("weather", dir.resolve("o"), List.of("x")));
    assertThrows(InvalidNameException.class, () -> datasets.resolve("../etc@main"));
    assertThrows(InvalidNameException.class, () -> datasets.tag("weather", "bad/tag"));
    assertThrows(InvalidNameException.class, () -> CommitRequest.builder().dataset("with space"));
    assertThrows(InvalidNameException.class, () -> CommitRequest.builder().add("../up", dir));
  }

  @Test
  @DisplayName("missing sources and symbolic links leading outside the tree are refused before anything moves")
  void badSources() throws IOException {
    write("a", "1");
    Path outside = Files.writeString(dir.resolve("secret"), "do not read");
    Files.createSymbolicLink(dir.resolve("src/link"), outside);
    MlOpsException outsideLink = assertThrows(MlOpsException.class, () -> commit("x"));
    assertTrue(outsideLink.getMessage().contains("outside the directory"), outsideLink.getMessage());
    Files.delete(dir.resolve("src/link"));
    Files.createSymbolicLink(dir.resolve("src/inside"), dir.resolve("src/a"));
    DatasetVersion ok = commit("links inside are followed");
    assertEquals(List.of("raw/a", "raw/inside"), ok.files().stream().map(f -> f.path()).toList());
    assertThrows(NotFoundException.class, () -> datasets.commit(CommitRequest.builder()
        .dataset("weather").add("x", dir.resolve("missing")).build()));
    assertEquals(ok, datasets.resolve("weather"), "failed commits leave the head alone");
  }

  @Test
  @DisplayName("empty files and large multi-chunk files round-trip")
  void emptyAndLarge() throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.write(src.resolve("empty"), new byte[0]);
    byte[] big = ChunkerProperties.random(3, 300_000);
    Files.write(src.resolve("big"), big);
    DatasetVersion v = datasets.commit(CommitRequest.builder().dataset("d").add("f", src)
        .averageChunkSize(4096).build());
    assertEquals(300_000, v.size());
    datasets.checkout("d", dir.resolve("out"));
    assertArrayEquals(big, Files.readAllBytes(dir.resolve("out/f/big")));
    assertEquals(0, Files.size(dir.resolve("out/f/empty")));
  }

  @Test
  @DisplayName("a commit changes its parent: added paths replace their subtree, removed ones go, the rest stays")
  void commitsApplyToTheParent() throws IOException {
    write("a", "1");
    commit("raw");
    Path extra = Files.writeString(dir.resolve("extra.txt"), "more");
    DatasetVersion withExtra = datasets.commit(CommitRequest.builder().dataset("weather")
        .add("docs/extra.txt", extra).build());
    assertEquals(List.of("docs/extra.txt", "raw/a"), withExtra.files().stream().map(f -> f.path()).toList());
    DatasetVersion removed = datasets.commit(CommitRequest.builder().dataset("weather")
        .remove("raw").build());
    assertEquals(List.of("docs/extra.txt"), removed.files().stream().map(f -> f.path()).toList());
    assertThrows(IllegalArgumentException.class, () -> datasets.commit(CommitRequest.builder()
        .dataset("weather").add("docs/extra.txt/x", extra).build()), "a file cannot become a directory");
  }

  @Test
  @DisplayName("MlOps.datasets() works on any store the SDK opens")
  void wiredIntoMlOps() throws IOException {
    write("a", "1");
    try (var mlops = dev.mlops.core.MlOps.open(java.net.URI.create("mem:datasets-" + java.util.UUID.randomUUID()))) {
      DatasetVersion v = mlops.datasets().commit(CommitRequest.builder().dataset("d")
          .add("raw", dir.resolve("src")).build());
      assertEquals(v, mlops.datasets().resolve("d@main"));
    }
  }

  @Test
  @DisplayName("lineage records the exact input versions and a transformation, and walks them transitively")
  void lineage() throws IOException {
    write("a", "raw");
    DatasetVersion raw = commit("raw");
    Path clean = Files.writeString(dir.resolve("clean.csv"), "cleaned");
    DatasetVersion cleaned = datasets.commit(CommitRequest.builder().dataset("clean")
        .add("clean.csv", clean).derivedFrom(raw.ref()).transformation("clean.py v3").build());
    Path feats = Files.writeString(dir.resolve("features.csv"), "features");
    DatasetVersion features = datasets.commit(CommitRequest.builder().dataset("features")
        .add("f.csv", feats).derivedFrom(cleaned.ref()).derivedFrom(raw.ref()).build());

    assertEquals(List.of(cleaned.ref(), raw.ref()), features.derivedFrom());
    assertEquals("clean.py v3", datasets.resolve("clean").transformation());
    assertEquals(List.of(cleaned, raw), datasets.lineage("features"), "each input once, nearest first");
    assertEquals(List.of(), datasets.lineage("weather"));
    assertThrows(NotFoundException.class, () -> datasets.commit(CommitRequest.builder().dataset("x")
        .add("f", feats).derivedFrom(new dev.mlops.api.dataset.DatasetRef("weather", "0".repeat(64))).build()),
        "an input that does not exist is refused");
  }
}
