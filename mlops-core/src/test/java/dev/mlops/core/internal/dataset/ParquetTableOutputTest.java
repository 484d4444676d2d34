package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.internal.dataset.ParquetOutputTables.Row;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Statistics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet output read back by mlops's own Parquet reader: the same schema and rows, and a footer readers can use. */
class ParquetTableOutputTest {
  @TempDir Path dir;

  @Provide
  Arbitrary<List<Row>> tables() {
    return ParquetOutputTables.tables(300);
  }

  @Property(tries = 60)
  @Label("any table of the writable types reads back, through mlops's reader, to the same schema and rows")
  void roundTrips(@ForAll("tables") List<Row> table, @ForAll @IntRange(min = 1, max = 200) int batchRows,
      @ForAll @IntRange(min = 0, max = 2) int sizes) throws IOException {
    long rowGroupBytes = new long[] {2_000, 20_000, ParquetTableOutput.ROW_GROUP_BYTES}[sizes];
    int pageBytes = new int[] {256, 4_000, ParquetTableOutput.PAGE_BYTES}[sizes];
    Path file = Files.createTempFile("mlops-parquet-output", ".parquet"); // jqwik properties get no @TempDir
    try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot root = ParquetOutputTables.root(table, allocator)) {
      Files.write(file, ParquetOutputTables.write(root, batchRows, rowGroupBytes, pageBytes, allocator));
      List<List<Object>> expected;
      try (ArrowReader source = new ParquetOutputTables.RootReader(allocator, root, Integer.MAX_VALUE)) {
        expected = ParquetOutputTables.rows(source);
      }
      try (ParquetArrowReader back = new ParquetArrowReader(allocator, List.of(file))) {
        assertEquals(ParquetOutputTables.schema(), back.getVectorSchemaRoot().getSchema());
        assertEquals(expected, ParquetOutputTables.rows(back));
      }
      try (ParquetFile parquet = ParquetFile.open(file)) {
        assertEquals(table.size(), parquet.footer().getNum_rows());
        for (RowGroup group : parquet.footer().getRow_groups()) {
          assertStatisticsMatch(group, table);
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Each chunk's null count, min and max equal those computed here from the rows the group holds
   * (they are numbered by {@code seq}, the first column, whose own min and max give the rows).
   */
  private static void assertStatisticsMatch(RowGroup group, List<Row> table) {
    Statistics seq = group.getColumns().get(0).getMeta_data().getStatistics();
    int first = (int) longOf(seq.getMin_value());
    int last = (int) longOf(seq.getMax_value());
    assertEquals(group.getNum_rows(), last - first + 1, "a row group holds consecutive rows");
    List<Row> rows = table.subList(first, last + 1);
    assertLongs(group, 1, rows.stream().map(Row::id).toList());
    assertLongs(group, 7, rows.stream().map(r -> r.small() == null ? null : (long) r.small()).toList());
    List<Double> values = rows.stream().map(Row::value).toList();
    Statistics value = statistics(group, 2);
    assertEquals(values.stream().filter(Objects::isNull).count(), value.getNull_count());
    List<Double> numbers = values.stream().filter(v -> v != null && !v.isNaN()).toList();
    if (numbers.isEmpty()) {
      assertFalse(value.isSetMin_value(), "no bound from NaN and nulls only");
    } else {
      double min = numbers.stream().min(Comparator.naturalOrder()).orElseThrow();
      double max = numbers.stream().max(Comparator.naturalOrder()).orElseThrow();
      // the format's rule: a zero minimum is -0.0, a zero maximum +0.0 (Double's order puts -0.0 first)
      assertEquals(min == 0 ? -0.0 : min, doubleOf(value.getMin_value()));
      assertEquals(max == 0 ? 0.0 : max, doubleOf(value.getMax_value()));
    }
    List<String> categories = rows.stream().map(Row::category).toList();
    Statistics category = statistics(group, 6);
    assertEquals(categories.stream().filter(Objects::isNull).count(), category.getNull_count());
    List<byte[]> present = categories.stream().filter(Objects::nonNull)
        .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
    if (!present.isEmpty()) {
      assertEquals(ParquetOutputTables.bytes(present.stream().min(java.util.Arrays::compareUnsigned).orElseThrow()),
          ParquetOutputTables.bytes(category.getMin_value()));
      assertEquals(ParquetOutputTables.bytes(present.stream().max(java.util.Arrays::compareUnsigned).orElseThrow()),
          ParquetOutputTables.bytes(category.getMax_value()));
    }
    List<java.math.BigDecimal> amounts = rows.stream().map(Row::amount).filter(Objects::nonNull).toList();
    if (!amounts.isEmpty()) {
      Statistics amount = statistics(group, 11);
      assertEquals(amounts.stream().min(Comparator.naturalOrder()).orElseThrow().unscaledValue(),
          new java.math.BigInteger(amount.getMin_value()));
      assertEquals(amounts.stream().max(Comparator.naturalOrder()).orElseThrow().unscaledValue(),
          new java.math.BigInteger(amount.getMax_value()));
    }
  }

  private static void assertLongs(RowGroup group, int column, List<Long> values) {
    Statistics s = statistics(group, column);
    assertEquals(values.stream().filter(Objects::isNull).count(), s.getNull_count());
    List<Long> present = values.stream().filter(Objects::nonNull).toList();
    if (present.isEmpty()) {
      assertFalse(s.isSetMin_value());
      return;
    }
    assertEquals(present.stream().min(Comparator.naturalOrder()).orElseThrow(), longOf(s.getMin_value()));
    assertEquals(present.stream().max(Comparator.naturalOrder()).orElseThrow(), longOf(s.getMax_value()));
  }

  private static Statistics statistics(RowGroup group, int column) {
    return group.getColumns().get(column).getMeta_data().getStatistics();
  }

  private static long longOf(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    return bytes.length == 4 ? b.getInt() : b.getLong();
  }

  private static double doubleOf(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getDouble();
  }

  @Test
  @DisplayName("a large table is written in several bounded row groups; repetitive columns get dictionary pages, unique ones fall back to plain")
  void rowGroupsAndDictionaries() throws IOException {
    List<Row> table = new ArrayList<>();
    for (int i = 0; i < 8_000; i++) { // category: 4 values (dictionary); text: unique, 40 bytes (plain)
      table.add(new Row(i, (long) i, i * 0.5, null, i % 2 == 0, "unique-" + String.format("%033d", i),
          new String[] {"Oslo", "Zürich", "東京", ""}[i % 4], i, null, null, null, null, null, null));
    }
    long limit = 32 << 10;
    Path file = dir.resolve("big.parquet");
    try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot root = ParquetOutputTables.root(table, allocator)) {
      Files.write(file, ParquetOutputTables.write(root, 4_096, limit, 8 << 10, allocator));
      try (ParquetFile parquet = ParquetFile.open(file)) {
        List<RowGroup> groups = parquet.footer().getRow_groups();
        assertTrue(groups.size() >= 3, "several row groups: " + groups.size());
        for (RowGroup group : groups) {
          // the check runs every 1,024 rows; such a slice of these rows is well under 32 KiB
          assertTrue(group.getTotal_compressed_size() < 2 * limit, "a row group of " + group.getTotal_compressed_size());
        }
        ColumnMetaData category = groups.get(0).getColumns().get(6).getMeta_data();
        assertTrue(category.isSetDictionary_page_offset(), "a dictionary page for 4 distinct values");
        assertTrue(category.getEncodings().contains(Encoding.PLAIN_DICTIONARY), category.getEncodings().toString());
        ColumnMetaData text = groups.get(0).getColumns().get(5).getMeta_data();
        assertTrue(text.getEncodings().contains(Encoding.PLAIN), text.getEncodings().toString());
        long rows = groups.stream().mapToLong(RowGroup::getNum_rows).sum();
        assertEquals(8_000, rows);
        long offset = 4;
        for (RowGroup group : groups) { // chunks lie one after another from the magic on
          for (ColumnChunk chunk : group.getColumns()) {
            ColumnMetaData meta = chunk.getMeta_data();
            long start = meta.isSetDictionary_page_offset() ? meta.getDictionary_page_offset() : meta.getData_page_offset();
            assertEquals(offset, start);
            offset += meta.getTotal_compressed_size();
          }
        }
      }
      try (ParquetArrowReader back = new ParquetArrowReader(allocator, List.of(file));
          ArrowReader source = new ParquetOutputTables.RootReader(allocator, root, Integer.MAX_VALUE)) {
        assertEquals(ParquetOutputTables.rows(source), ParquetOutputTables.rows(back));
      }
    }
  }

  @Test
  @DisplayName("the writer runs without the geometry library (jts) that parquet-column's statistics classes need")
  void noGeometryLibraryNeeded() throws Exception {
    List<java.net.URL> urls = new ArrayList<>();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (!entry.contains("jts-core")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    Path file = dir.resolve("sample.parquet");
    try (java.net.URLClassLoader loader = new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      // the check can fail: parquet-column's own statistics (which its ColumnWriteStore builds) do not load there
      java.lang.reflect.InvocationTargetException e = org.junit.jupiter.api.Assertions.assertThrows(
          java.lang.reflect.InvocationTargetException.class, () -> loader.loadClass(ParquetOutputTables.class.getName())
              .getMethod("parquetJavaStatistics").invoke(null));
      assertTrue(e.getCause() instanceof NoClassDefFoundError, String.valueOf(e.getCause()));

      loader.loadClass(ParquetOutputTables.class.getName()).getMethod("writeSample", Path.class).invoke(null, file);
    }
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = ParquetOutputTables.root(ParquetOutputTables.sample(), allocator);
        ArrowReader source = new ParquetOutputTables.RootReader(allocator, root, Integer.MAX_VALUE);
        ParquetArrowReader back = new ParquetArrowReader(allocator, List.of(file))) {
      assertEquals(ParquetOutputTables.rows(source), ParquetOutputTables.rows(back));
    }
  }

  @Test
  @DisplayName("a null in a field declared not nullable is refused with the column's name")
  void nullInARequiredColumn() throws IOException {
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(List.of(
            new org.apache.arrow.vector.types.pojo.Field("n", org.apache.arrow.vector.types.pojo.FieldType.notNullable(
                new org.apache.arrow.vector.types.pojo.ArrowType.Int(64, true)), null))), allocator)) {
      root.allocateNew();
      ((org.apache.arrow.vector.BigIntVector) root.getVector(0)).setSafe(0, 1);
      root.getVector(0).setNull(1);
      root.setRowCount(2);
      dev.mlops.api.dataset.TableFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
          dev.mlops.api.dataset.TableFormatException.class,
          () -> ParquetOutputTables.write(root, 10, 1 << 20, 1 << 16, allocator));
      assertTrue(e.getMessage().contains("column 'n'") && e.getMessage().contains("not nullable"), e.getMessage());
    }
  }

  @Test
  @DisplayName("an empty table is a file with its schema and no row group")
  void emptyTable() throws IOException {
    Path file = dir.resolve("empty.parquet");
    try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot root = ParquetOutputTables.root(List.of(), allocator)) {
      Files.write(file, ParquetOutputTables.write(root, 10, 1 << 20, 1 << 16, allocator));
      try (ParquetArrowReader back = new ParquetArrowReader(allocator, List.of(file))) {
        assertEquals(ParquetOutputTables.schema(), back.getVectorSchemaRoot().getSchema());
        assertEquals(List.of(), ParquetOutputTables.rows(back));
      }
      try (ParquetFile parquet = ParquetFile.open(file)) {
        assertEquals(0, parquet.footer().getRow_groupsSize());
      }
    }
  }
}
