package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.Sha256;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes in comes out: a file committed as a table checks out as the bytes committed. */
class TableCheckoutTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a CSV committed as a table checks out byte for byte under its own name; its Arrow view is read beside it")
  void csvTableChecksOutAsCommitted() throws IOException {
    // A byte-order mark, CRLF line ends, a quoted comma, an empty field and non-ASCII text: all of
    // it must come back as it was, though the table view normalizes each of them away.
    byte[] csv = "\uFEFFcity,temp\r\n\"Zürich, CH\",21.5\r\n東京,\r\nOslo,-3\r\n".getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(dir.resolve("weather.csv"), csv);
    try (ObjectStore store = InMemoryObjectStore.create(); BufferAllocator allocator = new RootAllocator()) {
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      DatasetFile table = datasets.commit(CommitRequest.builder().dataset("w")
          .addTable("weather.csv", new TableSource.FromCsv(file, Optional.empty())).build()).files().get(0);
      assertEquals(csv.length, table.size(), "the version lists the file's own size");
      assertEquals(Sha256.hex(csv), table.sha256(), "and its own SHA-256");
      assertEquals(3, table.rows().getAsLong());

      Path out = dir.resolve("out");
      datasets.checkout("w", out);
      assertArrayEquals(csv, Files.readAllBytes(out.resolve("weather.csv")));
      try (InputStream in = datasets.open("w", "weather.csv")) {
        assertArrayEquals(csv, in.readAllBytes());
      }
      try (ArrowReader reader = datasets.openTable("w", "weather.csv", allocator)) {
        assertTrue(reader.loadNextBatch());
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        assertEquals("Zürich, CH", root.getVector("city").getObject(0).toString());
        assertEquals("東京", root.getVector("city").getObject(1).toString());
        assertTrue(root.getVector("temp").isNull(1), "an empty field is null in the table view");
        assertEquals(-3.0, root.getVector("temp").getObject(2));
      }
      assertTrue(datasets.profile("w").columns().contains("temp"), "sketches are stored beside the file");
    }
  }

  @Test
  @DisplayName("rows appended to a CSV table: both versions check out byte for byte, and the commit stores the"
      + " appended bytes and the new blocks' profiles, not the earlier file again")
  void appendedRowsStoreOnlyWhatIsNew() throws IOException {
    StringBuilder text = new StringBuilder("id,value,city\n");
    for (int i = 0; i < 40_000; i++) { // 1.3 MB: more than one block, many chunks
      text.append(i).append(',').append(i * 0.25).append(",city").append(i % 7).append('\n');
    }
    byte[] base = text.toString().getBytes(StandardCharsets.UTF_8);
    for (int i = 40_000; i < 40_400; i++) {
      text.append(i).append(',').append(i * 0.25).append(",city").append(i % 7).append('\n');
    }
    byte[] appended = text.toString().getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("t.csv");
    try (ObjectStore store = InMemoryObjectStore.create(); BufferAllocator allocator = new RootAllocator()) {
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      Files.write(file, base);
      String first = datasets.commit(CommitRequest.builder().dataset("t").averageChunkSize(16 * 1024)
          .addTable("t.csv", new TableSource.FromCsv(file, Optional.empty())).build()).ref().toString();
      Files.write(file, appended);
      var second = datasets.commitWithStats(CommitRequest.builder().dataset("t").averageChunkSize(16 * 1024)
          .addTable("t.csv", new TableSource.FromCsv(file, Optional.empty())).build());

      // A chunk ends where the earlier file ended: its chunks are all reused.
      long added = appended.length - base.length;
      assertTrue(second.newBytes() < added + 64 * 1024, second.newBytes() + " new bytes for " + added
          + " appended: the appended bytes, the new blocks' profiles, sketches and manifest");
      datasets.checkout(first, dir.resolve("one"));
      datasets.checkout("t", dir.resolve("two"));
      assertArrayEquals(base, Files.readAllBytes(dir.resolve("one/t.csv")));
      assertArrayEquals(appended, Files.readAllBytes(dir.resolve("two/t.csv")));
      assertEquals(40_400, second.version().files().get(0).rows().getAsLong());
      long rows = 0;
      try (ArrowReader reader = datasets.openTable("t", "t.csv", allocator)) {
        while (reader.loadNextBatch()) {
          VectorSchemaRoot root = reader.getVectorSchemaRoot();
          for (int r = 0; r < root.getRowCount(); r++, rows++) {
            assertEquals(rows, root.getVector("id").getObject(r), "row " + rows);
          }
        }
      }
      assertEquals(40_400, rows);
    }
  }

  @Test
  @DisplayName("an unchanged table file is not read again (stat cache); a changed one is, and a given schema always is")
  void unchangedTableIsNotReadAgain() throws IOException {
    Path file = Files.writeString(dir.resolve("t.csv"), "a,b\n1,x\n2,y\n");
    // An hour old: the stat cache trusts no file modified just before it was hashed (racy git).
    var old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600));
    Files.setLastModifiedTime(file, old);
    try (ObjectStore store = InMemoryObjectStore.create()) {
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.of(dir.resolve("stat-cache")));
      CommitRequest request = CommitRequest.builder().dataset("s")
          .addTable("t.csv", new TableSource.FromCsv(file, Optional.empty())).build();
      var first = datasets.commitWithStats(request);
      var again = datasets.commitWithStats(request);
      assertEquals(1, again.filesFromCache());
      assertEquals(0, again.filesHashed());
      assertEquals(first.version().files(), again.version().files(), "the same table, profiles included");

      Files.writeString(file, "a,b\n1,x\n2,y\n3,z\n");
      var changed = datasets.commitWithStats(request);
      assertEquals(1, changed.filesHashed());
      assertEquals(3, changed.version().files().get(0).rows().getAsLong());

      var schema = new org.apache.arrow.vector.types.pojo.Schema(List.of(
          org.apache.arrow.vector.types.pojo.Field.nullable("a", org.apache.arrow.vector.types.pojo.ArrowType.Utf8.INSTANCE),
          org.apache.arrow.vector.types.pojo.Field.nullable("b", org.apache.arrow.vector.types.pojo.ArrowType.Utf8.INSTANCE)));
      var typed = datasets.commitWithStats(CommitRequest.builder().dataset("s")
          .addTable("t.csv", new TableSource.FromCsv(file, Optional.of(schema))).build());
      assertEquals(1, typed.filesHashed(), "a given schema may differ from the parent's: read again");
      assertEquals("Utf8", typed.version().files().get(0).schema().orElseThrow().getFields().get(0).getType().toString());
    }
  }

  @Property(tries = 60)
  void anyCsvRoundTripsByteForByteAndItsTableHoldsItsFields(@ForAll("csvTables") List<List<String>> rows,
      @ForAll boolean crlf, @ForAll boolean finalLineEnd) throws IOException {
    String end = crlf ? "\r\n" : "\n";
    StringBuilder text = new StringBuilder();
    int columns = rows.get(0).size();
    for (int c = 0; c < columns; c++) {
      text.append(c == 0 ? "" : ",").append("c").append(c);
    }
    for (List<String> row : rows) {
      text.append(end);
      for (int c = 0; c < columns; c++) {
        text.append(c == 0 ? "" : ",").append(quoted(row.get(c)));
      }
    }
    if (finalLineEnd) {
      text.append(end);
    }
    byte[] csv = text.toString().getBytes(StandardCharsets.UTF_8);
    Path work = Files.createTempDirectory("mlops-csv-"); // jqwik does not inject @TempDir
    Path file = Files.write(work.resolve("t.csv"), csv);
    try (ObjectStore store = InMemoryObjectStore.create(); BufferAllocator allocator = new RootAllocator()) {
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      datasets.commit(CommitRequest.builder().dataset("p")
          .addTable("t.csv", new TableSource.FromCsv(file, Optional.empty())).averageChunkSize(64).build());
      datasets.checkout("p", work.resolve("out"));
      assertArrayEquals(csv, Files.readAllBytes(work.resolve("out/t.csv")));
      List<List<String>> read = new ArrayList<>();
      try (ArrowReader reader = datasets.openTable("p", "t.csv", allocator)) {
        while (reader.loadNextBatch()) {
          VectorSchemaRoot root = reader.getVectorSchemaRoot();
          for (int r = 0; r < root.getRowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
              Object value = root.getVector(c).getObject(r);
              row.add(value == null ? "" : value.toString());
            }
            read.add(row);
          }
        }
      }
      assertEquals(escaped(rows), escaped(read), "an empty field reads as null, every other field as written");
    } finally {
      try (var walk = Files.walk(work)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /**
   * Rows of 2-4 text fields: empty, or "v" and then any of letters, non-ASCII (accents, CJK, an
   * emoji), commas, quotes, spaces and line breaks. The "v" keeps every column text, and no row is
   * all empty (the reader skips blank lines).
   */
  @Provide
  Arbitrary<List<List<String>>> csvTables() {
    Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.just(""),
        Arbitraries.of("a", "Z", "é", "日本", "😀", ",", "\"", " ", "\n", "\r", "\r\n", "\t")
            .list().ofMaxSize(8).map(parts -> "v" + String.join("", parts)));
    return Arbitraries.integers().between(2, 4).flatMap(columns -> field.list().ofSize(columns)
        .filter(row -> row.stream().anyMatch(s -> !s.isEmpty())).list().ofMinSize(1).ofMaxSize(30));
  }

  /** Line breaks spelled out, so a failure's message shows them. */
  private static String escaped(List<List<String>> rows) {
    return rows.toString().replace("\r", "\\r").replace("\n", "\\n").replace("]", ")").replace("[", "(");
  }

  private static String quoted(String field) {
    boolean needs = field.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
    return needs ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }
}
