package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.parquet.format.RowGroup;

/**
 * Soundness of row-group pruning, row group by row group, against parquet-java's statistics of
 * the column types the view properties do not write: 8- and 16-bit integers (signed and unsigned),
 * 64-bit integers beyond 2^53 compared with fractional literals, doubles and floats near 2^53
 * compared with integer literals, decimals stored as INT64, BINARY and FIXED_LEN_BYTE_ARRAY, and
 * text that is not valid UTF-8. For every row group the statistics rule out, the filter (as
 * {@link BoundFilter} evaluates it on the rows read back) keeps none of its rows.
 */
class ParquetRowGroupPruningProperties {
  private static final String SCHEMA = "message t { optional int32 i8 (INTEGER(8,true)); optional int32 u8"
      + " (INTEGER(8,false)); optional int32 u16 (UINT_16); optional int32 i16 (INT_16); optional int64 big;"
      + " optional double dbl; optional float fl; optional int64 d64 (DECIMAL(18,4));"
      + " optional binary dbin (DECIMAL(20,5)); optional fixed_len_byte_array(16) dfix (DECIMAL(38,3));"
      + " optional binary s (STRING); optional boolean b; }";
  private static final List<String> NUMBERS = List.of("i8", "u8", "u16", "i16", "big", "dbl", "fl", "d64", "dbin",
      "dfix");
  private static final long P53 = 1L << 53;

