package dev.mlops.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetConflictException;
import dev.mlops.api.dataset.DatasetDiff;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.dataset.ExternalFile;
import dev.mlops.api.dataset.TableFormat;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.dataset.ViewRequest;
import dev.mlops.core.MlOps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of docs/datasets.md: each region between {@code // snippet:NAME} and {@code // end:NAME}
 * is shown on the page (DocsSnippetsTest keeps the two equal) and runs here against a real store.
 */
@DisplayName("docs/datasets.md")
class DatasetsPageTest {
  @TempDir Path dir;

  @Test
  @DisplayName("commit, history, diff, checkout and open")
  void versionsAndReadingBack() throws IOException {
    Path storeDirectory = dir.resolve("store");
    Path dumps = dir.resolve("dumps/2014");
    Files.createDirectories(dumps.resolve("2013"));
    Files.writeString(dumps.resolve("2013/jan.csv"), "date,temp\n2013-01-01,4.1\n");
    Path stations = Files.writeString(dir.resolve("stations.csv"), "id,name\n1,Seattle\n");
    Path work = dir.resolve("work");
    Path subset = dir.resolve("subset");
    String out = captured(() -> {
      // snippet:datasets-commit
      try (MlOps mlops = MlOps.local(storeDirectory)) {
        DatasetStore datasets = mlops.datasets();
        DatasetVersion v1 = datasets.commit(CommitRequest.builder()
            .dataset("weather")
            .add("raw", dumps)                            // a directory, recursively
            .add("stations.csv", stations)
            .message("2012-2014 dump")
            .metadata("source", "noaa")
            .build());
        System.out.println(v1.ref());                     // weather@3f9c...: record this in your runs
      }
      // end:datasets-commit
    });
    assertTrue(out.startsWith("weather@"), out);

    try (MlOps mlops = MlOps.local(storeDirectory)) {
      DatasetStore datasets = mlops.datasets();
      Files.writeString(stations, "id,name\n1,Seattle\n2,Tacoma\n");
      datasets.commit(CommitRequest.builder().dataset("weather").add("raw", dumps)
          .add("stations.csv", stations).message("a station more").build());
      String history = captured(() -> {
        // snippet:datasets-history
        datasets.tag("weather@main~1", "v1");                         // tags never move
        DatasetVersion old = datasets.resolve("weather@v1");
        try (Stream<DatasetVersion> versions = datasets.history("weather")) {
          versions.forEach(v -> System.out.println(v.ref() + " " + v.message()));
        }
        DatasetDiff diff = datasets.diff("weather@v1", "weather");
        diff.changes().forEach(c -> System.out.println(
            c.path() + " " + c.fromSize().orElse(0) + " -> " + c.toSize().orElse(0)));
        // end:datasets-history
        assertEquals("2012-2014 dump", old.message());
      });
      assertTrue(history.contains(" a station more\n") && history.contains(" 2012-2014 dump\n"),
          history);
      assertTrue(history.contains("stations.csv 18 -> 27"), history);

      // snippet:datasets-read
      datasets.checkout("weather@v1", work);                         // everything
      datasets.checkout("weather@v1", subset, List.of("raw/2013"));  // a subset
      try (InputStream in = datasets.open("weather@v1", "stations.csv")) {
        System.out.println(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      // end:datasets-read
      assertEquals("id,name\n1,Seattle\n", Files.readString(work.resolve("stations.csv")));
      assertTrue(Files.exists(subset.resolve("raw/2013/jan.csv")));
      assertTrue(Files.notExists(subset.resolve("stations.csv")));
    }
  }

  @Test
  @DisplayName("tables from a VectorSchemaRoot, a reader and a CSV, read back by column")
  void tables() throws IOException {
    Path storesCsv = Files.writeString(dir.resolve("stores.csv"), "store,city\n1,Oslo\n2,Bergen\n");
    List<Long> ids = new ArrayList<>();
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      DatasetStore datasets = mlops.datasets();
      try (BufferAllocator setup = new RootAllocator();
           VectorSchemaRoot root = orders(setup);
           ArrowReader arrowReader = datasets.openTable(committedOrders(datasets, root), "orders",
               setup)) {
        // snippet:datasets-tables
        try (BufferAllocator allocator = new RootAllocator()) {
          datasets.commit(CommitRequest.builder().dataset("sales")
              .addTable("orders", new TableSource.FromRoot(root))           // a VectorSchemaRoot
              .addTable("events", new TableSource.FromReader(arrowReader))  // streamed batches
              .addTable("stores", new TableSource.FromCsv(storesCsv, Optional.empty()))
              .build());

          try (ArrowReader reader =
                   datasets.openTable("sales", "orders", allocator, List.of("id", "amount"))) {
            while (reader.loadNextBatch()) {
              VectorSchemaRoot batch = reader.getVectorSchemaRoot();
              BigIntVector id = (BigIntVector) batch.getVector("id");
              for (int row = 0; row < batch.getRowCount(); row++) {
                ids.add(id.get(row));
              }
            }
          }
        }
        // end:datasets-tables
      }
      assertEquals(List.of(1L, 2L, 3L), ids);
      assertEquals(2, datasets.resolve("sales").files().stream()
          .filter(f -> f.path().equals("stores")).findFirst().orElseThrow().rows().orElseThrow());
    }
  }

  @Test
  @DisplayName("the conflict handler compiles and a commit without a race goes through it silently")
  void conflicts() throws IOException {
    Path file = Files.writeString(dir.resolve("a.txt"), "a");
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      DatasetStore datasets = mlops.datasets();
      CommitRequest request = CommitRequest.builder().dataset("weather").add("a.txt", file).build();
      // Races themselves are DatasetConcurrencyTest's; here the page's handler runs unraced.
      String out = captured(() -> {
        // snippet:datasets-conflict
        try {
          datasets.commit(request);
        } catch (DatasetConflictException e) {
          System.out.println("lost to " + e.current().ref() + "; mine is " + e.attempted().ref());
        }
        // end:datasets-conflict
      });
      assertEquals("", out);
      assertEquals(List.of("a.txt"), datasets.resolve("weather").files().stream()
          .map(f -> f.path()).toList());
    }
  }

  @Test
  @DisplayName("lineage, external files and views")
  void lineageExternalsViews() throws IOException {
    Path featuresParquet = Files.writeString(dir.resolve("features.parquet"), "not really parquet");
    Path weatherCsv = Files.writeString(dir.resolve("weather.csv"),
        "date,temp_max,city\n2024-07-01,31.5,Oslo\n2024-07-02,22.0,Oslo\n2024-07-03,33.0,Bergen\n");
    Path out = dir.resolve("out");
    try (MlOps mlops = MlOps.local(dir.resolve("store"));
         BufferAllocator allocator = new RootAllocator()) {
      DatasetStore datasets = mlops.datasets();
      datasets.commit(CommitRequest.builder().dataset("weather")
          .addTable("weather", new TableSource.FromCsv(weatherCsv, Optional.empty())).build());
      datasets.tag("weather", "v1");
      datasets.tag("weather", "v2");

      // snippet:datasets-lineage
      DatasetVersion raw = datasets.resolve("weather@v1");
      DatasetVersion features = datasets.commit(CommitRequest.builder().dataset("features")
          .add("features.parquet", featuresParquet)
          .derivedFrom(raw.ref())                         // exact versions; inputs must exist
          .transformation("make_features.py @ 9f1c2e")
          .build());
      List<DatasetVersion> inputs = datasets.lineage("features");  // transitively, nearest first
      // end:datasets-lineage
      assertEquals(List.of(raw.ref()), inputs.stream().map(DatasetVersion::ref).toList());
      assertEquals(features.ref(), datasets.resolve("features").ref());

      // snippet:datasets-external
      datasets.commit(CommitRequest.builder().dataset("images")
          .addExternal("archive.tar", new ExternalFile(URI.create("https://data.example/archive.tar"),
              "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 1_234_567_890L))
          .build());
      // end:datasets-external
      assertEquals(1_234_567_890L, datasets.resolve("images").size());

      long[] rows = {0};
      // snippet:datasets-view
      DatasetVersion hot = datasets.commitView(ViewRequest.builder()
          .dataset("hot-days")
          .from("weather@v2")                              // resolved to an exact id at commit
          .columns(List.of("date", "temp_max"))            // default: all columns
          .where("temp_max > 30 and city = 'Oslo'")        // default: all rows
          .message("summer heat")
          .build());
      try (ArrowReader reader = datasets.openTable("hot-days", "weather", allocator)) {
        while (reader.loadNextBatch()) {
          rows[0] += reader.getVectorSchemaRoot().getRowCount();
        }
      }
      datasets.checkout("hot-days", out);       // out/weather: the rows as CSV, as the base file was
      datasets.checkout("hot-days", out, List.of(), TableFormat.ARROW);  // out/weather.arrow: Arrow IPC
      datasets.lineage("hot-days");             // [weather@<id>]
      // end:datasets-view
      assertEquals(1, rows[0]);  // only 2024-07-01 is above 30 in Oslo
      assertEquals("date,temp_max\n2024-07-01,31.5\n", Files.readString(out.resolve("weather")));
      assertTrue(Files.isRegularFile(out.resolve("weather.arrow")));
      assertEquals(List.of(raw.ref()),
          datasets.lineage("hot-days").stream().map(DatasetVersion::ref).toList());
      assertEquals("summer heat", hot.message());
    }
  }

  private static String committedOrders(DatasetStore datasets, VectorSchemaRoot root) {
    datasets.commit(CommitRequest.builder().dataset("events")
        .addTable("orders", new TableSource.FromRoot(root)).build());
    return "events";
  }

  private static VectorSchemaRoot orders(BufferAllocator allocator) {
    BigIntVector id = new BigIntVector("id", allocator);
    Float8Vector amount = new Float8Vector("amount", allocator);
    for (int row = 0; row < 3; row++) {
      id.setSafe(row, row + 1);
      amount.setSafe(row, 9.5 * (row + 1));
    }
    VectorSchemaRoot root = VectorSchemaRoot.of(id, amount);
    root.setRowCount(3);
    return root;
  }

  private static String captured(Runnable code) {
    PrintStream console = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      code.run();
    } finally {
      System.setOut(console);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
