package dev.mlops.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's identity, profile and drift land in a run that another instance reads back from the store. */
class SparkRunsTest {
  @TempDir
  Path dir;

  @Test
  void aJobsParametersAndMetricsAreReadBackFromTheStore() {
    SparkSession spark = LocalSpark.get();
    TestData data = new TestData(1_000, 0, 31);
    SparkProfile profile = SparkProfiler.profile(data.dataset(spark, 2));
    String runId;
    try (MlOps mlops = MlOps.local(dir)) {
      DriftReport report = SparkDrift.compare(mlops.drift(), profile.reference(), data.dataset(spark, 2),
          DriftConfig.ofDefaults());
      try (Run run = SparkRuns.start(mlops.experiments(), "nightly", spark)) {
        runId = run.id();
        run.param("input", "generated");
        SparkRuns.logProfile(run, profile);
        SparkRuns.logDrift(run, report);
      }
    }
    try (MlOps mlops = MlOps.local(dir)) {
      RunInfo info = mlops.experiments().run(runId).orElseThrow();
      assertEquals("local[2,2]", info.params().get("spark.master"));
      assertEquals(spark.version(), info.params().get("spark.version"));
      assertEquals(spark.sparkContext().applicationId(), info.params().get("spark.app.id"));
      assertEquals("generated", info.params().get("input"));
      assertEquals(1_000.0, info.latestMetrics().get("rows"));
      assertEquals((double) profile.columns().get("x").nulls(), info.latestMetrics().get("profile.x.nulls"));
      assertEquals(profile.columns().get("x").mean().getAsDouble(), info.latestMetrics().get("profile.x.mean"));
      // The same rows against their own profile: nothing drifts.
      assertEquals(0.0, info.latestMetrics().get("drift.share"));
      assertEquals(0.0, info.latestMetrics().get("drift.dataset"));
    }
  }
}
