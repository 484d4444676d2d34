package dev.mlops.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job of docs/spark.md runs, in local mode on a file store, and leaves what the page says. */
class SparkPageTest {
  @TempDir
  Path dir;

  @Test
  void theJobOnTheSparkPageRuns() {
    SparkSession spark = LocalSpark.get();
    Path store = dir.resolve("store");
    String requests = dir.resolve("lake/requests").toString();
    Path out = dir.resolve("out/features");
    new TestData(2_000, 0, 51).dataset(spark, 2).write().parquet(requests);
    SparkProfilerTest.SingleJvm.of(new TestData(3_000, 0, 52), store, "training");
    try (MlOps mlops = MlOps.local(store)) {
      // snippet:spark-job
      Dataset<Row> today = spark.read().parquet(requests);
      try (Run run = SparkRuns.start(mlops.experiments(), "nightly-features", spark)) {
        // Profile: one pass over the data; sketches per partition, merged on the driver.
        SparkProfile profile = SparkProfiler.profile(today);
        mlops.drift().saveProfile("requests-today", profile.reference());
        SparkRuns.logProfile(run, profile);

        // Drift against the training data's version (the profile stored with its table).
        DriftReport report = SparkDrift.compare(mlops, "training@main", today, DriftConfig.ofDefaults());
        SparkRuns.logDrift(run, report);

        // Version the job's output: its part files become one dataset version.
        Dataset<Row> features = today.selectExpr("x", "n / 1000.0 as n_scaled");
        features.write().parquet(out.toString());
        SparkDatasets.commitParquet(spark, mlops, "features", "parquet", out.toString(), "nightly");
      }
      // end:spark-job
      assertEquals(2_000, mlops.drift().loadProfile("requests-today").count("n"));
      assertEquals(2_000, SparkDatasets.read(spark, mlops.datasets(), "features", "parquet",
          dir.resolve("checkout")).count());
      List<RunInfo> runs = mlops.experiments().search(RunQuery.experiment("nightly-features"));
      assertEquals(1, runs.size());
      assertEquals(2_000.0, runs.get(0).latestMetrics().get("rows"));
      assertFalse(runs.get(0).latestMetrics().get("drift.dataset") > 0, "same distribution: no drift");
    }
  }
}
