package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parquet files written by another writer than parquet-java: DuckDB's own (C++), in process
 * through its JDBC driver. mlops's reader must read them as DuckDB itself reads them back. No
 * Hadoop is involved, so these run on every JDK.
 */
class DuckDbParquetTest {
  /**
   * 5,000 rows: nulls in every optional column, a low-cardinality string (dictionary-encoded), a
   * unique one (plain), and the types Spark and pandas files commonly hold.
   */
  private static final String ROWS = "SELECT i::BIGINT AS id,"
      + " CASE WHEN i % 10 = 0 THEN NULL ELSE i * 0.5 END::DOUBLE AS x,"
      + " CASE WHEN i % 7 = 0 THEN NULL ELSE 'city' || (i % 4) END AS city,"
      + " 'row-' || i AS label,"
      + " CASE WHEN i % 3 = 0 THEN NULL ELSE i % 2 = 0 END AS ok,"
      + " (i % 1000)::INTEGER AS n,"
      + " DATE '2020-01-01' + (i % 400)::INTEGER AS day,"
      + " TIMESTAMP '2024-03-01 00:00:00' + to_microseconds(i * 1001) AS seen,"
      + " (i / 100)::DECIMAL(12,2) AS price"
      + " FROM range(0, 5000) t(i)";

  /** The same columns as DuckDB reads them, in the form {@link #readWithMlops} gives them. */
  private static final String READ_BACK = "SELECT id, x, city, label, ok, n,"
      + " date_diff('day', DATE '1970-01-01', day) AS day, epoch_us(seen) AS seen, price FROM read_parquet(?)";

  @TempDir Path dir;
  private BufferAllocator allocator;
  private ObjectStore store;
  private DatasetStore datasets;
  private Connection duckdb;

