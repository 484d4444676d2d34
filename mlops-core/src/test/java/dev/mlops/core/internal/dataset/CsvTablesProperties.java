package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentStore;
import dev.mlops.core.internal.content.ChunkedWriter;
import dev.mlops.core.internal.content.Chunker;
import dev.mlops.core.internal.content.ContentWrite;
import dev.mlops.core.internal.content.FileContent;
import dev.mlops.core.internal.content.Subject;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A CSV table's profile is derived block by block ({@link CsvTables}): these properties check that
 * the result is the same however the file was committed before, that appending rows leaves every
 * block but the last as it was, and that the exact parts of the profile equal values computed here
 * directly from the generated rows. Blocks are made tiny (tens of bytes) so little data gives many.
 * The base is committed as a table with its block list, so the append takes the path of a real
 * commit: the earlier blocks but the last are taken from the store unread, the earlier chunks kept.
 */
class CsvTablesProperties {
  private static final CsvBlocks.Sizes TINY = new CsvBlocks.Sizes(48, 400, 5);
  private static final CsvBlocks.Sizes ONE_BLOCK = new CsvBlocks.Sizes(Integer.MAX_VALUE - 64,
      Integer.MAX_VALUE - 64, 5);

  /** One generated row: an integer, a number, a flag and a note; null is an empty field. */
  record Row(Long n, String x, String flag, String note) {}

  @Property(tries = 40)
  void appendedRowsGiveTheSameProfileAsAFreshCommitAndReuseEveryBlockButTheLast(
      @ForAll("rows") List<Row> rows, @ForAll @IntRange(min = 0, max = 100) int basePercent,
      @ForAll boolean crlf) throws IOException {
    int split = rows.size() * basePercent / 100;
    byte[] base = csv(rows.subList(0, split), crlf);
    byte[] whole = csv(rows, crlf);

    CsvTables.Table fresh = derive(InMemoryObjectStore.create(), whole, TINY);

    ObjectStore store = InMemoryObjectStore.create();
    Committed earlier = commit(store, base, null);
    CsvTables.Table before = earlier.table();
    Committed extended = commit(store, whole, earlier.asEarlier());
    CsvTables.Table after = extended.table();

    assertEquals(Math.max(0, before.blocks().size() - 1), after.unread(), "the earlier blocks but the last, unread");
    assertArrayEquals(whole, checkout(store, extended.content()), "checks out byte for byte");
    assertEquals(earlier.content().chunks(),
        extended.content().chunks().subList(0, earlier.content().chunks().size()), "the earlier chunks kept");

    assertEquals(fresh.schema(), after.schema());
    assertEquals(fresh.rows(), after.rows());
    assertEquals(profiles(fresh), profiles(after), "the same profile, to the last bit, fresh or after the base");
    assertEquals(fresh.keys(), after.keys());
    // Appending changes only the base's last block: every other one is reused as it was (a column
    // that turns into text is profiled again in a second reading, not counted here).
    List<String> read = before.keys().subList(0, before.firstReading());
    Set<String> reused = new HashSet<>(read);
    reused.retainAll(after.keys().subList(0, after.firstReading()));
    assertTrue(reused.size() >= read.size() - 1, "reused " + reused.size() + " of " + read.size() + " blocks");

    // Exact parts against the whole file read as one block, and against values computed here.
    CsvTables.Table single = derive(InMemoryObjectStore.create(), whole, ONE_BLOCK);
    assertEquals(single.schema(), after.schema());
    for (int c = 0; c < 4; c++) {
      ColumnProfile merged = profiles(after).get(c);
      ColumnProfile once = profiles(single).get(c);
      assertEquals(once.count(), merged.count());
      assertEquals(once.nulls(), merged.nulls());
      assertEquals(once.nans(), merged.nans());
      assertEquals(once.min(), merged.min());
      assertEquals(once.max(), merged.max());
      assertEquals(once.quantiles(), merged.quantiles(), "quantiles while the sketch is exact");
      assertEquals(once.frequentItems(), merged.frequentItems(), "frequent items while they are exact");
    }
    expectIntegers(rows, profiles(after).get(0));
    expectNotes(rows, profiles(after).get(3));
    assertEquals(rows.size(), after.rows());
  }