  @Property(tries = 300)
  void aPrunedRowGroupHoldsNoRowTheFilterKeeps(@ForAll("rows") List<Object[]> table,
      @ForAll @IntRange(min = -1, max = 11) int sortBy, @ForAll @IntRange(min = 3, max = 40) int rowsPerGroup,
      @ForAll("filters") RowFilter filter) throws IOException {
    List<Object[]> rows = new ArrayList<>(table);
    if (sortBy >= 0) {
      rows.sort(Comparator.comparing(r -> sortKey(r[sortBy]), Comparator.nullsFirst(Comparator.naturalOrder())));
    }
    Path dir = Files.createTempDirectory("mlops-pqprune-");
    try (BufferAllocator allocator = new RootAllocator()) {
      Path file = dev.mlops.core.testing.ParquetFixtures.write(dir.resolve("t.parquet"), SCHEMA, rows,
          new dev.mlops.core.testing.ParquetFixtures.Options(
              org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED,
              org.apache.parquet.column.ParquetProperties.WriterVersion.PARQUET_1_0, true, rowsPerGroup, 7));
      int pruned = assertSound(file, filter, allocator);
      net.jqwik.api.statistics.Statistics.label("row groups pruned").collect(pruned > 0);
      net.jqwik.api.statistics.Statistics.label("row groups pruned")
          .coverage(c -> c.check(true).percentage(p -> p >= 15));
    } finally {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /**
   * Checks that every row group the statistics rule out holds no row the filter keeps; returns
   * how many were ruled out.
   */
  private static int assertSound(Path file, RowFilter filter, BufferAllocator allocator) throws IOException {
    List<Boolean> mayHold = new ArrayList<>();
    List<Long> groupRows = new ArrayList<>();
    try (ParquetFile parquet = ParquetFile.open(file)) {
      for (RowGroup group : parquet.footer().getRow_groups()) {
        mayHold.add(ParquetRowGroupPruning.mayHoldTrue(filter, parquet, group));
        groupRows.add(group.getNum_rows());
      }
    }
    try (ArrowReader reader = new ParquetArrowReader(allocator, List.of(file))) {
      BoundFilter bound = BoundFilter.bind(filter, reader.getVectorSchemaRoot().getSchema(), "t");
      int group = 0;
      long leftInGroup = groupRows.isEmpty() ? 0 : groupRows.get(0);
      while (reader.loadNextBatch()) {
        while (leftInGroup == 0) {
          leftInGroup = groupRows.get(++group);
        }
        int kept = bound.select(reader.getVectorSchemaRoot()).length;
        if (!mayHold.get(group)) {
          assertEquals(0, kept, "row group " + group + " was pruned but " + filter.text() + " keeps rows of it");
        }
        leftInGroup -= reader.getVectorSchemaRoot().getRowCount();
      }
    }
    return (int) mayHold.stream().filter(m -> !m).count();
  }

  /**
   * Statistics that are not proof: bounds only in the deprecated min and max fields, or without
   * the footer's column orders (older writers, whose order of text and unsigned integers was
   * not the type's), a missing null count. Each footer is patched to lie (bounds that exclude
   * every value) where it is not to be believed, so believing it would drop rows the filter keeps.
   */
  @org.junit.jupiter.api.Test
  void statisticsThatAreNoProofPruneNothing() throws IOException {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rows.add(new Object[] {i < 30 ? null : i, i % 2 == 0 ? "b" + i : "\u00e9" + i});
    }
    Path dir = Files.createTempDirectory("mlops-pqprune-");
    try (BufferAllocator allocator = new RootAllocator()) {
      Path file = dev.mlops.core.testing.ParquetFixtures.write(dir.resolve("t.parquet"),
          "message t { optional int32 u (INTEGER(32,false)); optional binary s (STRING); }", rows,
          new dev.mlops.core.testing.ParquetFixtures.Options(
              org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED,
              org.apache.parquet.column.ParquetProperties.WriterVersion.PARQUET_1_0, true, 10, 5));
      byte[] lie = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(1_000_000).array();
      // 1. bounds (excluding every value) only in the deprecated fields
      Path deprecated = patched(file, dir.resolve("deprecated.parquet"), (footer, s) -> {
        s.unsetMin_value();
        s.unsetMax_value();
        s.setMin(lie);
        s.setMax(lie);
      });
      // 2. the type's bounds, lying, but no column orders in the footer
      Path unordered = patched(file, dir.resolve("unordered.parquet"), (footer, s) -> {
        footer.unsetColumn_orders();
        s.setMin_value(lie);
        s.setMax_value(lie);
        s.setNull_count(0);
      });
      // 3. no null count and no bounds: a chunk may hold nulls and values
      Path noCounts = patched(file, dir.resolve("nocounts.parquet"), (footer, s) -> {
        s.unsetNull_count();
        s.unsetMin_value();
        s.unsetMax_value();
      });
      // 4. bounds in the wrong order (as a writer ordering UINT32 signed would leave), both above
      // every value of u and every text: min 4,095 (bytes FF 0F 00 00) above max 100 (64 00 00 00)
      byte[] high = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(4_095).array();
      byte[] low = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(100).array();
      Path inverted = patched(file, dir.resolve("inverted.parquet"), (footer, s) -> {
        s.setMin_value(high);
        s.setMax_value(low);
      });
      for (Path p : List.of(file, deprecated, unordered, noCounts, inverted)) {
        for (String where : List.of("u is null", "u is not null", "not u is null", "u < 40", "not u < 40",
            "u = 45", "u != 45", "s = 'b4'", "s > 'b'", "s = '\u00e9" + "1'", "not s != 'b4'", "u > 2147483647")) {
          int pruned = assertSound(p, RowFilter.parse(where), allocator);
          if (p == unordered || p == noCounts) { // nothing to go by (deprecated, inverted: the null counts stand)
            assertEquals(0, pruned, where + " pruned row groups of " + p.getFileName());
          }
        }
      }
      // the unpatched file's statistics are used: of its six row groups of ten, the first three
      // hold only nulls of u, the last two u from 40 to 59
      assertEquals(5, assertSound(file, RowFilter.parse("u < 40"), allocator));
      assertEquals(3, assertSound(file, RowFilter.parse("u is not null"), allocator));
    } finally {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private interface Patch {
    void apply(org.apache.parquet.format.FileMetaData footer, org.apache.parquet.format.Statistics stats);
  }

  /** The file with every column chunk's statistics patched. */
  private static Path patched(Path file, Path to, Patch patch) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerStart = bytes.length - 8 - footerLength;
    org.apache.parquet.format.FileMetaData footer = org.apache.parquet.format.Util.readFileMetaData(
        new java.io.ByteArrayInputStream(bytes, footerStart, footerLength));
    for (RowGroup group : footer.getRow_groups()) {
      for (org.apache.parquet.format.ColumnChunk chunk : group.getColumns()) {
        org.apache.parquet.format.ColumnMetaData meta = chunk.getMeta_data();
        if (!meta.isSetStatistics()) {
          meta.setStatistics(new org.apache.parquet.format.Statistics());
        }
        patch.apply(footer, meta.getStatistics());
      }
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(bytes, 0, footerStart);
    java.io.ByteArrayOutputStream encoded = new java.io.ByteArrayOutputStream();
    org.apache.parquet.format.Util.writeFileMetaData(footer, encoded);
    encoded.writeTo(out);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(encoded.size()).array());
    out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
    return Files.write(to, out.toByteArray());
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Comparable sortKey(Object v) {
    if (v instanceof byte[] b) {
      return new String(b, StandardCharsets.ISO_8859_1);
    }
    return (Comparable) v;
  }

  @Provide
  Arbitrary<List<Object[]>> rows() {
    Arbitrary<Object> i8 = Arbitraries.integers().between(-128, 127).map(v -> (Object) v);
    Arbitrary<Object> u8 = Arbitraries.integers().between(0, 255).map(v -> (Object) v);
    Arbitrary<Object> u16 = Arbitraries.integers().between(0, 65535).map(v -> (Object) v);
    Arbitrary<Object> i16 = Arbitraries.integers().between(-32768, 32767).map(v -> (Object) v);
    Arbitrary<Object> big = Arbitraries.oneOf(Arbitraries.longs(),
        Arbitraries.longs().between(-3, 3).map(d -> P53 + d), Arbitraries.longs().between(-3, 3).map(d -> -P53 + d),
        Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L)).map(v -> (Object) v);
    Arbitrary<Object> dbl = Arbitraries.oneOf(Arbitraries.doubles().between(-1e3, 1e3),
        Arbitraries.longs().between(-3, 3).map(d -> (double) (P53 + d)),
        Arbitraries.of(Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1e300))
        .map(v -> (Object) v);
    Arbitrary<Object> fl = Arbitraries.oneOf(Arbitraries.floats().between(-1e3f, 1e3f),
        Arbitraries.of(Float.NaN, -0.0f, 0.0f, 16777216f, 16777218f, Float.MAX_VALUE, Float.NEGATIVE_INFINITY))
        .map(v -> (Object) v);
    Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(Arbitraries.longs().between(-100_000, 100_000)
        .map(BigInteger::valueOf), Arbitraries.bigIntegers().between(BigInteger.TEN.pow(20).negate(),
        BigInteger.TEN.pow(20)));
    Arbitrary<Object> d64 = Arbitraries.longs().between(-10_000_000, 10_000_000).map(v -> (Object) v);
    Arbitrary<Object> dbin = unscaled.filter(u -> u.abs().compareTo(BigInteger.TEN.pow(20)) < 0)
        .map(u -> (Object) u.toByteArray());
    Arbitrary<Object> dfix = unscaled.map(u -> (Object) fixed16(u));
    Arbitrary<Object> s = Arbitraries.oneOf(
        Arbitraries.of("a", "Z", "é", "\uFF3A", "😀", "東", "\uFFFD", "").list().ofMaxSize(3)
            .map(p -> (Object) String.join("", p).getBytes(StandardCharsets.UTF_8)),
        Arbitraries.of(new byte[] {'a', (byte) 0xC3}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0,
            (byte) 0x80}, new byte[] {'Z', (byte) 0x80, 'a'}, new byte[] {(byte) 0xC0, (byte) 0x80})
            .map(v -> (Object) v));
    Arbitrary<Object> b = Arbitraries.of(true, false).map(v -> (Object) v);
    List<Arbitrary<Object>> columns = new ArrayList<>();
    for (Arbitrary<Object> c : List.of(i8, u8, u16, i16, big, dbl, fl, d64, dbin, dfix, s, b)) {
      columns.add(c.injectNull(0.15));
    }
    return Combinators.combine(columns).as(List::toArray).list().ofMaxSize(200);
  }

  private static byte[] fixed16(BigInteger unscaled) {
    byte[] minimal = unscaled.toByteArray();
    byte[] out = new byte[16];
    Arrays.fill(out, unscaled.signum() < 0 ? (byte) 0xFF : 0);
    System.arraycopy(minimal, 0, out, 16 - minimal.length, minimal.length);
    return out;
  }

  @Provide
  Arbitrary<RowFilter> filters() {
    Arbitrary<String> op = Arbitraries.of("=", "!=", "<", "<=", ">", ">=");
    Arbitrary<Object> number = Arbitraries.oneOf(
        Arbitraries.integers().between(-300, 70_000).map(i -> (Object) BigDecimal.valueOf(i)),
        Arbitraries.bigDecimals().between(new BigDecimal("-1100"), new BigDecimal("1100")).ofScale(3)
            .map(v -> (Object) v),
        Arbitraries.longs().map(l -> (Object) BigDecimal.valueOf(l)),
        Arbitraries.longs().between(-3, 3).map(d -> (Object) BigDecimal.valueOf(P53 + d)),
        Arbitraries.longs().between(-3, 3).map(d -> (Object) BigDecimal.valueOf(P53 + d).add(new BigDecimal("0.5"))),
        Arbitraries.of("0", "-0.0", "127", "128", "255", "256", "-129", "65535", "65536", "32767", "-32769",
            "16777217", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e40", "-1e40",
            "1e-400", "-1e-400", "0.00001", "1e20", "-1e20", "1e300").map(v -> (Object) new BigDecimal(v)));
    Arbitrary<Object> text = Arbitraries.oneOf(
        Arbitraries.of("a", "Z", "é", "\uFF3A", "😀", "東", "\uFFFD", "", "a\uFFFD", "\uD800").list().ofMaxSize(3)
            .map(p -> (Object) String.join("", p)));
    Arbitrary<RowFilter> numbers = Combinators.combine(Arbitraries.of(NUMBERS), op, number)
        .as(RowFilter.Compare::new);
    Arbitrary<RowFilter> texts = Combinators.combine(op, text).as((o, t) -> new RowFilter.Compare("s", o, t));
    Arbitrary<RowFilter> flags = Combinators.combine(Arbitraries.of("=", "!="), Arbitraries.of(true, false))
        .as((o, v) -> new RowFilter.Compare("b", o, v));
    List<String> all = new ArrayList<>(NUMBERS);
    all.add("s");
    all.add("b");
    Arbitrary<RowFilter> isNull = Combinators.combine(Arbitraries.of(all), Arbitraries.of(true, false))
        .as(RowFilter.IsNull::new);
    Arbitrary<RowFilter> leaf = Arbitraries.frequencyOf(Tuple.of(4, numbers), Tuple.of(2, texts),
        Tuple.of(1, flags), Tuple.of(1, isNull));
    return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
        Combinators.combine(inner, inner).as(RowFilter.And::new),
        Combinators.combine(inner, inner).as(RowFilter.Or::new),
        inner.map(RowFilter.Not::new)), 0, 3);
  }
}
