package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.core.internal.dataset.ParquetOutputTables.Row;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet output read by parquet-java's own reader (parquet-hadoop, test scope; it needs Hadoop, so
 * this class is in .ci/jdk25-excludes): every value as written, and row groups skipped by the
 * footer's statistics.
 */
class ParquetOutputJavaReaderTest {
  @TempDir Path dir;

  @Provide
  Arbitrary<List<Row>> tables() {
    return ParquetOutputTables.tables(200);
  }

  @Property(tries = 30)
  @Label("any table of the writable types reads back through parquet-java's reader to the same values")
  void parquetJavaReadsTheSameValues(@ForAll("tables") List<Row> table,
      @ForAll @IntRange(min = 1, max = 150) int batchRows) throws IOException {
    Path file = Files.createTempFile("mlops-parquet-java", ".parquet"); // jqwik properties get no @TempDir
    try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot root = ParquetOutputTables.root(table, allocator)) {
      Files.write(file, ParquetOutputTables.write(root, batchRows, 3_000, 512, allocator));
      List<List<Object>> expected = new ArrayList<>();
      for (Row r : table) {
        expected.add(Arrays.asList(r.seq(), r.id(), r.value(), r.single(), r.flag(), r.text(), r.category(), r.small(),
            r.day(), r.micros(), r.nanos(), r.amount(), bytes(r.blob()), bytes(r.code())));
      }
      List<List<Object>> read = readWithParquetJava(file);
      assertEquals(expected.size(), read.size());
      for (int row = 0; row < expected.size(); row++) {
        for (int column = 0; column < ParquetOutputTables.COLUMNS.size(); column++) {
          String where = "row " + row + " column " + ParquetOutputTables.COLUMNS.get(column);
          assertEquals(expected.get(row).get(column), read.get(row).get(column), where);
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static List<Byte> bytes(byte[] b) {
    return b == null ? null : ParquetOutputTables.bytes(b);
  }

  /** Each row's values as parquet-java's example reader gives them, typed by column. */
  private static List<List<Object>> readWithParquetJava(Path file) throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
        new org.apache.hadoop.fs.Path(file.toUri())).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        List<Object> row = new ArrayList<>();
        for (int c = 0; c < ParquetOutputTables.COLUMNS.size(); c++) {
          row.add(g.getFieldRepetitionCount(c) == 0 ? null : value(g, c));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static Object value(Group g, int c) {
    return switch (ParquetOutputTables.COLUMNS.get(c)) {
      case "seq", "id", "micros", "nanos" -> g.getLong(c, 0);
      case "value" -> g.getDouble(c, 0);
      case "single" -> g.getFloat(c, 0);
      case "flag" -> g.getBoolean(c, 0);
      case "text", "category" -> g.getString(c, 0);
      case "small", "day" -> g.getInteger(c, 0);
      case "amount" -> new BigDecimal(new BigInteger(g.getBinary(c, 0).getBytes()), 2);
      default -> ParquetOutputTables.bytes(g.getBinary(c, 0).getBytes());
    };
  }

  @Test
  @DisplayName("parquet-java sees the logical types, and skips row groups by the footer's statistics (numbers and strings)")
  void typesAndRowGroupSkipping() throws IOException {
    List<Row> table = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      table.add(new Row(i, (long) i, i * 0.5, null, null, "key-" + String.format("%06d", i), null, null, null,
          (long) i, null, null, null, null));
    }
    Path file = dir.resolve("t.parquet");
    try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot root = ParquetOutputTables.root(table, allocator)) {
      Files.write(file, ParquetOutputTables.write(root, 4_096, 32 << 10, 4 << 10, allocator));
    }
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType schema = reader.getFileMetaData().getSchema();
      assertEquals(LogicalTypeAnnotation.stringType(), schema.getType("text").getLogicalTypeAnnotation());
      assertEquals(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS),
          schema.getType("micros").getLogicalTypeAnnotation());
      assertEquals(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.NANOS),
          schema.getType("nanos").getLogicalTypeAnnotation());
      assertEquals(LogicalTypeAnnotation.decimalType(2, 12), schema.getType("amount").getLogicalTypeAnnotation());
      assertEquals(LogicalTypeAnnotation.dateType(), schema.getType("day").getLogicalTypeAnnotation());
      assertEquals(true, reader.getRowGroups().size() > 3, "several row groups: " + reader.getRowGroups().size());
    }
    assertEquals(1, rowGroupsRead(file, FilterApi.eq(FilterApi.longColumn("seq"), 7_777L)));
    assertEquals(1, rowGroupsRead(file, FilterApi.eq(FilterApi.binaryColumn("text"), Binary.fromString("key-004242"))));
    assertEquals(0, rowGroupsRead(file, FilterApi.gt(FilterApi.doubleColumn("value"), 5_000.0)),
        "value is at most 4,999.5");
  }

  /** The row groups parquet-java keeps after filtering them by their statistics. */
  private static int rowGroupsRead(Path file, FilterPredicate filter) throws IOException {
    ParquetReadOptions options = ParquetReadOptions.builder().withRecordFilter(FilterCompat.get(filter))
        .useStatsFilter(true).useDictionaryFilter(false).useColumnIndexFilter(false).useBloomFilter(false).build();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
      return reader.getRowGroups().size();
    }
  }
}