  @Property(tries = 25)
  void aFileThatDoesNotExtendTheEarlierOneIsReadWhole(@ForAll("rows") List<Row> rows,
      @ForAll @IntRange(min = 1, max = 100) int basePercent, @ForAll Difference difference) throws IOException {
    int split = Math.max(1, rows.size() * basePercent / 100);
    byte[] whole = csv(rows, false);
    byte[] base = csv(rows.subList(0, Math.min(split, rows.size())), false);
    if (difference == Difference.BYTES) {
      // An earlier file that differs from this one's first bytes, and is still well formed.
      int at = base.length / 2;
      while (!Character.isLetterOrDigit(base[at])) {
        at++;
      }
      base[at] = Character.isDigit(base[at]) ? (byte) (base[at] == '9' ? '0' : base[at] + 1)
          : (byte) (base[at] == 'q' ? 'z' : 'q');
    }
    ObjectStore store = InMemoryObjectStore.create();
    Committed earlier = commit(store, base, null);
    if (difference == Difference.BLOCK && earlier.table().blocks().size() > 1) { // a block the append would reuse
      // With the merged result of the blocks but the last, which stands for them, damaged too.
      for (String key : earlier.table().prefix().map(p -> List.of(earlier.table().blocks().get(0).key(), p))
          .orElse(List.of(earlier.table().blocks().get(0).key()))) {
        byte[] changed = store.get(key).orElseThrow().bytes().clone();
        changed[changed.length / 2] ^= 1;
        store.delete(key);
        store.putIfAbsent(key, changed);
      }
    }
    if (difference == Difference.LIST) { // a stored length changed: the list's check must refuse it
      String key = CsvBlock.tableKey(earlier.table().sha256(), earlier.table().schema().toJson());
      byte[] list = store.get(key).orElseThrow().bytes();
      String text = new String(list, StandardCharsets.UTF_8);
      int space = text.lastIndexOf(' ', text.indexOf("\ncheck "));
      store.delete(key);
      byte[] changed = list.clone();
      changed[space + 1] = (byte) (changed[space + 1] == '9' ? '8' : changed[space + 1] + 1);
      store.putIfAbsent(key, changed);
    }
    Committed again = commit(store, whole, earlier.asEarlier());
    CsvTables.Table fresh = derive(InMemoryObjectStore.create(), whole, TINY);

    assertEquals(0, again.table().unread());
    assertEquals(profiles(fresh), profiles(again.table()));
    assertEquals(fresh.keys(), again.table().keys());
    assertArrayEquals(whole, checkout(store, again.content()));
  }

  /** What differs from an earlier file the new one extends: its bytes, or what is stored of it. */
  enum Difference { BYTES, LIST, BLOCK }

  /** A table committed as {@link CsvTables#write} does: its bytes chunked, its block list stored. */
  record Committed(CsvTables.Table table, FileContent content) {
    CsvTables.Earlier asEarlier() {
      return new CsvTables.Earlier(content, table.schema().toJson());
    }
  }

  private static Committed commit(ObjectStore store, byte[] csv, CsvTables.Earlier earlier) throws IOException {
    try (ContentWrite write = new ContentStore(store).beginWrite("test")) {
      ChunkedWriter.Output out = write.chunked(Chunker.withAverage(64)).output();
      CsvTables.Copy copy = new CsvTables.Copy(out, earlier == null ? -1 : earlier.content().size());
      CsvTables.Table table = CsvTables.derive(() -> new ByteArrayInputStream(csv), "t.csv", Optional.empty(), copy,
          earlier, write, store, Runnable::run, TINY);
      CsvTables.storeList(table, write);
      return new Committed(table, out.finish());
    }
  }

  private static byte[] checkout(ObjectStore store, FileContent content) throws IOException {
    try (InputStream in = new ContentStore(store).openChunked(content, new Subject("the table", "commit it again"))) {
      return in.readAllBytes();
    }
  }

