package dev.mlops.cli.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.cli.CliRun;
import dev.mlops.core.MlOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops data view} and how the other data commands show a view. */
class DataViewCommandTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.inStore(dir.resolve("store"), args);
  }

  /** 100 days: temp = i % 40, city Oslo for even i; temp > 30 and Oslo holds for i % 40 in {32, 34, 36, 38}: 8 rows (i < 80). */
  private void commitWeather() throws Exception {
    StringBuilder csv = new StringBuilder("date,temp,city\n");
    for (int i = 0; i < 100; i++) {
      csv.append("day").append(i).append(',').append(i % 40).append(',').append(i % 2 == 0 ? "Oslo" : "Paris").append('\n');
    }
    Path file = Files.writeString(dir.resolve("weather.csv"), csv);
    try (MlOps mlops = MlOps.open(MlOps.toStoreUri(dir.resolve("store").toString()))) {
      mlops.datasets().commit(CommitRequest.builder().dataset("weather")
          .addTable("weather.arrow", new TableSource.FromCsv(file, Optional.empty())).build());
      mlops.datasets().tag("weather", "v1");
    }
  }

  @Test
  @DisplayName("view commits metadata only; show, log and checkout present and materialize it")
  void viewShowLogCheckout() throws Exception {
    commitWeather();
    CliRun view = run("--json", "data", "view", "hot", "weather@v1", "--columns", "date,temp",
        "--where", "temp > 30 and city = 'Oslo'", "-m", "hot days");
    assertEquals(0, view.exitCode(), view.err());
    JsonNode json = view.json();
    assertEquals("hot", json.get("dataset").asText());
    assertEquals(8, json.get("rows").asLong());
    assertTrue(json.get("view").get("base").asText().startsWith("weather@"));
    assertEquals("[\"date\",\"temp\"]", json.get("view").get("columns").toString());
    assertEquals("(temp > 30 and city = 'Oslo')", json.get("view").get("where").asText());

    JsonNode shown = run("--json", "data", "show", "hot").json();
    assertEquals(json.get("view"), shown.get("view"));
    assertEquals(8, shown.get("files").get(0).get("rows").asLong());
    assertEquals(json.get("view"), run("--json", "data", "log", "hot").json().get("versions").get(0).get("view"));

    // By default in the base file's format: the base is a CSV file (committed under an odd name).
    CliRun checkout = run("--json", "data", "checkout", "hot", dir.resolve("out").toString());
    assertEquals(0, checkout.exitCode(), checkout.err());
    List<String> lines = Files.readAllLines(dir.resolve("out/weather.arrow"));
    assertEquals("date,temp", lines.get(0));
    assertEquals(List.of("day32,32", "day34,34", "day36,36", "day38,38", "day72,32", "day74,34", "day76,36",
        "day78,38"), lines.subList(1, lines.size()));

    CliRun arrow = run("data", "checkout", "hot", dir.resolve("arrow").toString(), "--format", "arrow");
    assertEquals(0, arrow.exitCode(), arrow.err());
    try (RootAllocator allocator = new RootAllocator();
        ArrowStreamReader reader = new ArrowStreamReader(Files.newInputStream(dir.resolve("arrow/weather.arrow")), allocator)) {
      long rows = 0;
      while (reader.loadNextBatch()) {
        rows += reader.getVectorSchemaRoot().getRowCount();
        assertEquals(2, reader.getVectorSchemaRoot().getSchema().getFields().size());
      }
      assertEquals(8, rows);
    }
  }

  @Test
  @DisplayName("checkout --format parquet writes a view as Parquet that reads back to its rows; a view of it checks out as Parquet; an unknown format is a usage error")
  void checkoutFormats() throws Exception {
    commitWeather();
    assertEquals(0, run("data", "view", "hot", "weather@v1", "--where", "temp > 30").exitCode());
    CliRun parquet = run("data", "checkout", "hot", dir.resolve("p").toString(), "--format", "parquet");
    assertEquals(0, parquet.exitCode(), parquet.err());
    Path written = dir.resolve("p/weather.parquet");
    assertTrue(Files.exists(written) && !Files.exists(dir.resolve("p/weather.arrow")), "the table extension replaced");
    // Read back by committing the file as a Parquet table: temp 31..39 twice (i < 80), in order.
    assertEquals(0, run("data", "commit", "back", written.toString(), "--table").exitCode());
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (i % 40 > 30) {
        expected.add("day" + i + "," + i % 40 + "," + (i % 2 == 0 ? "Oslo" : "Paris"));
      }
    }
    assertEquals(expected, rows("back", "weather.parquet"));

    // A view of that Parquet table checks out as Parquet by default.
    assertEquals(0, run("data", "view", "oslo", "back", "--where", "city = 'Oslo'").exitCode());
    CliRun view = run("data", "checkout", "oslo", dir.resolve("v").toString());
    assertEquals(0, view.exitCode(), view.err());
    assertEquals(0, run("data", "commit", "back2", dir.resolve("v/weather.parquet").toString(), "--table").exitCode());
    assertEquals(expected.stream().filter(r -> r.endsWith("Oslo")).toList(), rows("back2", "weather.parquet"));

    CliRun xml = run("data", "checkout", "hot", dir.resolve("x").toString(), "--format", "xml");
    assertEquals(2, xml.exitCode());
    assertTrue(xml.err().contains("--format takes csv, parquet or arrow, got 'xml'"), xml.err());
    CliRun csv = run("data", "checkout", "hot", dir.resolve("c").toString(), "--format", "csv");
    assertEquals(0, csv.exitCode(), csv.err());
    assertEquals(1 + 18, Files.readAllLines(dir.resolve("c/weather.arrow")).size(),
        "the header and temp 31..39 twice (i < 80); the base file's name, since CSV is its format");
  }

  @Test
  @DisplayName("checkout --format parquet of a table with a column Parquet output does not write names it and --format csv or arrow")
  void parquetRefusal() throws Exception {
    try (MlOps mlops = MlOps.open(MlOps.toStoreUri(dir.resolve("store").toString()));
        RootAllocator allocator = new RootAllocator();
        SmallIntVector small = new SmallIntVector("small", allocator)) {
      small.setSafe(0, 7);
      small.setValueCount(1);
      VectorSchemaRoot root = VectorSchemaRoot.of(small);
      root.setRowCount(1);
      mlops.datasets().commit(CommitRequest.builder().dataset("s").addTable("s", new TableSource.FromRoot(root)).build());
    }
    CliRun parquet = run("data", "checkout", "s", dir.resolve("p").toString(), "--format", "parquet");
    assertEquals(1, parquet.exitCode());
    assertTrue(parquet.err().contains("column 'small' is of type Int(16, true)"), parquet.err());
    assertTrue(parquet.err().contains("--format csv or --format arrow"), parquet.err());
    assertTrue(!Files.exists(dir.resolve("p")), "nothing written");
  }

  /** A table's rows as comma-joined text, read through the Java API. */
  private List<String> rows(String dataset, String path) throws Exception {
    List<String> rows = new java.util.ArrayList<>();
    try (MlOps mlops = MlOps.open(MlOps.toStoreUri(dir.resolve("store").toString()));
        RootAllocator allocator = new RootAllocator();
        ArrowReader reader = mlops.datasets().openTable(dataset, path, allocator)) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        for (int i = 0; i < root.getRowCount(); i++) {
          StringBuilder row = new StringBuilder();
          for (FieldVector v : root.getFieldVectors()) {
            row.append(row.length() == 0 ? "" : ",").append(v.getObject(i));
          }
          rows.add(row.toString());
        }
      }
    }
    return rows;
  }

  @Test
  @DisplayName("an unknown column is an error naming it, with exit code 1")
  void unknownColumn() throws Exception {
    commitWeather();
    CliRun bad = run("data", "view", "hot", "weather@v1", "--columns", "date,wind");
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().contains("no column 'wind'"), bad.err());
    assertEquals(1, run("data", "show", "hot").exitCode(), "nothing was committed");
  }
}
