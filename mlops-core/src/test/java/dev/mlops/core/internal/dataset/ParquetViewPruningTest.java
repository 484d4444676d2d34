package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.dataset.ViewRequest;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.core.internal.content.ChunkRef;
import dev.mlops.core.internal.content.FileContent;
import dev.mlops.core.internal.storage.ForwardingObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a view of a Parquet table fetches from the store, and the cases where statistics must not
 * be taken at their word: Java's order of text, and a writer's choice of zero.
 */
class ParquetViewPruningTest {
  @TempDir Path dir;
  private BufferAllocator allocator;
  private CountingStore store;
  private DatasetStore datasets;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
    store = new CountingStore(InMemoryObjectStore.create());
    datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
  }

  @AfterEach
  void close() {
    store.close();
    allocator.close();
  }

  @Test
  void aFilterThatRulesOutAllButOneRowGroupFetchesOnlyItsColumnChunksAndTheFooter() throws IOException {
    int rows = 4_000;
    Path file = dir.resolve("t.parquet");
    Files.write(file, parquet(rows, i -> (long) i, i -> i * 0.5, i -> "n" + i, 8 << 10));
    datasets.commit(CommitRequest.builder().dataset("t").averageChunkSize(1024)
        .addTable("t.parquet", new TableSource.FromParquet(file)).build());
    datasets.commitView(ViewRequest.builder().dataset("v").from("t").columns(List.of("id", "name"))
        .where("id >= 1500 and id < 1600").build());

    FileContent stored = new VersionReader(store).resolve("t").manifest().files().get(0).content();
    Set<String> expected = new HashSet<>();
    int groups;
    try (ParquetFile parquet = ParquetFile.open(file)) {
      FileMetaData footer = parquet.footer();
      groups = footer.getRow_groupsSize();
      long first = 0;
      for (RowGroup group : footer.getRow_groups()) {
        boolean holdsRange = first <= 1500 && 1600 <= first + group.getNum_rows();
        first += group.getNum_rows();
        if (holdsRange) { // the columns the view reads: id (kept, filtered) and name (kept), not x
          expected.addAll(chunksOver(stored, range(group.getColumns().get(0).getMeta_data())));
          expected.addAll(chunksOver(stored, range(group.getColumns().get(2).getMeta_data())));
        }
      }
      long size = Files.size(file);
      int footerLength = ByteBuffer.wrap(Files.readAllBytes(file), (int) size - 8, 4).order(ByteOrder.LITTLE_ENDIAN)
          .getInt();
      expected.addAll(chunksOver(stored, new long[] {size - 8 - footerLength, size}));
    }
    assertTrue(groups >= 4, "the table has " + groups + " row groups");

    store.opens.clear();
    List<List<Object>> read;
    try (ArrowReader reader = datasets.openTable("v", "t.parquet", allocator)) {
      read = ParquetOutputTables.rows(reader);
    }
    List<List<Object>> want = new ArrayList<>();
    for (long i = 1500; i < 1600; i++) {
      want.add(List.of(i, "n" + i));
    }
    assertEquals(want, read);
    Set<String> fileChunks = new HashSet<>(stored.chunks().stream().map(ChunkRef::key).toList());
    Map<String, Integer> fetched = new java.util.TreeMap<>();
    store.opens.forEach((key, n) -> {
      if (fileChunks.contains(key)) {
        fetched.put(key, n);
      }
    });
    assertEquals(expected, fetched.keySet(), "the chunks fetched");
    assertTrue(fetched.values().stream().allMatch(n -> n == 1), "each fetched once: " + fetched.values());
    assertTrue(expected.size() * 3 < fileChunks.size(), expected.size() + " of " + fileChunks.size() + " chunks");

    // A view that would decode most of the table reads the Arrow copy instead: of the Parquet
    // file, only the footer's chunks are fetched (to decide).
    datasets.commitView(ViewRequest.builder().dataset("all").from("t").where("x > 10").build());
    Set<String> footer = chunksOver(stored, new long[] {Files.size(file) - 8, Files.size(file)});
    store.opens.clear();
    try (ArrowReader reader = datasets.openTable("all", "t.parquet", allocator)) {
      assertEquals(rows - 21, ParquetOutputTables.rows(reader).size()); // x = i / 2 > 10 from i = 21
    }
    Set<String> fetchedOfFile = new HashSet<>(store.opens.keySet());
    fetchedOfFile.retainAll(fileChunks);
    assertTrue(fetchedOfFile.size() <= 2 && fetchedOfFile.containsAll(footer), fetchedOfFile.toString());

    // The same rows, and bytes, as the view read from the table's Arrow copy.
    System.setProperty(ViewTables.PUSHDOWN_PROPERTY, "false");
    try {
      assertArrayEquals(ipc("v"), withPushdown(() -> ipc("v")));
    } finally {
      System.clearProperty(ViewTables.PUSHDOWN_PROPERTY);
    }
  }

  /** A stored Parquet chunk is verified when fetched: a damaged one fails the read, naming the file. */
  @Test
  void aDamagedChunkOfTheParquetFileFailsTheRead() throws IOException {
    Path file = dir.resolve("t.parquet");
    Files.write(file, parquet(2_000, i -> (long) i, i -> i * 0.5, i -> "n" + i, 8 << 10));
    datasets.commit(CommitRequest.builder().dataset("t").averageChunkSize(1024)
        .addTable("t.parquet", new TableSource.FromParquet(file)).build());
    datasets.commitView(ViewRequest.builder().dataset("v").from("t").columns(List.of("id"))
        .where("id < 10").build());
    FileContent stored = new VersionReader(store).resolve("t").manifest().files().get(0).content();
    String first = stored.chunks().get(0).key(); // the first row group's id column starts here
    byte[] bytes = store.below().open(first).readAllBytes();
    bytes[bytes.length / 2] ^= 1;
    store.below().delete(first);
    store.below().putIfAbsent(first, bytes);
    dev.mlops.api.IntegrityException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.mlops.api.IntegrityException.class, () -> withPushdown(() -> ipc("v")));
    assertTrue(e.getMessage().contains("a chunk of the Parquet file 't.parquet' in 't@"), e.getMessage());
  }

  @Test
  void viewsCommittedWithAndWithoutPushdownHaveOneId() throws IOException {
    Path file = dir.resolve("t.parquet");
    Files.write(file, parquet(3_000, i -> i % 7 == 0 ? null : (long) i, i -> i % 5 == 0 ? Double.NaN : -i * 0.25,
        i -> i % 11 == 0 ? null : "é" + i, 16 << 10));
    datasets.commit(CommitRequest.builder().dataset("t").addTable("t.parquet", new TableSource.FromParquet(file))
        .build());
    ViewRequest view = ViewRequest.builder().dataset("v").from("t").columns(List.of("x", "name"))
        .where("id > 2500 or x > -10").build();
    String pushedDown = withPushdown(() -> datasets.commitView(view).ref().versionId());
    System.setProperty(ViewTables.PUSHDOWN_PROPERTY, "false");
    String arrowPath;
    try {
      arrowPath = datasets.commitView(ViewRequest.builder().dataset("w").from("t").columns(List.of("x", "name"))
          .where("id > 2500 or x > -10").build()).ref().versionId();
    } finally {
      System.clearProperty(ViewTables.PUSHDOWN_PROPERTY);
    }
    assertEquals(arrowPath, pushedDown);
  }

  /**
   * Java orders U+FF3A (fullwidth Z) after U+D83D (an emoji's first surrogate), UTF-8 and so the
   * statistics the other way round: a non-ASCII bound decides no order.
   */
  @Test
  void textComparesInJavasOrderNotTheStatisticsBytes() throws IOException {
    Path file = dir.resolve("t.parquet");
    Files.write(file, parquet(400, i -> (long) i, i -> 0.0, i -> i < 200 ? "😀" : "\uFF3A", 2 << 10));
    datasets.commit(CommitRequest.builder().dataset("t").addTable("t.parquet", new TableSource.FromParquet(file))
        .build());
    assertEquals(200, count("name < '\uFF3A'")); // every emoji: "😀" < "Ｚ" in Java's order
    assertEquals(0, count("name > '\uFF3A'"));
    assertEquals(200, count("name = '😀'"));
    assertEquals(400, count("name > 'Z'")); // both above ASCII
    assertEquals(0, count("name < 'Z'"));
  }

  /**
   * A writer that records +0.0 as the minimum of a chunk of -0.0 (it compares with {@code <}, for
   * which the zeros are equal): the filter orders -0.0 below 0, so {@code x < 0} keeps those rows.
   */
  @Test
  void aZeroBoundStandsForBothZeros() throws IOException {
    byte[] bytes = parquet(4_000, i -> (long) i * 7919 % 4_000, i -> i < 2_000 ? -0.0 : 1.0, i -> "n" + i, 4 << 10);
    byte[] patched = withBounds(bytes, 1, 0.0, 0.0); // the -0.0 row groups say +0.0 .. +0.0
    Path file = dir.resolve("t.parquet");
    Files.write(file, patched);
    datasets.commit(CommitRequest.builder().dataset("t").addTable("t.parquet", new TableSource.FromParquet(file))
        .build());
    assertEquals(2_000, count("x < 0"));
    assertEquals(0, count("x = 0"));
    assertEquals(2_000, count("x > 0"));
  }

  /**
   * parquet-java's file: an unsigned 32-bit column is ordered unsigned in its statistics (a value
   * of 2^31 or more is a negative INT32), a decimal by its value at the column's scale.
   */
  @Test
  void unsignedAndDecimalBoundsOfParquetJava() throws IOException {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(new Object[] {(long) i, i < 50 ? i : -i, i * 3 - 150});
    }
    Path file = dev.mlops.core.testing.ParquetFixtures.write(dir.resolve("t.parquet"),
        "message t { required int64 id; optional int32 u (INTEGER(32,false)); optional int32 d (DECIMAL(9,2)); }",
        rows, new dev.mlops.core.testing.ParquetFixtures.Options(
            org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY,
            org.apache.parquet.column.ParquetProperties.WriterVersion.PARQUET_1_0, true, 50, 10));
    datasets.commit(CommitRequest.builder().dataset("t").addTable("t.parquet", new TableSource.FromParquet(file))
        .build());
    assertEquals(50, count("u > 2147483648")); // 2^32 - 99 .. 2^32 - 50
    assertEquals(50, count("u < 50"));
    assertEquals(1, count("u = 4294967246")); // 2^32 - 50
    assertEquals(49, count("d > 0.01")); // d = (3i - 150) / 100: i = 51 .. 99
    assertEquals(1, count("d = -1.5"));
    assertEquals(50, count("d < 0"));
  }

  private long count(String where) throws IOException {
    String name = "v" + Integer.toHexString(where.hashCode());
    datasets.commitView(ViewRequest.builder().dataset(name).from("t").where(where).build());
    long n = withPushdown(() -> {
      long rows = 0;
      try (ArrowReader reader = datasets.openTable(name, "t.parquet", allocator)) {
        while (reader.loadNextBatch()) {
          rows += reader.getVectorSchemaRoot().getRowCount();
        }
      }
      return rows;
    });
    System.setProperty(ViewTables.PUSHDOWN_PROPERTY, "false");
    try {
      byte[] arrowPath = ipc(name);
      assertArrayEquals(arrowPath, withPushdown(() -> ipc(name)), where);
    } finally {
      System.clearProperty(ViewTables.PUSHDOWN_PROPERTY);
    }
    return n;
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  /** Reads with pushdown whatever it costs (the tables here are small). */
  private static <T> T withPushdown(IoSupplier<T> read) throws IOException {
    String before = System.setProperty(ViewTables.PUSHDOWN_PROPERTY, "true");
    try {
      return read.get();
    } finally {
      if (before != null) {
        System.setProperty(ViewTables.PUSHDOWN_PROPERTY, before);
      } else {
        System.clearProperty(ViewTables.PUSHDOWN_PROPERTY);
      }
    }
  }

  private byte[] ipc(String view) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArrowReader reader = datasets.openTable(view, "t.parquet", allocator)) {
      ViewTables.writeIpc(reader, out);
    }
    return out.toByteArray();
  }

  /** The file with every row group's column {@code column} given these bounds in its statistics. */
  private static byte[] withBounds(byte[] file, int column, double min, double max) throws IOException {
    int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerStart = file.length - 8 - footerLength;
    FileMetaData footer = Util.readFileMetaData(new java.io.ByteArrayInputStream(file, footerStart, footerLength));
    int patched = 0;
    for (RowGroup group : footer.getRow_groups()) {
      ColumnMetaData meta = group.getColumns().get(column).getMeta_data();
      double groupMin = ByteBuffer.wrap(meta.getStatistics().getMin_value()).order(ByteOrder.LITTLE_ENDIAN)
          .getDouble();
      double groupMax = ByteBuffer.wrap(meta.getStatistics().getMax_value()).order(ByteOrder.LITTLE_ENDIAN)
          .getDouble();
      if (groupMin == 0.0 && groupMax == 0.0) {
        meta.getStatistics().setMin_value(doubleBytes(min));
        meta.getStatistics().setMax_value(doubleBytes(max));
        patched++;
      }
    }
    assertTrue(patched > 0, "no row group holds only zeros");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(file, 0, footerStart);
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    Util.writeFileMetaData(footer, encoded);
    encoded.writeTo(out);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(encoded.size()).array());
    out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] doubleBytes(double v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array();
  }

  /** Bytes [start, end) of a column chunk in its file. */
  private static long[] range(ColumnMetaData meta) {
    long start = meta.isSetDictionary_page_offset() && meta.getDictionary_page_offset() > 0
        ? Math.min(meta.getDictionary_page_offset(), meta.getData_page_offset()) : meta.getData_page_offset();
    return new long[] {start, start + meta.getTotal_compressed_size()};
  }

  /** The keys of the chunks that hold any byte of [range[0], range[1]). */
  private static Set<String> chunksOver(FileContent file, long[] range) {
    Set<String> keys = new HashSet<>();
    long start = 0;
    for (ChunkRef chunk : file.chunks()) {
      long end = start + chunk.size();
      if (start < range[1] && range[0] < end) {
        keys.add(chunk.key());
      }
      start = end;
    }
    return keys;
  }

  private byte[] parquet(int rows, java.util.function.IntFunction<Long> id, java.util.function.IntFunction<Double> x,
      java.util.function.IntFunction<String> name, long rowGroupBytes) throws IOException {
    Schema schema = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true)),
        Field.nullable("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      root.allocateNew();
      List<FieldVector> v = root.getFieldVectors();
      for (int i = 0; i < rows; i++) {
        Long a = id.apply(i);
        Double b = x.apply(i);
        String c = name.apply(i);
        if (a == null) {
          ((BigIntVector) v.get(0)).setNull(i);
        } else {
          ((BigIntVector) v.get(0)).setSafe(i, a);
        }
        if (b == null) {
          ((Float8Vector) v.get(1)).setNull(i);
        } else {
          ((Float8Vector) v.get(1)).setSafe(i, b);
        }
        if (c == null) {
          ((VarCharVector) v.get(2)).setNull(i);
        } else {
          ((VarCharVector) v.get(2)).setSafe(i, c.getBytes(StandardCharsets.UTF_8));
        }
      }
      root.setRowCount(rows);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArrowReader reader = new ParquetOutputTables.RootReader(allocator, root, 1000)) {
        ParquetTableOutput.write(reader, out, rowGroupBytes, 1 << 10);
      }
      return out.toByteArray();
    }
  }

  /** A store that counts how often each object is opened for reading (a chunk fetch is one open). */
  /** Counts the reads of each key, whichever read call fetches it. */
  private static final class CountingStore extends ForwardingObjectStore {
    final Map<String, Integer> opens = new ConcurrentHashMap<>();

    CountingStore(ObjectStore delegate) {
      super(delegate);
    }

    /** The store below, to damage a chunk without counting it. */
    ObjectStore below() {
      return delegate();
    }

    @Override
    public InputStream open(String key) {
      opens.merge(key, 1, Integer::sum);
      return super.open(key);
    }

    @Override
    public Optional<StoredBytes> get(String key) {
      opens.merge(key, 1, Integer::sum);
      return super.get(key);
    }
  }
}
