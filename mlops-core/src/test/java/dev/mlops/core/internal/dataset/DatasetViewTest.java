package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.dataset.UnknownColumnException;
import dev.mlops.api.dataset.ViewRequest;
import dev.mlops.api.experiment.FilterSyntaxException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.gc.GarbageCollector;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetViewTest {
  private static final int ROWS = 3_000;

  @TempDir Path dir;
  private BufferAllocator allocator;
  private ObjectStore store;
  private DatasetStore datasets;

  @BeforeEach
  void open() throws Exception {
    allocator = new RootAllocator();
    store = InMemoryObjectStore.create();
    datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
    commitWeather();
  }

  @AfterEach
  void close() {
    store.close();
    allocator.close();
  }

  private static String day(int i) {
    return "d" + i;
  }

  /** temp = (i * 7) % 45 - 5, null every 50th row; city Oslo for even i, else Paris; rain when i % 3 == 0. */
  private static Double temp(int i) {
    return i % 50 == 0 ? null : (double) ((i * 7) % 45 - 5);
  }

  private void commitWeather() throws Exception {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(
        Field.nullable("date", ArrowType.Utf8.INSTANCE),
        Field.nullable("temp_max", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        Field.nullable("city", ArrowType.Utf8.INSTANCE), Field.nullable("rain", ArrowType.Bool.INSTANCE))), allocator)) {
      root.allocateNew();
      for (int i = 0; i < ROWS; i++) {
        ((VarCharVector) root.getVector("date")).setSafe(i, day(i).getBytes(StandardCharsets.UTF_8));
        if (temp(i) == null) {
          ((Float8Vector) root.getVector("temp_max")).setNull(i);
        } else {
          ((Float8Vector) root.getVector("temp_max")).setSafe(i, temp(i));
        }
        ((VarCharVector) root.getVector("city")).setSafe(i, (i % 2 == 0 ? "Oslo" : "Paris").getBytes(StandardCharsets.UTF_8));
        ((BitVector) root.getVector("rain")).setSafe(i, i % 3 == 0 ? 1 : 0);
      }
      root.setRowCount(ROWS);
      datasets.commit(CommitRequest.builder().dataset("weather").message("raw")
          .add("README.txt", Files.writeString(dir.resolve("README.txt"), "weather readings"))
          .addTable("data", new TableSource.FromRoot(root)).build());
      datasets.tag("weather", "v1");
    }
  }

  /** Reads a table's rows as strings "col=value|col=value". */
  private List<String> rows(String reference, String... expectColumns) throws Exception {
    try (ArrowReader reader = datasets.openTable(reference, "data", allocator)) {
      return rows(reader, expectColumns);
    }
  }

  private static List<String> rows(ArrowReader reader, String... expectColumns) throws Exception {
    List<String> out = new ArrayList<>();
    while (reader.loadNextBatch()) {
      VectorSchemaRoot batch = reader.getVectorSchemaRoot();
      assertEquals(List.of(expectColumns), batch.getSchema().getFields().stream().map(Field::getName).toList());
      for (int r = 0; r < batch.getRowCount(); r++) {
        StringBuilder row = new StringBuilder();
        for (String column : expectColumns) {
          Object value = batch.getVector(column).getObject(r);
          row.append(column).append('=').append(value == null ? "null" : value.toString()).append('|');
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  private static List<String> expected(java.util.function.IntPredicate keep) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      if (keep.test(i)) {
        out.add("date=" + day(i) + "|temp_max=" + temp(i) + "|");
      }
    }
    return out;
  }

  private static boolean hotInOslo(int i) {
    return temp(i) != null && temp(i) > 30 && i % 2 == 0;
  }

  @Test
  @DisplayName("a view keeps exactly the filtered rows of the projected columns, stores no rows, and records its base")
  void projectionAndFilter() throws Exception {
    long objectsBefore = count("objects/sha256/");
    DatasetVersion base = datasets.resolve("weather@v1");
    DatasetVersion view = datasets.commitView(ViewRequest.builder().dataset("hot").from("weather@v1")
        .columns(List.of("date", "temp_max")).where("temp_max > 30 and city = 'Oslo'").message("hot days").build());

    assertEquals(expected(DatasetViewTest::hotInOslo), rows("hot", "date", "temp_max"));
    assertEquals(1, count("objects/sha256/") - objectsBefore, "only the view's manifest was stored");
    assertEquals(base.ref(), view.view().orElseThrow().base());
    assertEquals(Optional.of("(temp_max > 30 and city = 'Oslo')"), view.view().get().where());
    assertEquals(List.of(base), datasets.lineage("hot"));

    DatasetFile table = view.files().stream().filter(DatasetFile::isTable).findFirst().orElseThrow();
    long kept = expected(DatasetViewTest::hotInOslo).size();
    assertEquals(kept, table.rows().getAsLong());
    assertEquals(kept, table.profiles().get("temp_max").count());
    assertEquals(List.of("date", "temp_max"), table.schema().orElseThrow().getFields().stream().map(Field::getName).toList());
    assertEquals(kept, datasets.profile("hot").count("temp_max"));

    // The plain file is the base's, byte for byte.
    try (InputStream in = datasets.open("hot", "README.txt")) {
      assertEquals("weather readings", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    // Checkout and open materialize the table as Arrow IPC.
    datasets.checkout("hot", dir.resolve("out"));
    try (ArrowReader reader = new ArrowStreamReader(Files.newInputStream(dir.resolve("out/data")), allocator)) {
      assertEquals(expected(DatasetViewTest::hotInOslo), rows(reader, "date", "temp_max"));
    }
    assertEquals(table.size(), Files.size(dir.resolve("out/data")));
    assertEquals(List.of("data"), datasets.diff("weather@v1", "hot").modified());
  }

  @Test
  @DisplayName("a comparison with null is unknown: neither the filter nor its negation keeps the row; 'is null' does")
  void nullsFollowThreeValuedLogic() throws Exception {
    datasets.commitView(ViewRequest.builder().dataset("a").from("weather").columns(List.of("date", "temp_max"))
        .where("temp_max > 30").build());
    datasets.commitView(ViewRequest.builder().dataset("b").from("weather").columns(List.of("date", "temp_max"))
        .where("not (temp_max > 30)").build());
    datasets.commitView(ViewRequest.builder().dataset("c").from("weather").columns(List.of("date", "temp_max"))
        .where("temp_max is null or rain = true and city != 'Oslo'").build());
    assertEquals(expected(i -> temp(i) != null && temp(i) > 30), rows("a", "date", "temp_max"));
    assertEquals(expected(i -> temp(i) != null && temp(i) <= 30), rows("b", "date", "temp_max"));
    assertEquals(expected(i -> temp(i) == null || i % 3 == 0 && i % 2 == 1), rows("c", "date", "temp_max"));
  }

  @Test
  @DisplayName("a view of a view applies both definitions")
  void viewOfAView() throws Exception {
    datasets.commitView(ViewRequest.builder().dataset("hot").from("weather@v1")
        .columns(List.of("date", "temp_max")).where("temp_max > 30 and city = 'Oslo'").build());
    DatasetVersion hotter = datasets.commitView(ViewRequest.builder().dataset("hotter").from("hot")
        .where("temp_max >= 37").build());
    assertEquals(expected(i -> hotInOslo(i) && temp(i) >= 37), rows("hotter", "date", "temp_max"));
    assertEquals(2, datasets.lineage("hotter").size(), "hot, then weather");
    assertThrows(UnknownColumnException.class, () -> datasets.commitView(ViewRequest.builder().dataset("x")
        .from("hot").columns(List.of("city")).build()), "hot has no city column");
  }

  @Test
  @DisplayName("unknown columns, mistyped literals and bad syntax fail clearly and commit nothing")
  void badDefinitions() {
    UnknownColumnException projected = assertThrows(UnknownColumnException.class, () -> datasets.commitView(
        ViewRequest.builder().dataset("bad").from("weather").columns(List.of("date", "wind")).build()));
    assertEquals("wind", projected.column());
    assertEquals(List.of("date", "temp_max", "city", "rain"), projected.available());
    UnknownColumnException filtered = assertThrows(UnknownColumnException.class, () -> datasets.commitView(
        ViewRequest.builder().dataset("bad").from("weather").where("humidity > 3").build()));
    assertEquals("humidity", filtered.column());
    IllegalArgumentException typed = assertThrows(IllegalArgumentException.class, () -> datasets.commitView(
        ViewRequest.builder().dataset("bad").from("weather").where("city > 3").build()));
    assertTrue(typed.getMessage().contains("'quoted' text"), typed.getMessage());
    FilterSyntaxException syntax = assertThrows(FilterSyntaxException.class, () -> datasets.commitView(
        ViewRequest.builder().dataset("bad").from("weather").where("temp_max > 30 and").build()));
    assertTrue(syntax.getMessage().contains("position 17") && syntax.getMessage().endsWith("^"), syntax.getMessage());
    assertFalse(datasets.datasets().contains("bad"));
  }

  @Test
  @DisplayName("the same view of the same base gives the same version id")
  void sameDefinitionSameId() {
    ViewRequest.Builder a = ViewRequest.builder().dataset("a").from("weather@v1").where("temp_max>30").author("me");
    ViewRequest.Builder b = ViewRequest.builder().dataset("b").from("weather").where("  TEMP_MAX > 30 ".replace("TEMP_MAX", "temp_max")).author("me");
    assertEquals(datasets.commitView(a.build()).ref().versionId(), datasets.commitView(b.build()).ref().versionId());
  }

  @Test
  @DisplayName("garbage collection keeps a view's base even when nothing else refers to it")
  void gcKeepsTheBase() throws Exception {
    datasets.commitView(ViewRequest.builder().dataset("hot").from("weather@v1")
        .columns(List.of("date", "temp_max")).where("temp_max > 30 and city = 'Oslo'").build());
    List<String> weatherRefs;
    try (Stream<ObjectInfo> refs = store.list(DatasetKeys.ROOT + "weather/")) {
      weatherRefs = refs.map(ObjectInfo::key).toList();
    }
    weatherRefs.forEach(store::delete); // only the view still names the base
    var report = new GarbageCollector(store, List.of(new DatasetGcRoots()),
        Clock.offset(Clock.systemUTC(), Duration.ofDays(2))).collect(Duration.ofHours(24), false);
    assertEquals(0, report.collected());
    assertEquals(expected(DatasetViewTest::hotInOslo), rows("hot", "date", "temp_max"));
  }

  @Test
  @DisplayName("a commit of files cannot extend a view's head")
  void commitOnAViewHeadIsRefused() throws Exception {
    datasets.commitView(ViewRequest.builder().dataset("hot").from("weather").where("temp_max > 30").build());
    MlOpsException e = assertThrows(MlOpsException.class, () -> datasets.commit(CommitRequest.builder().dataset("hot")
        .add("x.txt", Files.writeString(dir.resolve("x.txt"), "x")).build()));
    assertTrue(e.getMessage().contains("is a view"), e.getMessage());
  }

  private long count(String prefix) {
    try (Stream<ObjectInfo> objects = store.list(prefix)) {
      return objects.count();
    }
  }
}