  /** Column n against the generated integers: counts, extremes and mean computed exactly here. */
  private static void expectIntegers(List<Row> rows, ColumnProfile profile) {
    List<Long> values = rows.stream().map(Row::n).filter(v -> v != null).toList();
    assertEquals(values.size(), profile.count());
    assertEquals(rows.size() - values.size(), profile.nulls());
    if (values.isEmpty()) {
      assertEquals("Utf8", profile.type());
      return;
    }
    assertEquals("Int(64, true)", profile.type());
    assertEquals(values.stream().mapToLong(Long::longValue).min().getAsLong(), profile.min().getAsDouble());
    assertEquals(values.stream().mapToLong(Long::longValue).max().getAsLong(), profile.max().getAsDouble());
    BigDecimal sum = values.stream().map(BigDecimal::valueOf).reduce(BigDecimal.ZERO, BigDecimal::add);
    double mean = sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64).doubleValue();
    assertEquals(mean, profile.mean().getAsDouble(), 1e-9 * Math.max(1, Math.abs(mean)));
  }

  /** Column note against the generated notes: counts and, with under 768 distinct, exact frequencies. */
  private static void expectNotes(List<Row> rows, ColumnProfile profile) {
    Map<String, Long> counts = new HashMap<>();
    rows.stream().map(Row::note).filter(v -> v != null).forEach(v -> counts.merge(v, 1L, Long::sum));
    assertEquals(counts.values().stream().mapToLong(Long::longValue).sum(), profile.count());
    long least = Long.MAX_VALUE;
    for (ColumnProfile.FrequentItem item : profile.frequentItems()) {
      assertEquals(counts.get(item.value()), item.estimate(), item.value());
      least = Math.min(least, item.estimate());
    }
    Set<String> listed = new HashSet<>();
    profile.frequentItems().forEach(i -> listed.add(i.value()));
    assertEquals(Math.min(10, counts.size()), listed.size());
    for (var e : counts.entrySet()) {
      assertTrue(listed.contains(e.getKey()) || e.getValue() <= least, "a more frequent note is missing");
    }
  }

  @Provide
  Arbitrary<List<Row>> rows() {
    Arbitrary<Long> n = Arbitraries.longs().between(-1_000_000, 1_000_000).injectNull(0.1);
    Arbitrary<String> x = Arbitraries.oneOf(
        Arbitraries.integers().between(-50, 50).map(String::valueOf),
        Arbitraries.doubles().between(-1e3, 1e3).ofScale(3).map(String::valueOf),
        Arbitraries.of("NaN", " 7 ")).injectNull(0.1);
    // Booleans in any case, and now and then a word that makes the column text.
    Arbitrary<String> flag = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(20, Arbitraries.of("true", "False", "TRUE")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("maybe", "12"))).injectNull(0.2);
    Arbitrary<String> note = Arbitraries.of("plain", "with, comma", "with \"quotes\"", "two\nlines", "ünï",
        "crlf\r\nin quotes", "\"", "a").injectNull(0.1);
    return Combinators.combine(n, x, flag, note).as(Row::new).list().ofMaxSize(120);
  }

  private static byte[] csv(List<Row> rows, boolean crlf) {
    String end = crlf ? "\r\n" : "\n";
    StringBuilder out = new StringBuilder("n,x,flag,note").append(end);
    for (Row row : rows) {
      out.append(row.n() == null ? "" : row.n()).append(',')
          .append(row.x() == null ? "" : row.x()).append(',')
          .append(row.flag() == null ? "" : row.flag()).append(',')
          .append(row.note() == null ? "" : quoted(row.note())).append(end);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** RFC 4180 quoting, as pandas and spreadsheets write it. */
  private static String quoted(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private static CsvTables.Table derive(ObjectStore store, byte[] csv, CsvBlocks.Sizes sizes) throws IOException {
    try (ContentWrite write = new ContentStore(store).beginWrite("test")) {
      return CsvTables.derive(() -> new ByteArrayInputStream(csv), "t.csv", Optional.empty(), null, null, write, store,
          Runnable::run, sizes);
    }
  }

  private static List<ColumnProfile> profiles(CsvTables.Table table) {
    List<ColumnProfile> out = new ArrayList<>();
    table.profilers().forEach(p -> out.add(p.finish()));
    return out;
  }
}
