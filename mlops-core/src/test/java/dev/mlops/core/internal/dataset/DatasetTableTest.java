package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.CommitResult;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableChange;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTableTest {
  @TempDir Path dir;
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
    allocator.close(); // throws if any buffer leaked
  }

  @Test
  @DisplayName("a VectorSchemaRoot round-trips through Arrow IPC with exact profiles, and columns can be selected")
  void rootRoundTripWithProfiles() throws IOException {
    int n = 10_000;
    try (VectorSchemaRoot root = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(List.of(
        org.apache.arrow.vector.types.pojo.Field.nullable("id", new ArrowType.Int(64, true)),
        org.apache.arrow.vector.types.pojo.Field.nullable("x", new ArrowType.FloatingPoint(
            org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)),
        org.apache.arrow.vector.types.pojo.Field.nullable("city", ArrowType.Utf8.INSTANCE))), allocator)) {
      BigIntVector id = (BigIntVector) root.getVector("id");
      Float8Vector x = (Float8Vector) root.getVector("x");
      VarCharVector city = (VarCharVector) root.getVector("city");
      root.allocateNew();
      for (int i = 0; i < n; i++) {
        id.setSafe(i, i + 1);
        if (i % 10 == 0) {
          x.setNull(i);
        } else {
          x.setSafe(i, i * 0.5);
        }
        city.setSafe(i, (i % 4 == 0 ? "paris" : i % 4 == 1 ? "oslo" : "rome").getBytes());
      }
      root.setRowCount(n);
      datasets.commit(CommitRequest.builder().dataset("t").addTable("data.arrow", new TableSource.FromRoot(root)).build());
    }

    DatasetFile file = datasets.resolve("t").files().get(0);
    assertTrue(file.isTable());
    assertEquals(n, file.rows().getAsLong());
    ColumnProfile idProfile = file.profiles().get("id");
    // Reference values for 1..10000: min 1, max 10000, mean 5000.5, population std
    // sqrt((n^2 - 1) / 12) = 2886.7513315... (closed form for a discrete uniform sequence).
    assertEquals(1, idProfile.min().getAsDouble());
    assertEquals(10_000, idProfile.max().getAsDouble());
    assertEquals(5000.5, idProfile.mean().getAsDouble(), 1e-9);
    assertEquals(Math.sqrt((10_000.0 * 10_000.0 - 1) / 12), idProfile.std().getAsDouble(), 1e-6);
    // KLL with k=200 has a normalized rank error of about 1.3%: the median lies in 5000 +- 200.
    assertEquals(5000, idProfile.quantiles().get(0.5), 200);
    ColumnProfile xProfile = file.profiles().get("x");
    assertEquals(1000, xProfile.nulls(), "every tenth x is null");
    assertEquals(9000, xProfile.count());
    ColumnProfile cityProfile = file.profiles().get("city");
    assertEquals("rome", cityProfile.frequentItems().get(0).value());
    assertEquals(5000, cityProfile.frequentItems().get(0).estimate());

    try (ArrowReader reader = datasets.openTable("t", "data.arrow", allocator, List.of("city", "id"))) {
      long rows = 0;
      long idSum = 0;
      while (reader.loadNextBatch()) {
        VectorSchemaRoot batch = reader.getVectorSchemaRoot();
        assertEquals(List.of("city", "id"), batch.getSchema().getFields().stream().map(f -> f.getName()).toList());
        BigIntVector ids = (BigIntVector) batch.getVector("id");
        for (int i = 0; i < batch.getRowCount(); i++) {
          idSum += ids.get(i);
        }
        rows += batch.getRowCount();
      }
      assertEquals(n, rows);
      assertEquals(50_005_000L, idSum, "sum 1..10000 = n(n+1)/2");
    }
    assertThrows(NotFoundException.class, () -> {
      try (ArrowReader r = datasets.openTable("t", "data.arrow", allocator, List.of("nope"))) {
        r.loadNextBatch();
      }
    });
  }

  @Test
  @DisplayName("CSV with an inferred schema becomes a table; appending rows stores only the last batches again")
  void csvInferredAndAppend() throws IOException {
    Path csv = dir.resolve("data.csv");
    StringBuilder text = new StringBuilder("id,score,name,ok\n");
    for (int i = 0; i < 150_000; i++) {
      text.append(i).append(',').append(i * 0.25).append(",\"n, ").append(i % 7).append("\",")
          .append(i % 2 == 0).append('\n');
    }
    Files.writeString(csv, text);
    CommitResult first = datasets.commitWithStats(CommitRequest.builder().dataset("c")
        .addTable("data", new TableSource.FromCsv(csv, Optional.empty())).averageChunkSize(64 * 1024).build());
    DatasetFile table = first.version().files().get(0);
    assertEquals(150_000, table.rows().getAsLong());
    assertEquals(List.of("Int(64, true)", "FloatingPoint(DOUBLE)", "Utf8", "Bool"),
        table.schema().orElseThrow().getFields().stream().map(f -> f.getType().toString()).toList());

    Files.writeString(csv, "150000,1.5,\"n, 1\",true\n", java.nio.file.StandardOpenOption.APPEND);
    CommitResult appended = datasets.commitWithStats(CommitRequest.builder().dataset("c")
        .addTable("data", new TableSource.FromCsv(csv, Optional.empty())).averageChunkSize(64 * 1024).build());
    long size = appended.version().files().get(0).size();
    // The first two 65,536-row batches are unchanged; only the last batch (and the stream's end)
    // is new, so well under half of the table is stored again.
    assertTrue(appended.newBytes() < size / 2, appended.newBytes() + " new of " + size);

    TableChange change = datasets.diff("c~1", "c").tables().get(0);
    assertEquals(150_000, change.fromRows().getAsLong());
    assertEquals(150_001, change.toRows().getAsLong());
    assertEquals(List.of(), change.addedColumns());
  }

  @Test
  @DisplayName("true and false in any case make a boolean column (pandas writes True/False, spreadsheets TRUE/FALSE)")
  void csvBooleansInAnyCase() throws IOException {
    Path csv = Files.writeString(dir.resolve("flags.csv"),
        "pandas,sheet,mixed,text\nTrue,TRUE,true,yes\nFalse,FALSE,False,no\n,TRUE,FALSE,\n");
    DatasetFile table = datasets.commit(CommitRequest.builder().dataset("b")
        .addTable("flags", new TableSource.FromCsv(csv, Optional.empty())).build()).files().get(0);
    assertEquals(List.of("Bool", "Bool", "Bool", "Utf8"),
        table.schema().orElseThrow().getFields().stream().map(f -> f.getType().toString()).toList());
    try (ArrowReader reader = datasets.openTable("b", "flags", allocator)) {
      assertTrue(reader.loadNextBatch());
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertEquals(List.of(true, false), List.of(root.getVector("pandas").getObject(0),
          root.getVector("pandas").getObject(1)));
      assertTrue(root.getVector("pandas").isNull(2), "an empty cell is null");
      assertEquals(List.of(true, false, false), List.of(root.getVector("mixed").getObject(0),
          root.getVector("mixed").getObject(1), root.getVector("mixed").getObject(2)));
    }
    // categories are spelled one way whatever the file's spelling, so drift compares like with like
    var sketches = (dev.mlops.core.internal.drift.profile.SketchProfile) datasets.profile("b");
    assertEquals(java.util.Map.of("true", 2L, "false", 1L), sketches.categorical("sheet").counts());
  }

  @Test
  @DisplayName("a ragged CSV row fails with its line number, and nothing is committed")
  void raggedCsv() throws IOException {
    Path csv = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3\n4,5\n");
    MlOpsException e = assertThrows(MlOpsException.class, () -> datasets.commit(CommitRequest.builder()
        .dataset("c").addTable("bad", new TableSource.FromCsv(csv, Optional.empty())).build()));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertEquals(List.of(), datasets.datasets());
    Path typed = Files.writeString(dir.resolve("typed.csv"), "a\n1\nx\n");
    var schema = new org.apache.arrow.vector.types.pojo.Schema(List.of(
        org.apache.arrow.vector.types.pojo.Field.nullable("a", new ArrowType.Int(64, true))));
    MlOpsException wrongType = assertThrows(MlOpsException.class, () -> datasets.commit(CommitRequest.builder()
        .dataset("c").addTable("t", new TableSource.FromCsv(typed, Optional.of(schema))).build()));
    assertTrue(wrongType.getMessage().contains("line 3") && wrongType.getMessage().contains("'x'"),
        wrongType.getMessage());
  }

  @Test
  @DisplayName("diff reports added, removed and retyped columns")
  void schemaDiff() throws IOException {
    Path v1 = Files.writeString(dir.resolve("v1.csv"), "a,b,c\n1,2,x\n");
    Path v2 = Files.writeString(dir.resolve("v2.csv"), "a,c,d\n1,2,y\n");
    datasets.commit(CommitRequest.builder().dataset("s").addTable("t", new TableSource.FromCsv(v1, Optional.empty())).build());
    datasets.commit(CommitRequest.builder().dataset("s").addTable("t", new TableSource.FromCsv(v2, Optional.empty())).build());
    TableChange change = datasets.diff("s~1", "s").tables().get(0);
    assertEquals(List.of("d"), change.addedColumns());
    assertEquals(List.of("b"), change.removedColumns());
    assertEquals(List.of("c"), change.retypedColumns(), "c went from text to integer");
    assertFalse(change.fromProfiles().isEmpty());
  }
}
