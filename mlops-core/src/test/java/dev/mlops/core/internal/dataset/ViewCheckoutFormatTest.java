package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Remedy;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableFormat;
import dev.mlops.api.dataset.TableFormatException;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.dataset.ViewRequest;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table checks out in the format asked for: a view's as CSV parses back, and as Parquet reads back, to the same rows. */
class ViewCheckoutFormatTest {
  @TempDir Path dir;

  private static final String CSV = "city,temp,rain\nOslo,-3.5,true\n\"Zürich, CH\",21.0,false\nRome,18.25,\nOslo,30.0,true\n";

  @Test
  @DisplayName("a view of a CSV table checks out as CSV by default, as Arrow or Parquet when asked")
  void viewOfACsvTable() throws IOException {
    Path csv = Files.writeString(dir.resolve("weather.csv"), CSV);
    try (ObjectStore store = InMemoryObjectStore.create(); BufferAllocator allocator = new RootAllocator()) {
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      datasets.commit(CommitRequest.builder().dataset("w")
          .addTable("weather.csv", new TableSource.FromCsv(csv, Optional.empty())).build());
      datasets.commitView(ViewRequest.builder().dataset("oslo").from("w").columns(List.of("city", "temp"))
          .where("city = 'Oslo'").build());

      datasets.checkout("oslo", dir.resolve("default"));
      assertEquals("city,temp\nOslo,-3.5\nOslo,30.0\n", Files.readString(dir.resolve("default/weather.csv")),
          "the base file's format, under its name");

      datasets.checkout("oslo", dir.resolve("arrow"), List.of(), TableFormat.ARROW);
      assertFalse(Files.exists(dir.resolve("arrow/weather.csv")));
      try (ArrowReader reader = new ArrowStreamReader(Files.newInputStream(dir.resolve("arrow/weather.arrow")),
          allocator)) {
        assertEquals(List.of(List.of("Oslo", -3.5), List.of("Oslo", 30.0)), rows(reader));
      }

      datasets.checkout("oslo", dir.resolve("parquet"), List.of(), TableFormat.PARQUET);
      assertFalse(Files.exists(dir.resolve("parquet/weather.csv")));
      try (ArrowReader reader = new ParquetArrowReader(allocator, List.of(dir.resolve("parquet/weather.parquet")))) {
        assertEquals(List.of(List.of("Oslo", -3.5), List.of("Oslo", 30.0)), rows(reader));
      }

      // A stored table in its own format is its bytes as committed; in another, converted.
      datasets.checkout("w", dir.resolve("stored"), List.of(), TableFormat.CSV);
      assertArrayEquals(Files.readAllBytes(csv), Files.readAllBytes(dir.resolve("stored/weather.csv")));
      datasets.checkout("w", dir.resolve("stored"), List.of(), TableFormat.ARROW);
      try (ArrowReader reader = new ArrowStreamReader(Files.newInputStream(dir.resolve("stored/weather.arrow")),
          allocator)) {
        assertEquals(4, rows(reader).size());
      }
      datasets.checkout("w", dir.resolve("stored"), List.of(), TableFormat.PARQUET);
      try (ArrowReader reader = new ParquetArrowReader(allocator, List.of(dir.resolve("stored/weather.parquet")))) {
        assertEquals(List.of(List.of("Oslo", -3.5, true), List.of("Zürich, CH", 21.0, false),
            Arrays.asList("Rome", 18.25, null), List.of("Oslo", 30.0, true)), rows(reader));
      }
    }
  }

