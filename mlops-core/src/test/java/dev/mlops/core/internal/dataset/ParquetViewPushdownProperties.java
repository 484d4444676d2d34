package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.dataset.ViewRequest;
import dev.mlops.core.internal.content.Sha256;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.parquet.format.RowGroup;

/**
 * A view of a Parquet table read from the stored Parquet file (projection, row groups pruned by
 * their statistics) gives the bytes the view gives read from the table's Arrow copy (every batch
 * filtered in memory): the same Arrow IPC stream, so the same recorded hash and version id.
 * Random tables of every type (nulls, NaN, -0.0, infinities, unicode), often sorted by one column
 * so that row groups have narrow bounds, in one file or several parts, with random filters.
 */
class ParquetViewPushdownProperties {
  /** Columns the filter compares, by the kind of literal they take; the others only with is null. */
  private static final List<String> NUMBERS = List.of("seq", "id", "value", "single", "small", "amount");
  private static final List<String> TEXTS = List.of("text", "category");
  private static final List<String> OTHERS = List.of("day", "micros", "nanos", "blob", "code");

  @Property(tries = 120)
  void pushdownReadsTheBytesOfTheArrowPath(@ForAll("tables") List<ParquetOutputTables.Row> table,
      @ForAll @IntRange(min = -1, max = 6) int sortBy, @ForAll @IntRange(min = 1, max = 3) int parts,
      @ForAll("filters") RowFilter filter, @ForAll("projections") List<String> columns,
      @ForAll boolean fullWidth) throws IOException {
    List<ParquetOutputTables.Row> rows = sorted(fullWidth ? fullWidth(table) : table, sortBy);
    Path dir = Files.createTempDirectory("mlops-pqview-");
    System.setProperty(ViewTables.PUSHDOWN_PROPERTY, "true"); // whatever it costs: these tables are small
    try (BufferAllocator allocator = new RootAllocator(); InMemoryObjectStore store = InMemoryObjectStore.create()) {
      Path source = write(rows, parts, dir, allocator);
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      datasets.commit(CommitRequest.builder().dataset("t").averageChunkSize(256)
          .addTable("t.parquet", new TableSource.FromParquet(source)).build());
      ViewRequest.Builder request = ViewRequest.builder().dataset("v").from("t").where(filter.text());
      DatasetFile view = datasets.commitView((columns.isEmpty() ? request : request.columns(columns)).build())
          .files().get(0);

      byte[] pushedDown;
      try (ArrowReader reader = datasets.openTable("v", "t.parquet", allocator)) {
        pushedDown = ipc(reader);
      }
      byte[] arrowPath;
      try (ArrowReader base = datasets.openTable("t", "t.parquet", allocator)) {
        List<String> kept = columns.isEmpty() ? ParquetOutputTables.COLUMNS : columns;
        BoundFilter bound = BoundFilter.bind(filter, ParquetOutputTables.schema(), "t");
        try (ArrowReader reader = new ViewArrowReader(base, kept, Optional.of(bound), allocator)) {
          arrowPath = ipc(reader);
        }
      }
      assertArrayEquals(arrowPath, pushedDown);
      assertEquals(Sha256.hex(arrowPath), view.sha256(), "the view's recorded materialization");
      assertEquals(arrowPath.length, view.size());
      Statistics.label("row groups pruned").collect(pruned(source, filter) > 0);
      // the property is about pruning: it must happen in a good share of the tries
      Statistics.label("row groups pruned").coverage(c -> c.check(true).percentage(p -> p >= 15));
    } finally {
      System.clearProperty(ViewTables.PUSHDOWN_PROPERTY);
      delete(dir);
    }
  }

  /** parquet-java's writer: its statistics (floats, unsigned and decimal integers) and row groups. */
  private static final String JAVA_SCHEMA = "message t { optional int64 id; optional double x; optional float f;"
      + " optional int32 u (INTEGER(32,false)); optional binary s (STRING); optional int32 d (DECIMAL(9,2));"
      + " optional boolean b; required int32 r; }";

