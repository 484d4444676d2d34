package dev.mlops.core.internal.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Tables of every type Parquet output writes, for its round-trip tests: the rows as Java values, the
 * same rows as an Arrow root, and an Arrow reader that serves a root in batches of a given size.
 */
public final class ParquetOutputTables {
  private ParquetOutputTables() {}

  /** One row; every field but {@code seq} may be null. */
  record Row(long seq, Long id, Double value, Float single, Boolean flag, String text, String category,
      Integer small, Integer day, Long micros, Long nanos, BigDecimal amount, byte[] blob, byte[] code) {}

  static final List<String> COLUMNS = List.of("seq", "id", "value", "single", "flag", "text", "category", "small",
      "day", "micros", "nanos", "amount", "blob", "code");

  /** Rows with the values Parquet writers get wrong: NaN, -0.0, infinities, unicode, empty strings, extremes. */
  static Arbitrary<List<Row>> tables(int maxRows) {
    Arbitrary<Double> value = Arbitraries.oneOf(Arbitraries.doubles(),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE,
            -Double.MAX_VALUE));
    Arbitrary<Float> single = Arbitraries.oneOf(Arbitraries.floats(), Arbitraries.of(Float.NaN, -0.0f, 0.0f,
        Float.POSITIVE_INFINITY));
    // whole code points (a surrogate pair stays a pair): a lone surrogate has no UTF-8 form
    Arbitrary<String> text = Arbitraries.of("a", "Z", " ", ",", "\"", "\n", "€", "東", "😀", "é", "\u0000").list()
        .ofMaxSize(12).map(parts -> String.join("", parts));
    Arbitrary<String> category = Arbitraries.of("Oslo", "Zürich", "東京", ""); // few values: dictionary pages
    Arbitrary<BigDecimal> amount = Arbitraries.longs().between(-9_999_999_999L, 9_999_999_999L)
        .map(unscaled -> BigDecimal.valueOf(unscaled, 2));
    Arbitrary<Row> row = Builders.withBuilder(() -> new Object[14])
        .use(Arbitraries.longs().injectNull(0.1)).in((r, v) -> set(r, 1, v))
        .use(value.injectNull(0.1)).in((r, v) -> set(r, 2, v))
        .use(single.injectNull(0.1)).in((r, v) -> set(r, 3, v))
        .use(Arbitraries.of(true, false).injectNull(0.1)).in((r, v) -> set(r, 4, v))
        .use(text.injectNull(0.1)).in((r, v) -> set(r, 5, v))
        .use(category.injectNull(0.1)).in((r, v) -> set(r, 6, v))
        .use(Arbitraries.integers().injectNull(0.1)).in((r, v) -> set(r, 7, v))
        .use(Arbitraries.integers().between(-800_000, 800_000).injectNull(0.1)).in((r, v) -> set(r, 8, v))
        .use(Arbitraries.longs().injectNull(0.1)).in((r, v) -> set(r, 9, v))
        .use(Arbitraries.longs().injectNull(0.1)).in((r, v) -> set(r, 10, v))
        .use(amount.injectNull(0.1)).in((r, v) -> set(r, 11, v))
        .use(Arbitraries.bytes().array(byte[].class).ofMaxSize(6).injectNull(0.1)).in((r, v) -> set(r, 12, v))
        .use(Arbitraries.bytes().array(byte[].class).ofSize(3).injectNull(0.1)).in((r, v) -> set(r, 13, v))
        .build(r -> new Row(0, (Long) r[1], (Double) r[2], (Float) r[3], (Boolean) r[4], (String) r[5],
            (String) r[6], (Integer) r[7], (Integer) r[8], (Long) r[9], (Long) r[10], (BigDecimal) r[11],
            (byte[]) r[12], (byte[]) r[13]));
    return row.list().ofMaxSize(maxRows).map(ParquetOutputTables::numbered);
  }

  private static Object[] set(Object[] row, int index, Object value) {
    row[index] = value;
    return row;
  }

  private static List<Row> numbered(List<Row> rows) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      out.add(new Row(i, r.id(), r.value(), r.single(), r.flag(), r.text(), r.category(), r.small(), r.day(),
          r.micros(), r.nanos(), r.amount(), r.blob(), r.code()));
    }
    return out;
  }

  static Schema schema() {
    return new Schema(List.of(
        new Field("seq", FieldType.notNullable(new ArrowType.Int(64, true)), null),
        Field.nullable("id", new ArrowType.Int(64, true)),
        Field.nullable("value", new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)),
        Field.nullable("single", new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE)),
        Field.nullable("flag", ArrowType.Bool.INSTANCE),
        Field.nullable("text", ArrowType.Utf8.INSTANCE),
        Field.nullable("category", ArrowType.Utf8.INSTANCE),
        Field.nullable("small", new ArrowType.Int(32, true)),
        Field.nullable("day", new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY)),
        Field.nullable("micros", new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.MICROSECOND, "UTC")),
        Field.nullable("nanos", new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.NANOSECOND, null)),
        Field.nullable("amount", new ArrowType.Decimal(12, 2, 128)),
        Field.nullable("blob", ArrowType.Binary.INSTANCE),
        Field.nullable("code", new ArrowType.FixedSizeBinary(3))));
  }

  /** The rows as an Arrow root of {@link #schema()}. */
  static VectorSchemaRoot root(List<Row> rows, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema(), allocator);
    root.allocateNew();
    List<FieldVector> v = root.getFieldVectors();
    for (int row = 0; row < rows.size(); row++) {
      int i = row;
      Row r = rows.get(i);
      ((BigIntVector) v.get(0)).setSafe(i, r.seq());
      set(v.get(1), i, r.id(), x -> ((BigIntVector) v.get(1)).setSafe(i, x));
      set(v.get(2), i, r.value(), x -> ((Float8Vector) v.get(2)).setSafe(i, x));
      set(v.get(3), i, r.single(), x -> ((Float4Vector) v.get(3)).setSafe(i, x));
      set(v.get(4), i, r.flag(), x -> ((BitVector) v.get(4)).setSafe(i, x ? 1 : 0));
      set(v.get(5), i, r.text(), x -> ((VarCharVector) v.get(5)).setSafe(i, x.getBytes(StandardCharsets.UTF_8)));
      set(v.get(6), i, r.category(), x -> ((VarCharVector) v.get(6)).setSafe(i, x.getBytes(StandardCharsets.UTF_8)));
      set(v.get(7), i, r.small(), x -> ((IntVector) v.get(7)).setSafe(i, x));
      set(v.get(8), i, r.day(), x -> ((DateDayVector) v.get(8)).setSafe(i, x));
      set(v.get(9), i, r.micros(), x -> ((TimeStampMicroTZVector) v.get(9)).setSafe(i, x));
      set(v.get(10), i, r.nanos(), x -> ((TimeStampNanoVector) v.get(10)).setSafe(i, x));
      set(v.get(11), i, r.amount(), x -> ((DecimalVector) v.get(11)).setSafe(i, x));
      set(v.get(12), i, r.blob(), x -> ((VarBinaryVector) v.get(12)).setSafe(i, x));
      set(v.get(13), i, r.code(), x -> ((FixedSizeBinaryVector) v.get(13)).setSafe(i, x));
    }
    root.setRowCount(rows.size());
    return root;
  }

  private static <T> void set(FieldVector vector, int row, T value, java.util.function.Consumer<T> setter) {
    if (value == null) {
      vector.setNull(row);
    } else {
      setter.accept(value);
    }
  }

  /** Every row's values as comparable Java objects: text as String, bytes as a list. */
  static List<List<Object>> rows(ArrowReader reader) throws IOException {
    List<List<Object>> out = new ArrayList<>();
    while (reader.loadNextBatch()) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      for (int i = 0; i < root.getRowCount(); i++) {
        List<Object> row = new ArrayList<>();
        for (FieldVector v : root.getFieldVectors()) {
          row.add(comparable(v.getObject(i)));
        }
        out.add(row);
      }
    }
    return out;
  }

  static Object comparable(Object o) {
    if (o instanceof org.apache.arrow.vector.util.Text t) {
      return t.toString();
    }
    if (o instanceof byte[] b) {
      return bytes(b);
    }
    return o;
  }

  static List<Byte> bytes(byte[] b) {
    List<Byte> list = new ArrayList<>();
    for (byte x : b) {
      list.add(x);
    }
    return list;
  }

  /** The table written by mlops's Parquet output, served in batches of {@code batchRows}. */
  static byte[] write(VectorSchemaRoot root, int batchRows, long rowGroupBytes, int pageBytes,
      BufferAllocator allocator) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArrowReader reader = new RootReader(allocator, root, batchRows)) {
      ParquetTableOutput.write(reader, out, rowGroupBytes, pageBytes);
    }
    return out.toByteArray();
  }

  /**
   * Writes 1,000 rows of every type to a file; called through reflection from a class loader
   * without the geometry library, to show the writer needs none.
   */
  public static void writeSample(Path file) throws IOException {
    List<Row> rows = sample();
    try (BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator();
        VectorSchemaRoot root = root(rows, allocator)) {
      java.nio.file.Files.write(file, write(root, 100, 16 << 10, 2 << 10, allocator));
    }
  }

  /** Makes parquet-column's statistics for a column, as its ColumnWriteStore does for every column. */
  public static Object parquetJavaStatistics() {
    return org.apache.parquet.column.statistics.Statistics.createStats(org.apache.parquet.schema.Types
        .required(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64).named("x"));
  }

  static List<Row> sample() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      rows.add(new Row(i, i % 9 == 0 ? null : (long) i * 31, i % 7 == 0 ? Double.NaN : i * 0.25, (float) -i,
          i % 2 == 0, "t" + i, new String[] {"Oslo", "東京"}[i % 2], i, i, (long) i, (long) -i,
          BigDecimal.valueOf(i * 101L - 50_000, 2), new byte[] {(byte) i}, new byte[] {1, 2, (byte) i}));
    }
    return rows;
  }

  /** Serves a root's rows in batches of at most {@code batchRows}. */
  static final class RootReader extends ArrowReader {
    private final VectorSchemaRoot source;
    private final int batchRows;
    private int next;

    RootReader(BufferAllocator allocator, VectorSchemaRoot source, int batchRows) {
      super(allocator);
      this.source = source;
      this.batchRows = batchRows;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
      prepareLoadNextBatch();
      if (next >= source.getRowCount()) {
        getVectorSchemaRoot().setRowCount(0);
        return false;
      }
      int length = Math.min(batchRows, source.getRowCount() - next);
      try (VectorSchemaRoot slice = source.slice(next, length);
          ArrowRecordBatch batch = new VectorUnloader(slice).getRecordBatch()) {
        loadRecordBatch(batch);
      }
      next += length;
      return true;
    }

    @Override
    public long bytesRead() {
      return 0;
    }

    @Override
    protected void closeReadSource() {
    }

    @Override
    protected Schema readSchema() {
      return source.getSchema();
    }
  }
}