  @Test
  @DisplayName("a view of a Parquet file or part directory checks out as Parquet by default, and reads back to the view's rows")
  void viewOfAParquetTable() throws IOException {
    try (ObjectStore store = InMemoryObjectStore.create(); BufferAllocator allocator = new RootAllocator()) {
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      List<Row> table = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        table.add(new Row((long) i, i * 1.5, i % 2 == 0, i % 3 == 0 ? "Oslo" : "Rome"));
      }
      Path events = Files.createDirectories(dir.resolve("events"));
      try (VectorSchemaRoot root = root(table, allocator)) { // files written by mlops's own Parquet output
        Files.write(dir.resolve("t.parquet"), ParquetOutputTables.write(root, 20, 1 << 20, 1 << 16, allocator));
        Files.copy(dir.resolve("t.parquet"), events.resolve("part-0.parquet"));
        Files.copy(dir.resolve("t.parquet"), events.resolve("part-1.parquet"));
      }
      datasets.commit(CommitRequest.builder().dataset("p")
          .addTable("t.parquet", new TableSource.FromParquet(dir.resolve("t.parquet")))
          .addTable("events", new TableSource.FromParquet(events)).build());
      datasets.commitView(ViewRequest.builder().dataset("rome").from("p").columns(List.of("text", "id"))
          .where("text = 'Rome' and id < 10").build());

      datasets.checkout("rome", dir.resolve("out"));
      List<List<Object>> expected = List.of(List.of("Rome", 1L), List.of("Rome", 2L), List.of("Rome", 4L),
          List.of("Rome", 5L), List.of("Rome", 7L), List.of("Rome", 8L)); // i < 10 not divisible by 3
      try (ArrowReader reader = new ParquetArrowReader(allocator, List.of(dir.resolve("out/t.parquet")))) {
        assertEquals(expected, rows(reader));
      }
      List<List<Object>> twice = new ArrayList<>(expected);
      twice.addAll(expected);
      try (ArrowReader reader = new ParquetArrowReader(allocator, List.of(dir.resolve("out/events.parquet")))) {
        assertEquals(twice, rows(reader), "the parts' rows in order, as one file named with the format's extension");
      }
    }
  }

  @Test
  @DisplayName("Parquet output refuses a column type it does not write, naming the column, before writing any file")
  void parquetRefusesAnUnwritableColumn() throws IOException {
    try (ObjectStore store = InMemoryObjectStore.create(); BufferAllocator allocator = new RootAllocator()) {
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      try (VectorSchemaRoot root = root(List.of(new Row(1L, 1.0, true, "a")), allocator);
          org.apache.arrow.vector.SmallIntVector small = new org.apache.arrow.vector.SmallIntVector("small", allocator)) {
        small.setSafe(0, 7);
        small.setValueCount(1);
        List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors());
        vectors.add(small);
        VectorSchemaRoot wide = new VectorSchemaRoot(vectors);
        wide.setRowCount(1);
        datasets.commit(CommitRequest.builder().dataset("s")
            .addTable("a.csv", new TableSource.FromCsv(Files.writeString(dir.resolve("a.csv"), "x\n1\n"), Optional.empty()))
            .addTable("wide", new TableSource.FromRoot(wide)).build());
      }
      TableFormatException e = assertThrows(TableFormatException.class,
          () -> datasets.checkout("s", dir.resolve("p"), List.of(), TableFormat.PARQUET));
      assertEquals(Optional.of(Remedy.CHECKOUT_CSV_OR_ARROW), e.remedy());
      assertTrue(e.getMessage().contains("'wide'") && e.getMessage().contains("column 'small' is of type Int(16, true)"),
          e.getMessage());
      assertFalse(Files.exists(dir.resolve("p")), "nothing written, not even the table before it");
    }
  }

  /** One row of the property's tables: any of its values may be null. */
  record Row(Long id, Double value, Boolean flag, String text) {}

  @Provide
  Arbitrary<List<Row>> tables() {
    Arbitrary<String> text = Arbitraries.oneOf(
        Arbitraries.strings().withChars("ab ,\"\n\r;é東").ofMinLength(1).ofMaxLength(8),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4), // digits only: a string all the same
        Arbitraries.of("true", " x", "x ", "NaN"));
    Arbitrary<Double> value = Arbitraries.oneOf(Arbitraries.doubles(),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e-300, Double.MAX_VALUE, 1.0));
    Arbitrary<Row> row = Combinators.combine(Arbitraries.longs().injectNull(0.1), value.injectNull(0.1),
        Arbitraries.of(true, false).injectNull(0.1), text.injectNull(0.1)).as(Row::new);
    return row.list().ofMaxSize(20);
  }

  @Property(tries = 40)
  @Label("a view checked out as CSV parses back, with the view's schema, to the view's rows")
  void csvParsesBackToTheSameRows(@ForAll("tables") List<Row> table) throws IOException {
    Path work = Files.createTempDirectory("view-csv");
    try (ObjectStore store = InMemoryObjectStore.create(); BufferAllocator allocator = new RootAllocator()) {
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      try (VectorSchemaRoot root = root(table, allocator)) {
        datasets.commit(CommitRequest.builder().dataset("t").addTable("t", new TableSource.FromRoot(root)).build());
      }
      datasets.commitView(ViewRequest.builder().dataset("v").from("t").columns(List.of("text", "id", "value", "flag"))
          .build());
      datasets.checkout("v", work, List.of(), TableFormat.CSV);

      List<List<Object>> view;
      Schema schema;
      try (ArrowReader reader = datasets.openTable("v", "t", allocator)) {
        schema = reader.getVectorSchemaRoot().getSchema();
        view = rows(reader);
      }
      try (ArrowReader back = new CsvArrowReader(allocator, Files.newInputStream(work.resolve("t.csv")), "t.csv", schema)) {
        assertEquals(view, rows(back));
      }
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Property(tries = 30)
  @Label("a view checked out as Parquet reads back, with the view's schema, to the view's rows")
  void parquetReadsBackToTheSameRows(@ForAll("tables") List<Row> table) throws IOException {
    Path work = Files.createTempDirectory("view-parquet");
    try (ObjectStore store = InMemoryObjectStore.create(); BufferAllocator allocator = new RootAllocator()) {
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      try (VectorSchemaRoot root = root(table, allocator)) {
        datasets.commit(CommitRequest.builder().dataset("t").addTable("t", new TableSource.FromRoot(root)).build());
      }
      datasets.commitView(ViewRequest.builder().dataset("v").from("t").columns(List.of("text", "id", "value", "flag"))
          .where("id > 0 or id < 0 or flag = true").build());
      datasets.checkout("v", work, List.of(), TableFormat.PARQUET);
      try (ArrowReader view = datasets.openTable("v", "t", allocator);
          ArrowReader back = new ParquetArrowReader(allocator, List.of(work.resolve("t.parquet")))) {
        assertEquals(view.getVectorSchemaRoot().getSchema(), back.getVectorSchemaRoot().getSchema());
        assertEquals(rows(view), rows(back));
      }
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static VectorSchemaRoot root(List<Row> table, BufferAllocator allocator) {
    BigIntVector id = new BigIntVector("id", allocator);
    Float8Vector value = new Float8Vector("value", allocator);
    BitVector flag = new BitVector("flag", allocator);
    VarCharVector text = new VarCharVector("text", allocator);
    for (int i = 0; i < table.size(); i++) {
      Row r = table.get(i);
      if (r.id() == null) {
        id.setNull(i);
      } else {
        id.setSafe(i, r.id());
      }
      if (r.value() == null) {
        value.setNull(i);
      } else {
        value.setSafe(i, r.value());
      }
      if (r.flag() == null) {
        flag.setNull(i);
      } else {
        flag.setSafe(i, r.flag() ? 1 : 0);
      }
      if (r.text() == null) {
        text.setNull(i);
      } else {
        text.setSafe(i, r.text().getBytes(StandardCharsets.UTF_8));
      }
    }
    VectorSchemaRoot root = new VectorSchemaRoot(Arrays.<FieldVector>asList(id, value, flag, text));
    root.setRowCount(table.size());
    return root;
  }

  /** Every row's values as Java objects (text as String), in column order. */
  private static List<List<Object>> rows(ArrowReader reader) throws IOException {
    List<List<Object>> out = new ArrayList<>();
    while (reader.loadNextBatch()) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      for (int i = 0; i < root.getRowCount(); i++) {
        List<Object> row = new ArrayList<>();
        for (FieldVector v : root.getFieldVectors()) {
          Object o = v.getObject(i);
          row.add(o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o);
        }
        out.add(row);
      }
    }
    return out;
  }
}
