package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableFormatException;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.ParquetFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Parquet tables: files written by parquet-java's writer, committed and read by mlops's own reader. */
class ParquetTableTest {
  private static final String SCHEMA = "message m { required int64 id; optional double x; optional binary city (STRING);"
      + " optional boolean ok; }";

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

  private static List<Object[]> rows(int n) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {(long) i, i % 10 == 0 ? null : i * 0.5, i % 7 == 0 ? null : "city" + (i % 4),
          i % 3 == 0 ? null : i % 2 == 0});
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
  @DisplayName("a Parquet file (nulls, dictionary pages, several row groups) checks out byte for byte and reads as parquet-java reads it")
  void parquetFileRoundTrips(CompressionCodecName codec) throws IOException {
    Path file = ParquetFixtures.write(dir.resolve("events.parquet"), SCHEMA, rows(2_500), ParquetFixtures.Options.of(codec));
    DatasetFile table = datasets.commit(CommitRequest.builder().dataset("e")
        .addTable("events.parquet", new TableSource.FromParquet(file)).build()).files().get(0);
    assertEquals(2_500, table.rows().getAsLong());
    assertEquals(Files.size(file), table.size(), "the version lists the file as committed");
    // Profiles computed from the data: x is i * 0.5 for i not divisible by 10, so 2,250 values and
    // 250 nulls; mean = 0.5 * (3,123,750 - 311,250) / 2,250 = 625 (sum of 0..2499 less the sum of
    // its multiples of 10, by hand).
    ColumnProfile x = table.profiles().get("x");
    assertEquals(2_250, x.count());
    assertEquals(250, x.nulls());
    assertEquals(625.0, x.mean().getAsDouble(), 1e-9);

    datasets.checkout("e", dir.resolve("out"));
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("out/events.parquet")));
    assertEquals(ParquetFixtures.readWithParquetJava(file), readAll("e", "events.parquet"));
  }

  @Test
  @DisplayName("a commit that stores and profiles on a thread pool gives the profiles and sketches of one on the calling thread")
  void threadPoolCommitProfilesAsTheCallingThreadDoes() throws IOException {
    // 5,000 rows in row groups of 1,000: five batches, so the hand-off between threads is used;
    // 4,500 values of x are past k = 200, so its quantiles are read from the stored sketch.
    Path file = ParquetFixtures.write(dir.resolve("events.parquet"), SCHEMA, rows(5_000),
        ParquetFixtures.Options.of(CompressionCodecName.SNAPPY));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try (ObjectStore pooledStore = InMemoryObjectStore.create()) {
      DatasetStore pooled = new DefaultDatasetStore(pooledStore, Clock.systemUTC(), Optional.empty(), pool);
      DatasetFile onPool = pooled.commit(CommitRequest.builder().dataset("e")
          .addTable("events.parquet", new TableSource.FromParquet(file)).build()).files().get(0);
      DatasetFile onCaller = datasets.commit(CommitRequest.builder().dataset("e")
          .addTable("events.parquet", new TableSource.FromParquet(file)).build()).files().get(0);
      assertEquals(onCaller.profiles(), onPool.profiles());
      assertEquals(5_000, onPool.rows().getAsLong());
      assertEquals(Files.size(file), onPool.size());
      pooled.checkout("e", dir.resolve("pooled"));
      assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("pooled/events.parquet")));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("writing and profiling the batches on a pool gives the Arrow stream, profiles and sketches of doing both on the calling thread")
  void asideGivesTheBytesAndSketchesOfOneThread() throws IOException {
    // Many distinct texts (more than the frequent-items sketch keeps, so it purges), repeated ones,
    // non-ASCII and invalid UTF-8 text, and enough values for the quantile sketches to compact.
    String schema = "message m { required int64 id; optional double x; optional binary city (STRING);"
        + " optional binary note (STRING); optional boolean ok; }";
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      // 0xFF and 0xFE are both invalid UTF-8 and decode to the same text (U+FFFD).
      Object note = i % 5 == 0 ? null : i % 3 == 0 ? "ünïcode-" + (i % 40) : i % 11 == 0 ? "\uD83D\uDE00" + i
          : i % 13 == 0 ? new byte[] {'b', (byte) (i % 2 == 0 ? 0xFF : 0xFE)} : "n" + i;
      rows.add(new Object[] {(long) (i * 7919 % 6_000), i % 10 == 0 ? null : Math.sin(i) * 1e3,
          i % 7 == 0 ? null : "city" + (i % 4), note, i % 3 == 0 ? null : i % 2 == 0});
    }
    Path file = ParquetFixtures.write(dir.resolve("mixed.parquet"), schema, rows,
        new ParquetFixtures.Options(CompressionCodecName.SNAPPY, ParquetProperties.WriterVersion.PARQUET_1_0, true,
            1_000, 100));
    java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream aside = new java.io.ByteArrayOutputStream();
    List<ColumnProfiler> plainProfilers;
    List<ColumnProfiler> asideProfilers;
    try (ParquetArrowReader reader = new ParquetArrowReader(allocator, List.of(file))) {
      plainProfilers = TableWriter.profilers(reader.getVectorSchemaRoot());
      assertEquals(6_000, TableWriter.writeIpc(reader, reader.getVectorSchemaRoot(), plainProfilers, plain));
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try (ParquetArrowReader reader = new ParquetArrowReader(allocator, List.of(file))) {
      asideProfilers = TableWriter.profilers(reader.getVectorSchemaRoot());
      assertEquals(6_000, TableWriter.writeIpcProfilingAside(reader, reader.getVectorSchemaRoot(), asideProfilers,
          aside, pool, allocator));
    } finally {
      pool.shutdownNow();
    }
    assertArrayEquals(plain.toByteArray(), aside.toByteArray());
    for (int c = 0; c < plainProfilers.size(); c++) {
      assertEquals(plainProfilers.get(c).finish(), asideProfilers.get(c).finish());
    }
    org.apache.arrow.vector.types.pojo.Schema arrow;
    try (ParquetArrowReader reader = new ParquetArrowReader(allocator, List.of(file))) {
      arrow = reader.getVectorSchemaRoot().getSchema();
    }
    assertArrayEquals(TableSketches.encode("t", TableWriter.sketches(arrow, plainProfilers)),
        TableSketches.encode("t", TableWriter.sketches(arrow, asideProfilers)));
  }

  @Test
  @DisplayName("data page v2 without dictionaries reads too")
  void pageV2() throws IOException {
    Path file = ParquetFixtures.write(dir.resolve("v2.parquet"), SCHEMA, rows(1_200),
        new ParquetFixtures.Options(CompressionCodecName.SNAPPY, ParquetProperties.WriterVersion.PARQUET_2_0, false,
            500, 50));
    datasets.commit(CommitRequest.builder().dataset("v").addTable("t", new TableSource.FromParquet(file)).build());
    assertEquals(ParquetFixtures.readWithParquetJava(file), readAll("v", "t"));
  }

  @Test
  @DisplayName("a directory of part files is one table; checkout gives the part files back")
  void directoryOfParts() throws IOException {
    Path table = Files.createDirectories(dir.resolve("events"));
    Path a = ParquetFixtures.write(table.resolve("part-00000.parquet"), SCHEMA, rows(700),
        ParquetFixtures.Options.of(CompressionCodecName.SNAPPY));
    Path b = ParquetFixtures.write(table.resolve("part-00001.parquet"), SCHEMA, rows(300),
        ParquetFixtures.Options.of(CompressionCodecName.SNAPPY));
    List<List<String>> expected = new ArrayList<>(ParquetFixtures.readWithParquetJava(a));
    expected.addAll(ParquetFixtures.readWithParquetJava(b)); // before the fake .crc, which Hadoop would read
    Files.writeString(table.resolve("_SUCCESS"), "");
    Files.writeString(table.resolve(".part-00000.parquet.crc"), "crc");
    DatasetFile file = datasets.commit(CommitRequest.builder().dataset("d")
        .addTable("events", new TableSource.FromParquet(table)).build()).files().get(0);
    assertEquals(1_000, file.rows().getAsLong());
    assertEquals(expected, readAll("d", "events"));

    datasets.checkout("d", dir.resolve("out"));
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(dir.resolve("out/events/part-00000.parquet")));
    assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(dir.resolve("out/events/part-00001.parquet")));
    assertFalse(Files.exists(dir.resolve("out/events/_SUCCESS")), "only the part files are the table");
    try (InputStream in = datasets.open("d", "events/part-00001.parquet")) {
      assertArrayEquals(Files.readAllBytes(b), in.readAllBytes());
    }
  }

  @Test
  @DisplayName("types: int32, float, decimal, date, timestamp and binary map to their Arrow types")
  void types() throws IOException {
    Path file = ParquetFixtures.write(dir.resolve("t.parquet"), "message m { required int32 i; required float f;"
        + " required int64 price (DECIMAL(12,2)); required int32 day (DATE);"
        + " required int64 at (TIMESTAMP(MILLIS,true)); required binary raw; }",
        List.<Object[]>of(new Object[] {7, 1.5f, 12345L, 19_000, 1_700_000_000_000L, new byte[] {1, 2}}),
        ParquetFixtures.Options.of(CompressionCodecName.UNCOMPRESSED));
    DatasetFile table = datasets.commit(CommitRequest.builder().dataset("t")
        .addTable("t", new TableSource.FromParquet(file)).build()).files().get(0);
    assertEquals(List.of("Int(32, true)", "FloatingPoint(SINGLE)", "Decimal(12, 2, 128)", "Date(DAY)",
        "Timestamp(MILLISECOND, UTC)", "Binary"),
        table.schema().orElseThrow().getFields().stream().map(f -> f.getType().toString()).toList());
    try (ArrowReader reader = datasets.openTable("t", "t", allocator)) {
      assertTrue(reader.loadNextBatch());
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertEquals(new java.math.BigDecimal("123.45"), root.getVector("price").getObject(0));
      assertEquals(19_000, root.getVector("day").getObject(0), "days since 1970-01-01, as Parquet stores them");
      assertEquals(1_700_000_000_000L, ((org.apache.arrow.vector.TimeStampVector) root.getVector("at")).get(0));
    }
  }

  @Test
  @DisplayName("a nested column is refused with its name and what is supported; nothing is committed")
  void nestedRefused() throws IOException {
    Path file = ParquetFixtures.write(dir.resolve("n.parquet"),
        "message m { required int64 id; optional group address { optional binary street (STRING); } }",
        List.<Object[]>of(new Object[] {1L, null}), ParquetFixtures.Options.of(CompressionCodecName.SNAPPY));
    TableFormatException e = assertThrows(TableFormatException.class, () -> datasets.commit(CommitRequest.builder()
        .dataset("n").addTable("n", new TableSource.FromParquet(file)).build()));
    assertTrue(e.getMessage().contains("column 'address' is a struct (group)"), e.getMessage());
    assertTrue(e.getMessage().contains("it reads flat columns of"), e.getMessage());
    assertEquals(List.of(), datasets.datasets());
  }

  @Test
  @DisplayName("parts with different schemas are refused naming both files")
  void mixedSchemasRefused() throws IOException {
    Path table = Files.createDirectories(dir.resolve("mixed"));
    ParquetFixtures.write(table.resolve("part-0.parquet"), SCHEMA, rows(10), ParquetFixtures.Options.of(CompressionCodecName.SNAPPY));
    ParquetFixtures.write(table.resolve("part-1.parquet"), "message m { required int64 id; }",
        List.<Object[]>of(new Object[] {1L}), ParquetFixtures.Options.of(CompressionCodecName.SNAPPY));
    TableFormatException e = assertThrows(TableFormatException.class, () -> datasets.commit(CommitRequest.builder()
        .dataset("m").addTable("m", new TableSource.FromParquet(table)).build()));
    assertTrue(e.getMessage().contains("part-0.parquet") && e.getMessage().contains("part-1.parquet"), e.getMessage());
    assertEquals(List.of(), datasets.datasets());
  }

  @Test
  @DisplayName("an empty file, a CSV named .parquet, a truncated file and a damaged footer are typed errors naming the file")
  void badFilesRefused() throws IOException {
    Path good = ParquetFixtures.write(dir.resolve("good.parquet"), SCHEMA, rows(500),
        ParquetFixtures.Options.of(CompressionCodecName.SNAPPY));
    byte[] bytes = Files.readAllBytes(good);
    Path empty = Files.write(dir.resolve("empty.parquet"), new byte[0]);
    Path csv = Files.writeString(dir.resolve("csv.parquet"), "a,b\n1,2\n");
    Path truncated = Files.write(dir.resolve("truncated.parquet"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    byte[] flipped = bytes.clone();
    int footerLength = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    for (int i = bytes.length - 8 - footerLength; i < bytes.length - 8; i += 7) {
      flipped[i] ^= (byte) 0x5a; // scramble the footer's Thrift bytes
    }
    Path damaged = Files.write(dir.resolve("damaged.parquet"), flipped);
    assertRefused(empty, "is empty (0 bytes)");
    assertRefused(csv, "is not a Parquet file (it does not start and end with PAR1): it may be another format");
    assertRefused(truncated, "may be truncated");
    assertRefused(damaged, "is damaged");
    assertEquals(List.of(), datasets.datasets(), "nothing was committed");
  }

  @Test
  @DisplayName("a data page with flipped bytes is a typed error, not garbage rows")
  void damagedPageRefused() throws IOException {
    Path good = ParquetFixtures.write(dir.resolve("p.parquet"), SCHEMA, rows(500),
        new ParquetFixtures.Options(CompressionCodecName.SNAPPY, ParquetProperties.WriterVersion.PARQUET_1_0, false,
            1_000, 1_000));
    byte[] bytes = Files.readAllBytes(good);
    for (int i = 4; i < 400; i++) {
      bytes[i] ^= (byte) 0xff; // the first column chunk's page header and data
    }
    assertRefused(Files.write(dir.resolve("flipped.parquet"), bytes), "is damaged");
    assertEquals(List.of(), datasets.datasets());
  }

  private void assertRefused(Path file, String message) {
    TableFormatException e = assertThrows(TableFormatException.class, () -> datasets.commit(CommitRequest.builder()
        .dataset("bad").addTable("t", new TableSource.FromParquet(file)).build()), file.toString());
    assertTrue(e.getMessage().contains("'" + file + "'") && e.getMessage().contains(message), e.getMessage());
  }

  @Property(tries = 30)
  void anyParquetTableRoundTripsAndReadsAsParquetJavaReadsIt(
      @ForAll @Size(min = 0, max = 300) List<@IntRange(min = -1_000, max = 1_000) Integer> values,
      @ForAll @IntRange(min = 1, max = 120) int rowsPerGroup, @ForAll boolean v2, @ForAll boolean dictionary)
      throws IOException {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      int v = values.get(i);
      rows.add(new Object[] {(long) i, v % 5 == 0 ? null : v / 7.0, v % 3 == 0 ? null : "é" + (v % 11), v % 2 == 0});
    }
    Path work = Files.createTempDirectory("mlops-parquet-");
    try (BufferAllocator alloc = new RootAllocator(); ObjectStore memory = InMemoryObjectStore.create()) {
      DatasetStore store = new DefaultDatasetStore(memory, Clock.systemUTC(), Optional.empty());
      Path file = ParquetFixtures.write(work.resolve("t.parquet"), SCHEMA, rows, new ParquetFixtures.Options(
          CompressionCodecName.SNAPPY, v2 ? ParquetProperties.WriterVersion.PARQUET_2_0
          : ParquetProperties.WriterVersion.PARQUET_1_0, dictionary, rowsPerGroup, Math.max(1, rowsPerGroup / 3)));
      store.commit(CommitRequest.builder().dataset("p").addTable("t.parquet", new TableSource.FromParquet(file))
          .averageChunkSize(64).build());
      store.checkout("p", work.resolve("out"));
      assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(work.resolve("out/t.parquet")));
      assertEquals(ParquetFixtures.readWithParquetJava(file), readAll(store, alloc, "p", "t.parquet"));
    } finally {
      try (var walk = Files.walk(work)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private List<List<String>> readAll(String reference, String path) throws IOException {
    return readAll(datasets, allocator, reference, path);
  }

  /** The table's rows as mlops reads them: each value's string form, or null. */
  private static List<List<String>> readAll(DatasetStore store, BufferAllocator allocator, String reference,
      String path) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (ArrowReader reader = store.openTable(reference, path, allocator)) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        for (int r = 0; r < root.getRowCount(); r++) {
          List<String> row = new ArrayList<>();
          for (var vector : root.getFieldVectors()) {
            Object value = vector.getObject(r);
            row.add(value == null ? null : value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                : value.toString());
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