  @Property(tries = 60)
  void pushdownOfAParquetJavaFileReadsTheBytesOfTheArrowPath(@ForAll("javaRows") List<Object[]> table,
      @ForAll @IntRange(min = -1, max = 6) int sortBy, @ForAll @IntRange(min = 5, max = 60) int rowsPerGroup,
      @ForAll("javaFilters") RowFilter filter) throws IOException {
    List<Object[]> rows = new ArrayList<>(table);
    if (sortBy >= 0) {
      rows.sort(Comparator.comparing(r -> (Comparable) r[sortBy], Comparator.nullsFirst(Comparator.naturalOrder())));
    }
    Path dir = Files.createTempDirectory("mlops-pqview-");
    System.setProperty(ViewTables.PUSHDOWN_PROPERTY, "true"); // whatever it costs: these tables are small
    try (BufferAllocator allocator = new RootAllocator(); InMemoryObjectStore store = InMemoryObjectStore.create()) {
      Path file = dev.mlops.core.testing.ParquetFixtures.write(dir.resolve("t.parquet"), JAVA_SCHEMA, rows,
          new dev.mlops.core.testing.ParquetFixtures.Options(
              org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY,
              org.apache.parquet.column.ParquetProperties.WriterVersion.PARQUET_1_0, true, rowsPerGroup, 7));
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      datasets.commit(CommitRequest.builder().dataset("t").addTable("t.parquet", new TableSource.FromParquet(file))
          .build());
      DatasetFile view = datasets.commitView(ViewRequest.builder().dataset("v").from("t").where(filter.text())
          .build()).files().get(0);
      byte[] pushedDown;
      try (ArrowReader reader = datasets.openTable("v", "t.parquet", allocator)) {
        pushedDown = ipc(reader);
      }
      byte[] arrowPath;
      try (ArrowReader base = datasets.openTable("t", "t.parquet", allocator)) {
        org.apache.arrow.vector.types.pojo.Schema schema = base.getVectorSchemaRoot().getSchema();
        List<String> all = schema.getFields().stream().map(org.apache.arrow.vector.types.pojo.Field::getName).toList();
        try (ArrowReader reader = new ViewArrowReader(base, all, Optional.of(BoundFilter.bind(filter, schema, "t")),
            allocator)) {
          arrowPath = ipc(reader);
        }
      }
      assertArrayEquals(arrowPath, pushedDown);
      assertEquals(Sha256.hex(arrowPath), view.sha256());
      Statistics.label("row groups pruned").collect(pruned(file, filter) > 0);
      Statistics.label("row groups pruned").coverage(c -> c.check(true).percentage(p -> p >= 15));
    } finally {
      System.clearProperty(ViewTables.PUSHDOWN_PROPERTY);
      delete(dir);
    }
  }

