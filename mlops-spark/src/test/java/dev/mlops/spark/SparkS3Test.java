package dev.mlops.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Spark against an S3 store as on a cluster, on Ceph's S3 gateway (radosgw, a separate process):
 * the executors store a job's part files into an {@code s3:} store and the driver commits; a job
 * writes and reads {@code s3a:} paths on the same gateway (hadoop-aws); a job's run is logged
 * into the S3 store. Each test has its own store prefix; every check reads through a second SDK
 * instance on the same URI, as another process would, so nothing comes from the writer's memory.
 */
@ExtendWith(S3Gateway.class)
class SparkS3Test {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void pointSparkAtTheGateway() {
    spark = LocalSpark.get();
    S3Gateway.configureS3a(spark.sparkContext().hadoopConfiguration());
  }

  private static URI newStore() {
    return S3Gateway.storeUri("store-" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet());
  }

  @Test
  void aLocalOutputCommittedIntoAnS3StoreChecksOutByteForByteAndReadsBackTheSameRows() throws IOException {
    Dataset<Row> rows = new TestData(3_000, 0, 61).dataset(spark, 3);
    Path output = dir.resolve("out");
    rows.write().parquet(output.toString());
    List<Path> parts = partFiles(output);
    URI store = newStore();
    DatasetVersion version;
    try (MlOps mlops = MlOps.open(store)) {
      version = SparkDatasets.commitParquet(spark, mlops, "features", "parquet", output.toString(), "nightly");
    }
    assertEquals(3, parts.size(), "one part file per partition: " + parts);
    try (MlOps reader = MlOps.open(store)) {
      assertEquals(1, reader.datasets().history("features").count());
      Set<String> committed = new TreeSet<>();
      reader.datasets().resolve(version.ref().toString()).files().forEach(f -> committed.add(f.path()));
      assertEquals(parts.stream().map(p -> "parquet/" + p.getFileName()).collect(Collectors.toCollection(TreeSet::new)),
          committed);
      Path checkout = dir.resolve("checkout");
      Dataset<Row> back = SparkDatasets.read(spark, reader.datasets(), version.ref().toString(), "parquet", checkout);
      for (Path part : parts) {
        assertArrayEquals(Files.readAllBytes(part),
            Files.readAllBytes(checkout.resolve("parquet").resolve(part.getFileName())), part.toString());
      }
      assertEquals(3_000, back.count());
      assertEquals(0, back.exceptAll(rows).count());
      assertEquals(0, rows.exceptAll(back).count());
    }
  }

  @Test
  void aTaskKilledWhileStoringIntoS3IsRetriedAndTheJobCommitsOneWholeVersion() throws IOException {
    Path output = dir.resolve("out");
    new TestData(3_000, 0, 62).dataset(spark, 3).write().parquet(output.toString());
    List<Path> parts = partFiles(output);
    // The first attempt of the task storing the second part dies half way through the file, having
    // put some of its chunks (small chunks: many per file) into the bucket; Spark runs it again.
    String flaky = FlakyFileSystem.failReadsOf(spark, parts.get(1), 1);
    URI store = newStore();
    try (MlOps mlops = MlOps.open(store)) {
      SparkDatasets.commitParquet(spark, mlops, "features", "parquet", flaky, "nightly", 1024);
      assertEquals(1, FlakyFileSystem.failures.get(), "the first attempt failed mid-file");
    } finally {
      FlakyFileSystem.failingAttempts = 0;
    }
    try (MlOps reader = MlOps.open(store)) {
      assertEquals(1, reader.datasets().history("features").count(), "one version");
      Path checkout = dir.resolve("checkout");
      reader.datasets().checkout("features", checkout);
      try (Stream<Path> files = Files.list(checkout.resolve("parquet"))) {
        assertEquals(parts.size(), files.count());
      }
      for (Path part : parts) {
        assertArrayEquals(Files.readAllBytes(part),
            Files.readAllBytes(checkout.resolve("parquet").resolve(part.getFileName())), part.toString());
      }
    }
  }

  @Test
  void aTaskKilledInEveryAttemptLeavesNoVersionInTheS3Store() throws IOException {
    Path output = dir.resolve("out");
    new TestData(3_000, 0, 63).dataset(spark, 3).write().parquet(output.toString());
    String flaky = FlakyFileSystem.failReadsOf(spark, partFiles(output).get(2), 2); // local[2,2]: both attempts
    URI store = newStore();
    try (MlOps mlops = MlOps.open(store)) {
      Exception e = assertThrows(Exception.class, () -> SparkDatasets.commitParquet(spark, mlops, "features",
          "parquet", flaky, "nightly", 1024));
      LocalSpark.awaitNoRunningTasks(spark); // the job's other tasks may still be storing chunks
      assertTrue(e.toString().contains("task killed"), e.toString());
      assertEquals(2, FlakyFileSystem.failures.get(), "both attempts failed mid-file");
    } finally {
      FlakyFileSystem.failingAttempts = 0;
    }
    try (MlOps reader = MlOps.open(store)) {
      assertTrue(reader.datasets().datasets().isEmpty(), "no version: " + reader.datasets().datasets());
    }
  }