  @BeforeEach
  void open() throws SQLException {
    allocator = new RootAllocator();
    store = InMemoryObjectStore.create();
    datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterEach
  void close() throws SQLException {
    duckdb.close();
    store.close();
    allocator.close(); // throws if any buffer leaked
  }

  @ParameterizedTest
  @ValueSource(strings = {"snappy", "zstd", "gzip", "uncompressed"})
  @DisplayName("a file DuckDB wrote (nulls, dictionaries, several row groups) reads as DuckDB reads it and checks out byte for byte")
  void duckDbFileReadsAsDuckDbReadsIt(String codec) throws Exception {
    Path file = dir.resolve("events.parquet");
    execute("COPY (" + ROWS + ") TO '" + file + "' (FORMAT PARQUET, COMPRESSION " + codec
        + ", ROW_GROUP_SIZE 1024)");
    assertTrue(rowGroups(file) > 1, "several row groups");
    assertTrue(encodings(file, "city").stream().anyMatch(e -> e.contains("DICTIONARY")),
        "city is dictionary-encoded: " + encodings(file, "city"));

    DatasetFile table = datasets.commit(CommitRequest.builder().dataset("d")
        .addTable("events.parquet", new TableSource.FromParquet(file)).build()).files().get(0);
    assertEquals(5_000, table.rows().getAsLong());
    // 5,000 ids 0..4999: x is null for the 500 multiples of 10, city for the 715 multiples of 7.
    assertEquals(500, table.profiles().get("x").nulls());
    assertEquals(715, table.profiles().get("city").nulls());
    assertEquals(readWithDuckDb(file), readWithMlops("d", "events.parquet"));

    datasets.checkout("d", dir.resolve("out"));
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("out/events.parquet")));
  }

  @Test
  @DisplayName("DuckDB's Parquet v2 encodings (delta, byte stream split) read as DuckDB reads them")
  void duckDbVersion2() throws Exception {
    Path file = dir.resolve("v2.parquet");
    execute("COPY (" + ROWS + ") TO '" + file + "' (FORMAT PARQUET, PARQUET_VERSION V2, ROW_GROUP_SIZE 2048)");
    assertTrue(encodings(file, "id").contains("DELTA_BINARY_PACKED"), encodings(file, "id").toString());
    assertTrue(encodings(file, "label").contains("DELTA_LENGTH_BYTE_ARRAY"), encodings(file, "label").toString());
    assertTrue(encodings(file, "x").contains("BYTE_STREAM_SPLIT"), encodings(file, "x").toString());
    datasets.commit(CommitRequest.builder().dataset("v").addTable("t", new TableSource.FromParquet(file)).build());
    assertEquals(readWithDuckDb(file), readWithMlops("v", "t"));
  }

  @Test
  @DisplayName("a directory of part files DuckDB wrote, one per thread, is one table")
  void duckDbPartFiles() throws Exception {
    Path parts = dir.resolve("parts");
    execute("SET threads = 2");
    execute("COPY (" + ROWS + ") TO '" + parts + "' (FORMAT PARQUET, PER_THREAD_OUTPUT true, ROW_GROUP_SIZE 1024)");
    DatasetFile table = datasets.commit(CommitRequest.builder().dataset("p")
        .addTable("parts", new TableSource.FromParquet(parts)).build()).files().get(0);
    assertEquals(5_000, table.rows().getAsLong());
    List<List<String>> expected = new ArrayList<>();
    for (Path part : ParquetTables.parts(parts)) {
      expected.addAll(readWithDuckDb(part)); // the parts in name order, as mlops reads them
    }
    assertEquals(expected, readWithMlops("p", "parts"));
  }

  @Property(tries = 15)
  void theArrowViewOfADuckDbFileEqualsDuckDbsOwnRead(
      @ForAll @Size(max = 400) List<@IntRange(min = -1_000, max = 1_000) Integer> values,
      @ForAll @IntRange(min = 1, max = 200) int rowsPerGroup) throws Exception {
    Path work = Files.createTempDirectory("mlops-duckdb-");
    try (BufferAllocator alloc = new RootAllocator(); ObjectStore memory = InMemoryObjectStore.create();
        Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement s = db.createStatement()) {
        s.execute("CREATE TABLE t (id BIGINT, x DOUBLE, city VARCHAR, ok BOOLEAN)");
      }
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
        for (int i = 0; i < values.size(); i++) {
          int v = values.get(i);
          insert.setLong(1, i);
          insert.setObject(2, v % 5 == 0 ? null : v / 7.0);
          insert.setObject(3, v % 3 == 0 ? null : "é" + (v % 11));
          insert.setObject(4, v % 4 == 0 ? null : v % 2 == 0);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      Path file = work.resolve("t.parquet");
      try (Statement s = db.createStatement()) {
        s.execute("COPY (SELECT * FROM t ORDER BY id) TO '" + file + "' (FORMAT PARQUET, ROW_GROUP_SIZE "
            + rowsPerGroup + ")");
      }
      DatasetStore store = new DefaultDatasetStore(memory, Clock.systemUTC(), Optional.empty());
      store.commit(CommitRequest.builder().dataset("p").addTable("t.parquet", new TableSource.FromParquet(file))
          .build());
      List<List<String>> expected = query(db, "SELECT id, x, city, ok FROM read_parquet(?)", file);
      assertEquals(expected, readWithMlops(store, alloc, "p", "t.parquet"));
    } finally {
      try (var walk = Files.walk(work)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = duckdb.createStatement()) {
      s.execute(sql);
    }
  }

  private long rowGroups(Path file) throws SQLException {
    Set<String> groups = new HashSet<>();
    query(duckdb, "SELECT row_group_id FROM parquet_metadata(?)", file).forEach(r -> groups.add(r.get(0)));
    return groups.size();
  }

  private List<String> encodings(Path file, String column) throws SQLException {
    return query(duckdb, "SELECT encodings FROM parquet_metadata(?) WHERE path_in_schema = '" + column + "'", file)
        .stream().map(r -> r.get(0)).toList();
  }

  private List<List<String>> readWithDuckDb(Path file) throws SQLException {
    return query(duckdb, READ_BACK, file);
  }

  /** Each row as the string forms of its values (null for SQL NULL), DuckDB reading the file. */
  private static List<List<String>> query(Connection db, String sql, Path file) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setString(1, file.toString());
      try (ResultSet r = s.executeQuery()) {
        int columns = r.getMetaData().getColumnCount();
        while (r.next()) {
          List<String> row = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            Object value = r.getObject(c);
            row.add(value == null ? null : value.toString());
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private List<List<String>> readWithMlops(String reference, String path) throws IOException {
    return readWithMlops(datasets, allocator, reference, path);
  }

  /** The table's rows as mlops reads them (timestamps as their stored number, dates as days). */
  private static List<List<String>> readWithMlops(DatasetStore store, BufferAllocator allocator, String reference,
      String path) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (ArrowReader reader = store.openTable(reference, path, allocator)) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        for (int r = 0; r < root.getRowCount(); r++) {
          List<String> row = new ArrayList<>();
          for (FieldVector vector : root.getFieldVectors()) {
            Object value = vector.getObject(r);
            row.add(value == null ? null : vector instanceof TimeStampVector t ? Long.toString(t.get(r))
                : value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value.toString());
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