  @Provide
  Arbitrary<List<Object[]>> javaRows() {
    Arbitrary<Object> id = Arbitraries.longs().between(-50, 50).injectNull(0.1).map(v -> (Object) v);
    Arbitrary<Object> x = Arbitraries.oneOf(Arbitraries.doubles().between(-100, 100),
        Arbitraries.of(Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))
        .injectNull(0.1).map(v -> (Object) v);
    Arbitrary<Object> f = Arbitraries.oneOf(Arbitraries.floats().between(-100, 100),
        Arbitraries.of(Float.NaN, -0.0f, 0.0f)).injectNull(0.1).map(v -> (Object) v);
    Arbitrary<Object> u = Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(-1, 0, Integer.MIN_VALUE))
        .injectNull(0.1).map(v -> (Object) v); // negative: an unsigned value of 2^31 or more
    Arbitrary<Object> text = Arbitraries.of("a", "Z", "\uFF3A", "😀", "é", "東").list().ofMaxSize(3)
        .map(p -> String.join("", p)).injectNull(0.1).map(v -> (Object) v);
    Arbitrary<Object> d = Arbitraries.integers().between(-100_000, 100_000).injectNull(0.1).map(v -> (Object) v);
    Arbitrary<Object> b = Arbitraries.of(true, false).injectNull(0.1).map(v -> (Object) v);
    Arbitrary<Object> r = Arbitraries.integers().between(-1000, 1000).map(v -> (Object) v);
    Arbitrary<Object[]> row = Combinators.combine(List.of(id, x, f, u, text, d, b, r)).as(List::toArray);
    return row.list().ofMaxSize(300);
  }

  @Provide
  Arbitrary<RowFilter> javaFilters() {
    Arbitrary<String> op = Arbitraries.of("=", "!=", "<", "<=", ">", ">=");
    Arbitrary<Object> number = Arbitraries.oneOf(
        Arbitraries.integers().between(-60, 60).map(i -> (Object) BigDecimal.valueOf(i)),
        Arbitraries.bigDecimals().between(new BigDecimal("-1100"), new BigDecimal("1100")).ofScale(2)
            .map(v -> (Object) v),
        Arbitraries.of("0", "-0.0", "2147483647", "2147483648", "4294967295", "1e40", "-1e40")
            .map(v -> (Object) new BigDecimal(v)));
    Arbitrary<Object> text = Arbitraries.of("a", "Z", "\uFF3A", "😀", "é", "東").list().ofMaxSize(3)
        .map(p -> (Object) String.join("", p));
    Arbitrary<RowFilter> numbers = Combinators.combine(Arbitraries.of("id", "x", "f", "u", "d", "r"), op, number)
        .as(RowFilter.Compare::new);
    Arbitrary<RowFilter> texts = Combinators.combine(op, text).as((o, t) -> new RowFilter.Compare("s", o, t));
    Arbitrary<RowFilter> flags = Combinators.combine(Arbitraries.of("=", "!="), Arbitraries.of(true, false))
        .as((o, v) -> new RowFilter.Compare("b", o, v));
    Arbitrary<RowFilter> isNull = Combinators.combine(Arbitraries.of("id", "x", "f", "u", "s", "d", "b", "r"),
        Arbitraries.of(true, false)).as(RowFilter.IsNull::new);
    Arbitrary<RowFilter> leaf = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, numbers),
        net.jqwik.api.Tuple.of(2, texts), net.jqwik.api.Tuple.of(1, flags), net.jqwik.api.Tuple.of(1, isNull));
    return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
        Combinators.combine(inner, inner).as(RowFilter.And::new),
        Combinators.combine(inner, inner).as(RowFilter.Or::new),
        inner.map(RowFilter.Not::new)), 0, 3);
  }

  /**
   * The rows with each 'Z' of the text column written as U+FF3A (fullwidth Z): Java orders it
   * before an emoji's surrogates, UTF-8 (and so Parquet's statistics) after the emoji.
   */
  private static List<ParquetOutputTables.Row> fullWidth(List<ParquetOutputTables.Row> rows) {
    return rows.stream().map(r -> new ParquetOutputTables.Row(r.seq(), r.id(), r.value(), r.single(), r.flag(),
        r.text() == null ? null : r.text().replace('Z', '\uFF3A'), r.category(), r.small(), r.day(), r.micros(),
        r.nanos(), r.amount(), r.blob(), r.code())).toList();
  }

  /** How many row groups of the file(s) the statistics rule out. */
  private static int pruned(Path source, RowFilter filter) throws IOException {
    List<Path> files = Files.isDirectory(source) ? ParquetTables.parts(source) : List.of(source);
    int pruned = 0;
    for (Path file : files) {
      try (ParquetFile parquet = ParquetFile.open(file)) {
        for (RowGroup group : parquet.footer().getRow_groups()) {
          pruned += ParquetRowGroupPruning.mayHoldTrue(filter, parquet, group) ? 0 : 1;
        }
      }
    }
    return pruned;
  }

  private static byte[] ipc(ArrowReader reader) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ViewTables.writeIpc(reader, out);
    return out.toByteArray();
  }

  /** One file, or a directory of {@code parts} part files, of small row groups and pages. */
  private static Path write(List<ParquetOutputTables.Row> rows, int parts, Path dir, BufferAllocator allocator)
      throws IOException {
    if (parts == 1) {
      Path file = dir.resolve("t.parquet");
      Files.write(file, bytes(rows, allocator));
      return file;
    }
    Path directory = Files.createDirectory(dir.resolve("t"));
    int per = (rows.size() + parts - 1) / parts;
    for (int p = 0; p < parts; p++) {
      List<ParquetOutputTables.Row> slice = rows.subList(Math.min(rows.size(), p * per),
          Math.min(rows.size(), (p + 1) * per));
      Files.write(directory.resolve("part-" + p + ".parquet"), bytes(slice, allocator));
    }
    return directory;
  }

  private static byte[] bytes(List<ParquetOutputTables.Row> rows, BufferAllocator allocator) throws IOException {
    try (VectorSchemaRoot root = ParquetOutputTables.root(rows, allocator)) {
      return ParquetOutputTables.write(root, 37, 1536, 256, allocator);
    }
  }

  /** The rows ordered by one column (nulls first), or as generated for -1. */
  private static List<ParquetOutputTables.Row> sorted(List<ParquetOutputTables.Row> rows, int column) {
    List<Function<ParquetOutputTables.Row, Comparable>> keys = List.of(
        ParquetOutputTables.Row::id, ParquetOutputTables.Row::value, ParquetOutputTables.Row::single,
        ParquetOutputTables.Row::text, ParquetOutputTables.Row::amount, ParquetOutputTables.Row::flag,
        ParquetOutputTables.Row::small);
    if (column < 0) {
      return rows;
    }
    @SuppressWarnings("unchecked")
    Comparator<ParquetOutputTables.Row> order = Comparator.comparing(keys.get(column),
        Comparator.nullsFirst(Comparator.naturalOrder()));
    List<ParquetOutputTables.Row> out = new ArrayList<>(rows);
    out.sort(order);
    return out;
  }

  @Provide
  Arbitrary<List<ParquetOutputTables.Row>> tables() {
    return ParquetOutputTables.tables(400);
  }

  @Provide
  Arbitrary<List<String>> projections() {
    return Arbitraries.of(ParquetOutputTables.COLUMNS).list().uniqueElements().ofMaxSize(4);
  }

  @Provide
  Arbitrary<RowFilter> filters() {
    return Arbitraries.recursive(this::leaf, inner -> Arbitraries.oneOf(
        Combinators.combine(inner, inner).as(RowFilter.And::new),
        Combinators.combine(inner, inner).as(RowFilter.Or::new),
        inner.map(RowFilter.Not::new)), 0, 3);
  }

  private Arbitrary<RowFilter> leaf() {
    Arbitrary<String> op = Arbitraries.of("=", "!=", "<", "<=", ">", ">=");
    Arbitrary<Object> number = Arbitraries.oneOf(
        Arbitraries.integers().between(-5, 420).map(i -> (Object) BigDecimal.valueOf(i)),
        Arbitraries.bigDecimals().between(new BigDecimal("-1e6"), new BigDecimal("1e6")).ofScale(2)
            .map(d -> (Object) d),
        Arbitraries.longs().map(l -> (Object) BigDecimal.valueOf(l)),
        Arbitraries.of("0", "-0.0", "1e40", "-1e40", "0.5").map(s -> (Object) new BigDecimal(s)));
    Arbitrary<Object> text = Arbitraries.oneOf(
        Arbitraries.of("", "a", "Z", " ", "aZ", "€", "東", "😀", "é", "Oslo", "Zürich", "東京", "\u0000", "\uFFFD",
            "\uFF3A", "a\uFF3A")
            .map(s -> (Object) s),
        Arbitraries.of("a", "Z", " ", "€", "東", "😀", "é", "\uFF3A").list().ofMaxSize(4).map(p -> (Object) String.join("", p)));
    Arbitrary<RowFilter> numbers = Combinators.combine(Arbitraries.of(NUMBERS), op, number)
        .as(RowFilter.Compare::new);
    Arbitrary<RowFilter> texts = Combinators.combine(Arbitraries.of(TEXTS), op, text).as(RowFilter.Compare::new);
    Arbitrary<RowFilter> flags = Combinators.combine(Arbitraries.of("=", "!="), Arbitraries.of(true, false))
        .as((o, b) -> new RowFilter.Compare("flag", o, b));
    List<String> all = new ArrayList<>(NUMBERS);
    all.addAll(TEXTS);
    all.addAll(OTHERS);
    all.add("flag");
    Arbitrary<RowFilter> isNull = Combinators.combine(Arbitraries.of(all), Arbitraries.of(true, false))
        .as(RowFilter.IsNull::new);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, numbers), net.jqwik.api.Tuple.of(2, texts),
        net.jqwik.api.Tuple.of(1, flags), net.jqwik.api.Tuple.of(1, isNull));
  }

  private static void delete(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
