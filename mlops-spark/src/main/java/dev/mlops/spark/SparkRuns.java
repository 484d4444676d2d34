package dev.mlops.spark;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Records a Spark job in a run, from the driver: the job's identity as parameters, a profile and a
 * drift report as metrics. A thin layer over {@link ExperimentLogger}; the returned {@link Run} takes
 * any further parameters and metrics the job has. Stateless and thread-safe.
 *
 * <pre>{@code
 * try (Run run = SparkRuns.start(mlops.experiments(), "nightly-features", spark)) {
 *   run.param("input", "s3a://bucket/day=2026-12-04");
 *   SparkRuns.logDrift(run, SparkDrift.compare(mlops, "training@v3", today, DriftConfig.ofDefaults()));
 * }
 * }</pre>
 */
public final class SparkRuns {
  private SparkRuns() {}

  /**
   * Starts a run for a Spark job with its identity as parameters: {@code spark.app.name},
   * {@code spark.app.id}, {@code spark.master}, {@code spark.version} and
   * {@code spark.default.parallelism}.
   *
   * @param experiments the experiment logger ({@code mlops.experiments()})
   * @param experiment the experiment's name
   * @param spark the job's session
   * @return the running run; close it when the job ends
   */
  public static Run start(ExperimentLogger experiments, String experiment, SparkSession spark) {
    requireNonNull(experiments, "experiments");
    requireNonNull(spark, "spark");
    var context = spark.sparkContext();
    return experiments.start(RunSpec.builder().experiment(requireNonNull(experiment, "experiment"))
        .name(context.appName())
        .param("spark.app.name", context.appName())
        .param("spark.app.id", context.applicationId())
        .param("spark.master", context.master())
        .param("spark.version", spark.version())
        .param("spark.default.parallelism", Integer.toString(context.defaultParallelism()))
        .build());
  }

  /**
   * Logs a profile's exact statistics as metrics: {@code rows}, and per column
   * {@code profile.<column>.count}, {@code .nulls}, and for numeric columns {@code .mean} and
   * {@code .std}.
   *
   * @param run the run
   * @param profile the profile
   * @throws IllegalArgumentException if a column's name is not valid as part of a metric key
   *     ({@link dev.mlops.api.Names})
   */
  public static void logProfile(Run run, SparkProfile profile) {
    requireNonNull(run, "run");
    run.log("rows", profile.rows());
    for (Map.Entry<String, ColumnProfile> e : profile.columns().entrySet()) {
      String prefix = "profile." + e.getKey() + ".";
      ColumnProfile column = e.getValue();
      run.log(prefix + "count", column.count());
      run.log(prefix + "nulls", column.nulls());
      column.mean().ifPresent(mean -> run.log(prefix + "mean", mean));
      column.std().ifPresent(std -> run.log(prefix + "std", std));
    }
  }

  /**
   * Logs a drift report as metrics: {@code drift.share} (the drifted share of columns),
   * {@code drift.dataset} (1 if the dataset drifted, else 0) and per column
   * {@code drift.<column>.statistic}.
   *
   * @param run the run
   * @param report the report
   */
  public static void logDrift(Run run, DriftReport report) {
    requireNonNull(run, "run");
    run.log("drift.share", report.driftedShare());
    run.log("drift.dataset", report.datasetDrift() ? 1 : 0);
    for (ColumnDrift column : report.columns()) {
      run.log("drift." + column.column() + ".statistic", column.statistic());
    }
  }
}
