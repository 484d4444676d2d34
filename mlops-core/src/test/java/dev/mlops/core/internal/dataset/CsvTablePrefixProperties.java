package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ChunkedWriter;
import dev.mlops.core.internal.content.Chunker;
import dev.mlops.core.internal.content.ContentStore;
import dev.mlops.core.internal.content.ContentWrite;
import dev.mlops.core.internal.content.FileContent;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A CSV table stores with its block list the merged result of its blocks but the last, and an
 * append takes that one object instead of merging every earlier block again ({@link CsvTables}).
 * These properties check that the profile and the sketches come out bit for bit as a fresh commit
 * of the whole file gives them, over rows enough that the quantile sketches compact and the
 * frequent-items sketch drops items (where a lossy stored state would show), appended twice (the
 * second append takes the merged result the first append stored), and that the object is what
 * the append takes: with the earlier blocks deleted, the append still reuses them.
 */
class CsvTablePrefixProperties {
  /** Blocks of about 512 bytes: a few hundred blocks from a few thousand rows. */
  private static final CsvBlocks.Sizes SMALL = new CsvBlocks.Sizes(256, 2048, 9);

  @Property(tries = 12)
  void appendingTwiceGivesTheFreshCommitsProfileAndSketchesToTheLastBit(
      @ForAll @IntRange(min = 1500, max = 6000) int rowCount, @ForAll @IntRange(min = 1, max = 99) int firstPercent,
      @ForAll @IntRange(min = 0, max = 100) int secondPercent, @ForAll long seed,
      @ForAll boolean deleteEarlierBlocks) throws IOException {
    List<String> rows = rows(rowCount, seed);
    int first = rowCount * firstPercent / 100;
    int second = first + (rowCount - first) * secondPercent / 100;
    byte[] base = csv(rows.subList(0, first));
    byte[] middle = csv(rows.subList(0, second));
    byte[] whole = csv(rows);

    ObjectStore store = InMemoryObjectStore.create();
    Committed committed = commit(store, base, null);
    for (byte[] next : List.of(middle, whole)) {
      List<CsvBlock.Ref> earlierBlocks = committed.table().blocks();
      boolean prefixed = earlierBlocks.size() - 1 >= 2;
      assertEquals(prefixed, committed.table().prefix().isPresent(), "a merged result stored for "
          + earlierBlocks.size() + " blocks");
      if (prefixed) {
        String listed = new String(store.get(CsvBlock.tableKey(committed.table().sha256(),
            committed.table().schema().toJson())).orElseThrow().bytes(), StandardCharsets.UTF_8);
        assertTrue(CsvBlock.decodeTable(listed.getBytes(StandardCharsets.UTF_8))
            .contains(committed.table().prefix().get()), "its block list names it, so collection keeps it");
      }
      if (deleteEarlierBlocks && prefixed) { // only the merged result can stand for them now
        for (CsvBlock.Ref ref : earlierBlocks.subList(0, earlierBlocks.size() - 1)) {
          store.delete(ref.key());
        }
      }
      committed = commit(store, next, committed.asEarlier());
      CsvTables.Table fresh = derive(InMemoryObjectStore.create(), next);

      assertEquals(Math.max(0, earlierBlocks.size() - 1), committed.table().unread(), "the earlier blocks but the last, unread");
      assertEquals(fresh.schema(), committed.table().schema());
      assertEquals(fresh.rows(), committed.table().rows());
      assertEquals(fresh.keys(), committed.table().keys());
      assertEquals(profiles(fresh), profiles(committed.table()));
      assertArrayEquals(sketches(fresh), sketches(committed.table()), "the same sketches, byte for byte");
      assertEquals(fresh.prefix(), committed.table().prefix(), "the same merged result stored");
    }
    // Where a lossy stored state would show: the quantiles are estimates, the notes too many to count.
    assertTrue(profiles(derive(InMemoryObjectStore.create(), whole)).get(0).quantiles().isEmpty(),
        "the quantile sketch compacted");
    assertTrue(rows.stream().map(r -> r.substring(r.indexOf('"'))).distinct().count()
        > dev.mlops.core.internal.drift.profile.CategoricalSketch.CAPACITY, "more notes than the sketch counts");
  }

