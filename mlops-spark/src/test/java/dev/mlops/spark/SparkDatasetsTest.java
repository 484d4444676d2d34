package dev.mlops.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.DatasetConflictException;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's Parquet output as a dataset version: byte for byte, the same rows back, no torn versions. */
class SparkDatasetsTest {
  @TempDir
  Path dir;

  @Test
  void aJobsOutputChecksOutByteForByteAndReadsBackTheSameRows() throws IOException {
    SparkSession spark = LocalSpark.get();
    Dataset<Row> rows = new TestData(3_000, 0, 41).dataset(spark, 3);
    Path output = dir.resolve("out");
    rows.write().parquet(output.toString());
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      DatasetVersion version = SparkDatasets.commitParquet(spark, mlops, "features", "parquet", output.toString(),
          "nightly");
      List<Path> parts = dataFiles(output);
      assertEquals(3, parts.size(), "one part file per partition: " + parts);
      // Only the part files: _SUCCESS and the .crc files are not data.
      Set<String> expected = new TreeSet<>();
      parts.forEach(p -> expected.add("parquet/" + p.getFileName()));
      Set<String> committed = new TreeSet<>();
      version.files().forEach(f -> committed.add(f.path()));
      assertEquals(expected, committed);
      Path checkout = dir.resolve("checkout");
      Dataset<Row> back = SparkDatasets.read(spark, mlops.datasets(), version.ref().toString(), "parquet", checkout);
      for (Path part : parts) {
        assertArrayEquals(Files.readAllBytes(part), Files.readAllBytes(checkout.resolve("parquet").resolve(part.getFileName())));
      }
      assertEquals(3_000, back.count());
      assertEquals(0, back.exceptAll(rows).count());
      assertEquals(0, rows.exceptAll(back).count());
    }
  }

  @Test
  void aNewOutputReplacesTheOldOneInTheNextVersion() throws IOException {
    SparkSession spark = LocalSpark.get();
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      new TestData(500, 0, 42).dataset(spark, 3).write().parquet(dir.resolve("first").toString());
      new TestData(400, 0, 43).dataset(spark, 1).write().parquet(dir.resolve("second").toString());
      SparkDatasets.commitParquet(spark, mlops, "features", "parquet", dir.resolve("first").toString(), "first");
      DatasetVersion second = SparkDatasets.commitParquet(spark, mlops, "features", "parquet",
          dir.resolve("second").toString(), "second");
      assertEquals(1, second.files().size(), "the first run's three parts are gone: " + second.files());
      assertEquals(400, SparkDatasets.read(spark, mlops.datasets(), "features", "parquet", dir.resolve("co")).count());
    }
  }

  @Test
  void twoJobsCommittingAtOnceGiveTwoVersionsOrAConflictNeverAMix() throws IOException {
    SparkSession spark = LocalSpark.get();
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    new TestData(800, 0, 44).dataset(spark, 2).write().parquet(a.toString());
    new TestData(900, 0, 45).dataset(spark, 3).write().parquet(b.toString());
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      List<CompletableFuture<DatasetVersion>> jobs = new ArrayList<>();
      for (Path output : List.of(a, b)) {
        jobs.add(CompletableFuture.supplyAsync(() -> SparkDatasets.commitParquet(spark, mlops, "shared",
            "parquet", output.toString(), output.getFileName().toString())));
      }
      int committed = 0;
      for (int i = 0; i < jobs.size(); i++) {
        try {
          DatasetVersion version = jobs.get(i).join();
          committed++;
          // Whatever the interleaving, a version holds exactly one job's part files.
          Set<String> names = version.files().stream().map(f -> f.path().substring("parquet/".length()))
              .collect(Collectors.toSet());
          Set<String> expected = dataFiles(i == 0 ? a : b).stream().map(p -> p.getFileName().toString())
              .collect(Collectors.toSet());
          assertEquals(expected, names);
        } catch (CompletionException e) {
          assertTrue(e.getCause() instanceof DatasetConflictException, e.toString());
        }
      }
      assertTrue(committed >= 1);
      assertEquals(committed, mlops.datasets().history("shared").count());
    }
  }

  @Test
  void anEmptyOrPartitionedOutputIsAClearError() throws IOException {
    SparkSession spark = LocalSpark.get();
    Path partitioned = dir.resolve("partitioned");
    new TestData(100, 0, 46).dataset(spark, 1).write().partitionBy("b").parquet(partitioned.toString());
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkDatasets.commitParquet(
          spark, mlops, "features", "parquet", partitioned.toString(), "m"));
      assertTrue(e.getMessage().contains("partitionBy"), e.getMessage());
      Files.createDirectories(dir.resolve("empty"));
      Files.createFile(dir.resolve("empty").resolve(SparkDatasets.SUCCESS_MARKER));
      e = assertThrows(IllegalArgumentException.class, () -> SparkDatasets.commitParquet(
          spark, mlops, "features", "parquet", dir.resolve("empty").toString(), "m"));
      assertTrue(e.getMessage().contains("No part file"), e.getMessage());
    }
  }

  @Test
  void aJobWhoseTaskFailedLeavesNoVersion() throws IOException {
    SparkSession spark = LocalSpark.get();
    Path output = dir.resolve("failed");
    // Partition 0 writes its part; the task of partition 1 fails after some rows (every attempt of it
    // fails), so the job aborts with one task's output possibly in place.
    Dataset<Row> rows = new TestData(1_000, 0, 47).dataset(spark, 2)
        .selectExpr("*", "spark_partition_id() as p")
        .selectExpr("*", "if(p = 1 and n > 900, raise_error('task killed'), 0) as boom");
    assertThrows(Exception.class, () -> rows.write().parquet(output.toString()));
    LocalSpark.awaitNoRunningTasks(spark);
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SparkDatasets.commitParquet(spark, mlops, "features", "parquet", output.toString(), "m"));
      assertTrue(e.getMessage().contains("_SUCCESS"), e.getMessage());
      assertTrue(mlops.datasets().datasets().isEmpty(), "no version: " + mlops.datasets().datasets());
    }
  }

  @Test
  void aTaskKilledMidCommitIsRetriedAndTheJobCommitsOneWholeVersion() throws IOException {
    SparkSession spark = LocalSpark.get();
    Path output = dir.resolve("out");
    new TestData(3_000, 0, 48).dataset(spark, 3).write().parquet(output.toString());
    List<Path> parts = dataFiles(output);
    // The first attempt of the task storing the second part dies half way through the file, after
    // storing some of its chunks (small chunks: many per file); Spark runs the task again.
    String flaky = FlakyFileSystem.failReadsOf(spark, parts.get(1), 1);
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      DatasetVersion version = SparkDatasets.commitParquet(spark, mlops, "features", "parquet", flaky, "nightly", 256);
      assertEquals(1, FlakyFileSystem.failures.get(), "the first attempt failed mid-file");
      assertEquals(1, mlops.datasets().history("features").count(), "one version");
      assertEquals(parts.size(), version.files().size());
      Path checkout = dir.resolve("checkout");
      mlops.datasets().checkout("features", checkout);
      for (Path part : parts) {
        assertArrayEquals(Files.readAllBytes(part),
            Files.readAllBytes(checkout.resolve("parquet").resolve(part.getFileName())), part.toString());
      }
    } finally {
      FlakyFileSystem.failingAttempts = 0;
    }
  }

  @Test
  void aTaskKilledInEveryAttemptLeavesNoVersion() throws IOException {
    SparkSession spark = LocalSpark.get();
    Path output = dir.resolve("out");
    new TestData(3_000, 0, 49).dataset(spark, 3).write().parquet(output.toString());
    String flaky = FlakyFileSystem.failReadsOf(spark, dataFiles(output).get(2), 2); // local[2,2]: both attempts fail
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      Exception e = assertThrows(Exception.class, () -> SparkDatasets.commitParquet(spark, mlops, "features",
          "parquet", flaky, "nightly", 256));
      LocalSpark.awaitNoRunningTasks(spark); // the job's other tasks may still be storing chunks
      assertTrue(e.toString().contains("task killed"), e.toString());
      assertEquals(2, FlakyFileSystem.failures.get(), "both attempts failed mid-file");
      assertTrue(mlops.datasets().datasets().isEmpty(), "no version: " + mlops.datasets().datasets());
    } finally {
      FlakyFileSystem.failingAttempts = 0;
    }
  }

  private static List<Path> dataFiles(Path output) throws IOException {
    try (Stream<Path> files = Files.list(output)) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }
}