  @Test
  void partFilesSparkWroteToS3aBecomeOneVersionAndTheirRowsAreProfiledAndComparedWithAStoredProfile()
      throws IOException {
    TestData reference = new TestData(1_000, 0, 64);
    TestData current = new TestData(2_000, 3, 65);
    String job = "jobs/" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet() + "/requests";
    String output = "s3a://" + S3Gateway.BUCKET + "/" + job;
    current.dataset(spark, 2).write().parquet(output);
    URI store = newStore();
    try (MlOps training = MlOps.open(store)) {
      training.drift().saveProfile("requests-reference",
          SparkProfiler.profile(reference.dataset(spark, 2)).reference());
    }

    SparkProfile profile;
    DriftReport report;
    try (MlOps mlops = MlOps.open(store)) {
      // snippet:spark-s3
      // The executors read the part files from s3a: and store their chunks in the S3 store, which
      // they open from the store's URI; the driver commits them as one version.
      SparkDatasets.commitParquet(spark, mlops, "requests", "parquet", output, "nightly");

      // Profile and drift of the job's rows where they are, against a stored profile.
      Dataset<Row> requests = spark.read().parquet(output);
      profile = SparkProfiler.profile(requests);
      report = SparkDrift.compare(mlops.drift(), mlops.drift().loadProfile("requests-reference"), requests,
          DriftConfig.ofDefaults());
      // end:spark-s3
    }

    Map<String, byte[]> written = partObjects(job);
    assertEquals(2, written.size(), "one part object per partition: " + written.keySet());
    try (MlOps reader = MlOps.open(store)) {
      // One version holding the part objects byte for byte.
      assertEquals(1, reader.datasets().history("requests").count());
      for (Map.Entry<String, byte[]> part : written.entrySet()) {
        try (InputStream in = reader.datasets().open("requests", "parquet/" + part.getKey())) {
          assertArrayEquals(part.getValue(), in.readAllBytes(), part.getKey());
        }
      }

      // The rows read from s3a profile as the single-JVM code profiles the same rows (a commit of
      // them as an Arrow table): exact parts equal, mean and deviation to rounding.
      Map<String, ColumnProfile> single =
          SparkProfilerTest.SingleJvm.of(current, dir.resolve("single-jvm")).columns();
      assertEquals(single.keySet(), profile.columns().keySet());
      for (String column : single.keySet()) {
        SparkProfilerTest.assertSameExactParts(single.get(column), profile.columns().get(column), column);
      }

      // Against the stored profile: the single-JVM detector's report on the same rows, within the
      // sketch bound where the current side may be sketched (docs/spark.md, Accuracy). Reference:
      // 1,000 rows, so auto picks ks for x and n, chisquare for c, ztest for b; the current rows
      // are shifted (x by one standard deviation, c and b in their shares): those drift decisively.
      ReferenceProfile stored = reader.drift().loadProfile("requests-reference");
      DriftReport singleJvm = reader.drift().compare(stored, SparkProfilerTest.sample(current), DriftConfig.ofDefaults());
      assertEquals(columnsOf(singleJvm), columnsOf(report));
      for (ColumnDrift expected : singleJvm.columns()) {
        ColumnDrift actual = report.column(expected.column()).orElseThrow();
        assertEquals(expected.method(), actual.method(), expected.column());
        assertEquals(expected.currentSize(), actual.currentSize(), expected.column());
        double bound = expected.type() == ColumnType.NUMERIC ? 2 * stored.rankError() : 1e-12;
        assertEquals(expected.statistic(), actual.statistic(), bound, expected.column());
      }
      for (String shifted : List.of("x", "c", "b")) {
        assertTrue(report.column(shifted).orElseThrow().drifted(), shifted + ": " + report.column(shifted));
        assertTrue(singleJvm.column(shifted).orElseThrow().drifted(), shifted + ": " + singleJvm.column(shifted));
      }
      assertTrue(report.datasetDrift(), report.toString());
    }
  }

  @Test
  void aJobsParametersAndDriverMetricsAreLoggedIntoTheS3Store() {
    TestData data = new TestData(1_000, 0, 66);
    Dataset<Row> rows = data.dataset(spark, 2);
    URI store = newStore();
    String runId;
    SparkProfile profile = SparkProfiler.profile(rows);
    try (MlOps mlops = MlOps.open(store)) {
      try (Run run = SparkRuns.start(mlops.experiments(), "nightly-s3", spark)) {
        runId = run.id();
        run.param("input", "generated");
        run.log("rows.kept", rows.filter("b").count()); // a metric the driver computes from a job
        SparkRuns.logProfile(run, profile);
      }
    }
    long kept = java.util.Arrays.stream(data.b).filter(Boolean::booleanValue).count(); // counted here, not by Spark
    try (MlOps reader = MlOps.open(store)) {
      RunInfo info = reader.experiments().run(runId).orElseThrow();
      assertEquals("local[2,2]", info.params().get("spark.master"));
      assertEquals(spark.sparkContext().applicationId(), info.params().get("spark.app.id"));
      assertEquals("generated", info.params().get("input"));
      assertEquals((double) kept, info.latestMetrics().get("rows.kept"));
      assertEquals(1_000.0, info.latestMetrics().get("rows"));
      assertEquals((double) profile.columns().get("x").nulls(), info.latestMetrics().get("profile.x.nulls"));
    }
  }

  private static List<String> columnsOf(DriftReport report) {
    return report.columns().stream().map(ColumnDrift::column).toList();
  }

  /** The part objects under a job's output prefix, read with a plain S3 client: name to bytes. */
  private static Map<String, byte[]> partObjects(String prefix) {
    Map<String, byte[]> parts = new TreeMap<>();
    try (S3Client s3 = S3Gateway.client()) {
      for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(S3Gateway.BUCKET).prefix(prefix + "/")).contents()) {
        String name = object.key().substring(prefix.length() + 1);
        if (name.startsWith("part-")) {
          parts.put(name, s3.getObjectAsBytes(b -> b.bucket(S3Gateway.BUCKET).key(object.key())).asByteArray());
        }
      }
    }
    return parts;
  }

  private static List<Path> partFiles(Path output) throws IOException {
    try (Stream<Path> files = Files.list(output)) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }
}