  @Property(tries = 10)
  void aDamagedMergedResultIsNotTakenTheBlocksAreMergedInstead(
      @ForAll @IntRange(min = 1500, max = 3000) int rowCount, @ForAll long seed, @ForAll boolean alsoABlock)
      throws IOException {
    List<String> rows = rows(rowCount, seed);
    byte[] base = csv(rows.subList(0, rowCount * 9 / 10));
    byte[] whole = csv(rows);
    ObjectStore store = InMemoryObjectStore.create();
    Committed earlier = commit(store, base, null);
    String prefix = earlier.table().prefix().orElseThrow();
    byte[] damaged = store.get(prefix).orElseThrow().bytes().clone();
    damaged[damaged.length / 2] ^= 1;
    store.delete(prefix);
    store.putIfAbsent(prefix, damaged);
    if (alsoABlock) { // then nothing of the earlier file's profile can be taken: it is read whole
      String block = earlier.table().blocks().get(0).key();
      byte[] changed = store.get(block).orElseThrow().bytes().clone();
      changed[changed.length / 2] ^= 1;
      store.delete(block);
      store.putIfAbsent(block, changed);
    }
    Committed again = commit(store, whole, earlier.asEarlier());
    CsvTables.Table fresh = derive(InMemoryObjectStore.create(), whole);
    assertEquals(alsoABlock ? 0 : earlier.table().blocks().size() - 1, again.table().unread());
    assertEquals(profiles(fresh), profiles(again.table()));
    assertArrayEquals(sketches(fresh), sketches(again.table()));
  }

  /** Rows of an integer, a decimal, a category and a note with thousands of distinct values. */
  private static List<String> rows(int count, long seed) {
    java.util.Random random = new java.util.Random(seed);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add((random.nextInt(10) == 0 ? "" : Long.toString(random.nextLong() % 1_000_000)) + ","
          + String.format(java.util.Locale.ROOT, "%.3f", random.nextGaussian() * 100) + ","
          + "city" + random.nextInt(40) + ","
          + "\"note " + random.nextInt(count) + (random.nextInt(50) == 0 ? ", with\nline" : "") + "\"\n");
    }
    return rows;
  }

  private static byte[] csv(List<String> rows) {
    return ("n,x,city,note\n" + String.join("", rows)).getBytes(StandardCharsets.UTF_8);
  }

  record Committed(CsvTables.Table table, FileContent content) {
    CsvTables.Earlier asEarlier() {
      return new CsvTables.Earlier(content, table.schema().toJson());
    }
  }

  private static Committed commit(ObjectStore store, byte[] csv, CsvTables.Earlier earlier) throws IOException {
    try (ContentWrite write = new ContentStore(store).beginWrite("test")) {
      ChunkedWriter.Output out = write.chunked(Chunker.withAverage(1024)).output();
      CsvTables.Copy copy = new CsvTables.Copy(out, earlier == null ? -1 : earlier.content().size());
      CsvTables.Table table = CsvTables.derive(() -> new ByteArrayInputStream(csv), "t.csv", Optional.empty(), copy,
          earlier, write, store, Runnable::run, SMALL);
      CsvTables.storeList(table, write);
      return new Committed(table, out.finish());
    }
  }

  private static CsvTables.Table derive(ObjectStore store, byte[] csv) throws IOException {
    try (ContentWrite write = new ContentStore(store).beginWrite("test")) {
      return CsvTables.derive(() -> new ByteArrayInputStream(csv), "t.csv", Optional.empty(), null, null, write, store,
          Runnable::run, SMALL);
    }
  }

  private static List<dev.mlops.api.dataset.ColumnProfile> profiles(CsvTables.Table table) {
    return table.profilers().stream().map(ColumnProfiler::finish).toList();
  }

  private static byte[] sketches(CsvTables.Table table) {
    return TableWriter.sketches(table.schema(), table.profilers()).toBytes();
  }
}
