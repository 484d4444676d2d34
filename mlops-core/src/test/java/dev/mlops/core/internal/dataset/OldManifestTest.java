package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ChunkRef;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A store written by commit eaf4d27 (before sketches were stored): 1,000 rows of id, temp, city
 * committed from CSV as weather@v1. Its version must keep reading, keep its id, and serve as a
 * drift reference.
 */
class OldManifestTest {
  private static final String ID = "a87e18058892ff87a2294c508375eeaed6c6c6598930465d207a0abe9e613e08";

  private ObjectStore store;
  private DatasetStore datasets;

  @BeforeEach
  void load() throws Exception {
    store = InMemoryObjectStore.create();
    Path root = Path.of(getClass().getResource("/dataset/store-written-by-eaf4d27").toURI());
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        store.putIfAbsent(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  @DisplayName("an old manifest reads, re-encodes to the same bytes (the same id), and its table streams")
  void oldVersionReads() throws Exception {
    DatasetFile table = datasets.resolve("weather@v1").files().get(0);
    assertEquals(ID, datasets.resolve("weather@v1").ref().versionId());
    assertEquals(1_000, table.rows().getAsLong());
    assertEquals(11, table.profiles().get("temp").quantiles().size(), "old manifests hold their quantiles");
    byte[] stored = store.get(new ChunkRef(ID, 0).key()).orElseThrow().bytes();
    assertArrayEquals(stored, ManifestCodec.encode(ManifestCodec.decode(stored, "old")));
    try (RootAllocator allocator = new RootAllocator();
        ArrowReader reader = datasets.openTable("weather@v1", "weather", allocator, List.of("city"))) {
      long rows = 0;
      while (reader.loadNextBatch()) {
        rows += reader.getVectorSchemaRoot().getRowCount();
      }
      assertEquals(1_000, rows);
    }
  }

  @Test
  @DisplayName("an old version without stored sketches becomes a drift reference: profiled once, then stored")
  void oldVersionIsADriftReference() {
    String key = TableSketches.key(datasets.resolve("weather@v1").files().get(0).sha256());
    assertFalse(store.stat(key).isPresent());
    ReferenceProfile profile = datasets.profile("weather@v1");
    assertEquals(List.of("id", "temp", "city"), profile.columns());
    assertEquals(1_000, profile.count("temp"));
    assertTrue(store.stat(key).isPresent());
  }
}
