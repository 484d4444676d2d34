package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import dev.mlops.core.internal.gc.GarbageCollector;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TableSketchesTest {
  private static final ArrowType DOUBLE = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

  private BufferAllocator allocator;
  private ObjectStore store;
  private DatasetStore datasets;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
    store = InMemoryObjectStore.create();
    datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
  }

  @AfterEach
  void close() {
    store.close();
    allocator.close();
  }

  /** id 1..n, x = i/2 with every tenth null, city paris/oslo/rome/rome, flag i%3==0, empty all null, inf. */
  private String commit(String dataset, int n) {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(
        Field.nullable("id", new ArrowType.Int(64, true)), Field.nullable("x", DOUBLE),
        Field.nullable("city", ArrowType.Utf8.INSTANCE), Field.nullable("flag", ArrowType.Bool.INSTANCE),
        Field.nullable("empty", DOUBLE), Field.nullable("inf", DOUBLE))), allocator)) {
      root.allocateNew();
      for (int i = 0; i < n; i++) {
        ((BigIntVector) root.getVector("id")).setSafe(i, i + 1);
        if (i % 10 == 0) {
          ((Float8Vector) root.getVector("x")).setNull(i);
        } else {
          ((Float8Vector) root.getVector("x")).setSafe(i, i * 0.5);
        }
        String city = i % 4 == 0 ? "paris" : i % 4 == 1 ? "oslo" : "rome";
        ((VarCharVector) root.getVector("city")).setSafe(i, city.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ((BitVector) root.getVector("flag")).setSafe(i, i % 3 == 0 ? 1 : 0);
        ((Float8Vector) root.getVector("empty")).setNull(i);
        ((Float8Vector) root.getVector("inf")).setSafe(i, i == 0 ? Double.POSITIVE_INFINITY : i);
      }
      root.setRowCount(n);
      return datasets.commit(CommitRequest.builder().dataset(dataset).message("m").author("a")
          .addTable("data.arrow", new TableSource.FromRoot(root)).build()).ref().versionId();
    }
  }

  private String tableSha(String reference) {
    return datasets.resolve(reference).files().get(0).sha256();
  }

  @Test
  @DisplayName("a commit stores each column's sketch beside the manifest; the profile holds the data's exact counts")
  void sketchesStoredAtCommit() {
    commit("t", 10_000);
    assertTrue(store.stat(TableSketches.key(tableSha("t"))).isPresent());

    ReferenceProfile profile = datasets.profile("t");
    // Columns without values (empty) or with infinities (inf) have no sketch; the rest keep schema order.
    assertEquals(List.of("id", "x", "city", "flag"), profile.columns());
    assertEquals(Optional.of(ColumnType.NUMERIC), profile.type("id"));
    assertEquals(Optional.of(ColumnType.CATEGORICAL), profile.type("flag"));
    assertEquals(10_000, profile.count("id"));
    assertEquals(9_000, profile.count("x"), "every tenth x is null");
    SketchProfile sketches = (SketchProfile) profile;
    // Category counts of the fixed data, counted by hand: i%4==0 -> 2,500 paris, ==1 -> 2,500 oslo,
    // else 5,000 rome; i%3==0 holds for 3,334 of 0..9999.
    assertEquals(Map.of("paris", 2_500L, "oslo", 2_500L, "rome", 5_000L),
        sketches.categorical("city").counts());
    assertEquals(Map.of("true", 3_334L, "false", 6_666L), sketches.categorical("flag").counts());
    // The median of 1..10000 is 5000.5; the KLL rank error at k = 200 is 1.1%, i.e. 110 ranks.
    assertEquals(5000.5, sketches.numeric("id").quantile(0.5), 200);
    assertEquals(Math.sqrt((10_000.0 * 10_000.0 - 1) / 12), sketches.numeric("id").std(), 1e-6,
        "exact population std of 1..n, sqrt((n^2-1)/12)");
  }

  @Test
  @DisplayName("the same table committed twice gives the same version id")
  void sameTableSameId() {
    String a = commit("a", 50_000);
    String b = commit("b", 50_000);
    assertEquals(a, b);
    // The estimated quantiles are not in the manifest; reading the version fills them in from the sketch.
    DatasetFile file = datasets.resolve("a").files().get(0);
    assertEquals(25_000.5, file.profiles().get("id").quantiles().get(0.5), 1_000);
    assertEquals(11, file.profiles().get("id").quantiles().size());
  }

  @Test
  @DisplayName("a version whose sketches are missing (committed by an older build) is profiled from its data once")
  void oldVersionWithoutSketches() {
    commit("t", 2_000);
    String key = TableSketches.key(tableSha("t"));
    store.delete(key);
    assertEquals(2_000, datasets.resolve("t").files().get(0).rows().getAsLong(), "the version still reads");

    ReferenceProfile rebuilt = datasets.profile("t");
    assertEquals(List.of("id", "x", "city", "flag"), rebuilt.columns());
    assertEquals(1_800, rebuilt.count("x"));
    assertTrue(store.stat(key).isPresent(), "the rebuilt sketches are stored");
  }

  @Test
  @DisplayName("damaged or misplaced sketches block nothing: the version reads, verify lists them,"
      + " and reading the profile rebuilds and replaces them")
  void damagedSketches() {
    commit("t", 1_000);
    String sha = tableSha("t");
    String key = TableSketches.key(sha);
    ReferenceProfile intact = datasets.profile("t");
    byte[] bytes = store.get(key).orElseThrow().bytes();
    bytes[bytes.length - 20] ^= 1;
    replace(key, bytes);
    assertDegradesAndHeals(key, intact);

    replace(key, TableSketches.encode("0".repeat(64), SketchProfile.of(200, Map.of())));
    assertDegradesAndHeals(key, intact);
  }

  private void assertDegradesAndHeals(String key, ReferenceProfile intact) {
    DatasetFile file = datasets.resolve("t").files().get(0);
    assertEquals(1_000, file.rows().getAsLong(), "the version reads");
    assertTrue(file.profiles().get("id").quantiles().isEmpty(), "estimated quantiles: not available");
    try (MlOps mlops = MlOps.builder().store(store).build()) {
      assertEquals(List.of(key), mlops.inspector().verify().corrupt(),
          "store verify lists the damaged sketches");
    }

    ReferenceProfile rebuilt = datasets.profile("t");
    assertEquals(intact.columns(), rebuilt.columns());
    assertEquals(intact.count("x"), rebuilt.count("x"));
    try (MlOps mlops = MlOps.builder().store(store).build()) {
      assertTrue(mlops.inspector().verify().ok(), "the rebuilt sketches replaced the damaged ones");
    }
    assertEquals(11, datasets.resolve("t").files().get(0).profiles().get("id").quantiles().size());
  }

  @Test
  @DisplayName("sketches written by DataSketches (older builds) read as not available, pass verify, and are"
      + " rebuilt by the first profile read")
  void oldFormatSketchesAreRebuilt() throws java.io.IOException {
    commit("t", 1_000);
    String sha = tableSha("t");
    String key = TableSketches.key(sha);
    ReferenceProfile intact = datasets.profile("t");
    byte[] old;
    try (var in = SketchProfile.class.getResourceAsStream("datasketches-profile-v1.bin")) {
      old = in.readAllBytes(); // a profile the previous build wrote; see OldProfileFormatTest
    }
    byte[] header = ("MLTS " + sha + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] object = java.util.Arrays.copyOf(header, header.length + old.length);
    System.arraycopy(old, 0, object, header.length, old.length);
    replace(key, object);

    DatasetFile file = datasets.resolve("t").files().get(0);
    assertTrue(file.profiles().get("id").quantiles().isEmpty(), "estimated quantiles: not available");
    try (MlOps mlops = MlOps.builder().store(store).build()) {
      var report = mlops.inspector().verify();
      assertTrue(report.ok(), "intact, only old: not corrupt " + report.corrupt());
    }
    ReferenceProfile rebuilt = datasets.profile("t");
    assertEquals(intact.columns(), rebuilt.columns());
    assertArrayEquals(TableSketches.encode(sha, (SketchProfile) intact), store.get(key).orElseThrow().bytes(),
        "replaced by the same bytes the commit wrote: the sketches are deterministic");
    assertEquals(11, datasets.resolve("t").files().get(0).profiles().get("id").quantiles().size());
  }

  private void replace(String key, byte[] bytes) {
    store.delete(key);
    store.putIfAbsent(key, bytes);
  }

  @Test
  @DisplayName("store verify passes intact sketches")
  void verifyPassesIntactSketches() {
    commit("t", 1_000);
    try (MlOps mlops = MlOps.builder().store(store).build()) {
      var report = mlops.inspector().verify();
      assertTrue(report.ok(), report.corrupt().toString());
      // the table's content object, the manifest's, and the sketches
      assertTrue(report.objects() >= 3, "objects checked: " + report.objects());
    }
  }

  @Test
  @DisplayName("garbage collection keeps the sketches of reachable tables and removes stray ones")
  void gcKeepsSketches() {
    commit("t", 1_000);
    String key = TableSketches.key(tableSha("t"));
    String stray = TableSketches.key("f".repeat(64));
    store.putIfAbsent(stray, new byte[] {1, 2, 3});
    new GarbageCollector(store, List.of(new DatasetGcRoots()), Clock.offset(Clock.systemUTC(), Duration.ofDays(2)))
        .collect(Duration.ofHours(24), false);
    assertTrue(store.stat(key).isPresent());
    assertFalse(store.stat(stray).isPresent());
  }

  @Test
  @DisplayName("stored sketch bytes read back to the same bytes")
  void encodeReadRoundTrip() {
    commit("t", 3_000);
    String sha = tableSha("t");
    SketchProfile read = TableSketches.read(store, sha, "t").orElseThrow();
    assertArrayEquals(store.get(TableSketches.key(sha)).orElseThrow().bytes(), TableSketches.encode(sha, read));
  }
}
