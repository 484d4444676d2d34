package dev.mlops.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift of a Spark Dataset against a profile and against a dataset version: the same report the
 * single-JVM detector gives for the same rows as a {@link dev.mlops.api.drift.Sample}.
 */
class SparkDriftTest {
  static final TestData REFERENCE = new TestData(5_000, 0, 21);
  static final TestData SHIFTED = new TestData(2_000, 2.0, 22);
  static final TestData SAME = new TestData(2_000, 0, 23);
  static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.get();
  }

  @Test
  void everyMethodGivesTheSingleJvmReportOfTheSameRows() {
    try (MlOps mlops = MlOps.local(dir)) {
      ReferenceProfile reference = SparkProfiler.profile(REFERENCE.dataset(spark, 3)).reference();
      for (DriftMethod method : DriftMethod.values()) {
        if (method == DriftMethod.CHISQUARE || method == DriftMethod.ZTEST) {
          continue; // categorical methods: checked with their columns below
        }
        DriftConfig config = DriftConfig.builder().column("x", method, method.defaultThreshold())
            .column("n", method, method.defaultThreshold()).build();
        assertSameReport(mlops, reference, config, SHIFTED);
      }
      assertSameReport(mlops, reference, DriftConfig.builder()
          .column("c", DriftMethod.CHISQUARE, 0.05).column("b", DriftMethod.ZTEST, 0.05).build(), SHIFTED);
      assertSameReport(mlops, reference, DriftConfig.ofDefaults(), SHIFTED, SAME);
    }
  }

  private void assertSameReport(MlOps mlops, ReferenceProfile reference, DriftConfig config, TestData... currents) {
    for (TestData current : currents) {
      DriftReport expected = mlops.drift().compare(reference, SparkProfilerTest.sample(current), config);
      DriftReport actual = SparkDrift.compare(mlops.drift(), reference, current.dataset(spark, 2), config);
      assertEquals(expected, actual, config.toString());
    }
  }

  @Test
  void aShiftDriftsAndTheSameDistributionDoesNot() {
    try (MlOps mlops = MlOps.local(dir)) {
      ReferenceProfile reference = SparkProfiler.profile(REFERENCE.dataset(spark, 3)).reference();
      DriftReport shifted = SparkDrift.compare(mlops.drift(), reference, SHIFTED.dataset(spark, 2),
          DriftConfig.ofDefaults());
      DriftReport same = SparkDrift.compare(mlops.drift(), reference, SAME.dataset(spark, 2),
          DriftConfig.ofDefaults());
      // x moved by 2/3 of a standard deviation, b from 30% to 50% true, c's red from 50% to 60%.
      assertTrue(shifted.datasetDrift(), shifted.toString());
      assertFalse(same.datasetDrift(), same.toString());
      for (ColumnDrift column : shifted.columns()) {
        // Numeric columns are compared with the quantile sketch; these categories were counted
        // exactly (four values, within the frequent-items sketch's capacity), as the CLI reports.
        assertEquals(column.type() == dev.mlops.api.drift.ColumnType.CATEGORICAL, column.exact(), column.toString());
      }
    }
  }

  @Test
  void aDatasetVersionIsAReferenceByItsName() {
    SparkProfilerTest.SingleJvm.of(REFERENCE, dir); // commits the rows as dataset "rows"
    try (MlOps mlops = MlOps.local(dir)) {
      DriftReport expected = mlops.drift().compare(mlops.datasets().profile("rows@main"),
          SparkProfilerTest.sample(SHIFTED), DriftConfig.ofDefaults());
      DriftReport actual = SparkDrift.compare(mlops, "rows@main", SHIFTED.dataset(spark, 4),
          DriftConfig.ofDefaults());
      assertEquals(expected, actual);
      assertTrue(actual.datasetDrift());
    }
  }

  @Test
  void aDatasetSharingNoColumnIsAClearError() {
    try (MlOps mlops = MlOps.local(dir)) {
      ReferenceProfile reference = SparkProfiler.profile(REFERENCE.dataset(spark, 1)).reference();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkDrift.compare(
          mlops.drift(), reference, spark.range(5).toDF("id"), DriftConfig.ofDefaults()));
      assertTrue(e.getMessage().contains("withColumnRenamed"), e.getMessage());
    }
  }
}
