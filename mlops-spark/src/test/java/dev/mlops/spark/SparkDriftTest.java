package dev.mlops.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift of a Spark Dataset against a profile and against a dataset version. By default from
 * sketches built on the executors: the same report as the single-JVM profile-against-profile
 * comparison of the same rows profiled in the same parts, and the raw rows' decisions away from the
 * thresholds; collected to the driver, the raw rows' report itself.
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

  /**
   * Every method at least once with few Spark jobs: three comparisons of the four columns (numeric
   * methods on x and n, categorical ones and the binned distances on c and b), then auto.
   */
  static List<DriftConfig> everyMethod() {
    return List.of(
        DriftConfig.builder().column("x", DriftMethod.KS, 0.05).column("n", DriftMethod.WASSERSTEIN, 0.1)
            .column("c", DriftMethod.CHISQUARE, 0.05).column("b", DriftMethod.ZTEST, 0.05).build(),
        DriftConfig.builder().column("x", DriftMethod.PSI, 0.1).column("n", DriftMethod.JS, 0.1)
            .column("c", DriftMethod.HELLINGER, 0.1).column("b", DriftMethod.PSI, 0.1).build(),
        DriftConfig.builder().column("x", DriftMethod.HELLINGER, 0.1).column("n", DriftMethod.KS, 0.05)
            .column("c", DriftMethod.JS, 0.1).column("b", DriftMethod.CHISQUARE, 0.05).build(),
        DriftConfig.ofDefaults());
  }

  /**
   * The default comparison, from sketches, against three single-JVM reports of the same rows: the
   * profile-against-profile report with the current rows profiled in Spark's two parts and merged
   * (equal, every number); the one with the rows profiled whole (exact parts equal, KS within both
   * rank errors); the raw rows' report (same decisions where the raw result is away from its
   * threshold).
   */
  @Test
  void fromSketchesEveryMethodMatchesTheSingleJvmReportsOfTheSameRows() {
    try (MlOps mlops = MlOps.local(dir)) {
      DriftDetector drift = mlops.drift();
      ReferenceProfile reference = SparkProfiler.profile(REFERENCE.dataset(spark, 3)).reference();
      int awayFromThreshold = 0;
      for (TestData current : List.of(SHIFTED, SAME)) {
        // Every method on the shifted rows; auto on both.
        List<DriftConfig> configs = current == SHIFTED ? everyMethod() : List.of(DriftConfig.ofDefaults());
        ReferenceProfile inParts = profileInParts(drift, current, 2, reference.sketchSize());
        ReferenceProfile whole = drift.profile(SparkProfilerTest.sample(current), reference.sketchSize());
        for (DriftConfig config : configs) {
          DriftReport actual = SparkDrift.compare(drift, reference, current.dataset(spark, 2), config);
          assertEquals(drift.compare(reference, inParts, config), actual, config.toString());

          DriftReport wholeReport = drift.compare(reference, whole, config);
          DriftReport raw = drift.compare(reference, SparkProfilerTest.sample(current), config);
          for (int i = 0; i < actual.columns().size(); i++) {
            ColumnDrift a = actual.columns().get(i);
            ColumnDrift w = wholeReport.columns().get(i);
            assertEquals(List.of(w.column(), w.type(), w.method(), w.referenceSize(), w.currentSize(), w.exact()),
                List.of(a.column(), a.type(), a.method(), a.referenceSize(), a.currentSize(), a.exact()));
            if (a.exact()) {
              assertEquals(w, a); // categories counted exactly: no sketch in the result
            } else if (a.method() == DriftMethod.KS) {
              // Each side's KS distance is within ε_ref + ε_cur of the raw rows'.
              assertEquals(w.statistic(), a.statistic(), 4 * reference.rankError(), a.toString());
            }
            ColumnDrift r = raw.columns().get(i);
            if (awayFromThreshold(r)) {
              awayFromThreshold++;
              assertEquals(r.drifted(), a.drifted(), r + " vs " + a);
            }
          }
        }
      }
      System.out.println("results away from their thresholds: " + awayFromThreshold);
      assertTrue(awayFromThreshold >= 12, "most results are far from their thresholds: " + awayFromThreshold);
    }
  }

  /**
   * Far from the threshold: a p-value below a thousandth or above 0.3, or a distance more than 0.05
   * (about four rank errors) from its threshold.
   */
  private static boolean awayFromThreshold(ColumnDrift raw) {
    if (raw.pValue().isPresent()) {
      return raw.pValue().getAsDouble() < 1e-3 || raw.pValue().getAsDouble() > 0.3;
    }
    return Math.abs(raw.statistic() - raw.threshold()) > 0.05;
  }

  /** What the executors build: each part's rows profiled on its own, the parts merged in order. */
  static ReferenceProfile profileInParts(DriftDetector drift, TestData data, int parts, int sketchSize) {
    ReferenceProfile merged = null;
    for (int p = 0; p < parts; p++) {
      // Spark's parallelize cuts a list of n rows into parts [p·n/parts, (p+1)·n/parts).
      int from = (int) ((long) p * data.rows() / parts);
      int to = (int) ((long) (p + 1) * data.rows() / parts);
      ReferenceProfile part = drift.profile(SparkProfilerTest.sample(data.slice(from, to)), sketchSize);
      merged = merged == null ? part : merged.merge(part);
    }
    return merged;
  }

  /**
   * 2,000 categories, beyond the 768 a frequent-items sketch counts exactly: {@code compare} counts
   * them by a Spark aggregation, so the report is the single-JVM report of the raw values (counts,
   * statistic, p-value), exact as the reference's counts are.
   */
  @Test
  void moreCategoriesThanASketchHoldsAreCountedExactly() {
    Random random = new Random(24);
    Map<String, Long> referenceCounts = new TreeMap<>(); // counted here, by a plain loop
    for (int i = 0; i < 20_000; i++) {
      referenceCounts.merge("city-" + random.nextInt(2_000), 1L, Long::sum);
    }
    String[] current = new String[6_000];
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < current.length; i++) {
      // 100 categories the reference lacks, the first 200 more frequent, and some nulls (missing).
      int category = random.nextDouble() < 0.1 ? random.nextInt(200) : random.nextInt(2_100);
      current[i] = i % 50 == 0 ? null : "city-" + category;
      rows.add(RowFactory.create(current[i]));
    }
    Dataset<Row> dataset = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(rows, 2), new StructType().add("city", DataTypes.StringType));
    try (MlOps mlops = MlOps.local(dir)) {
      DriftDetector drift = mlops.drift();
      ReferenceProfile reference = drift.categoricalProfile("city", referenceCounts);
      DriftConfig config = DriftConfig.builder().column("city", DriftMethod.CHISQUARE, 0.05).build();
      DriftReport expected = drift.compare(reference, Sample.builder().categorical("city", current).build(), config);
      DriftReport actual = SparkDrift.compare(drift, reference, dataset, config);
      ColumnDrift e = expected.columns().get(0);
      ColumnDrift city = actual.columns().get(0);
      // The few numbers first, for a readable failure; then the whole report (2,100 histogram bins).
      assertEquals(List.of(true, 6_000L - 120, e.statistic(), e.pValue()),
          List.of(city.exact(), city.currentSize(), city.statistic(), city.pValue()));
      assertEquals(expected, actual);
      assertTrue(city.drifted()); // the first 200 categories about twice as frequent
    }
  }

  @Test
  void collectedEveryMethodGivesTheSingleJvmReportOfTheRawRows() {
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
      DriftReport actual = SparkDrift.compareCollected(mlops.drift(), reference, current.dataset(spark, 2), config);
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
          profileInParts(mlops.drift(), SHIFTED, 4, DriftDetector.DEFAULT_SKETCH_SIZE), DriftConfig.ofDefaults());
      DriftReport actual = SparkDrift.compare(mlops, "rows@main", SHIFTED.dataset(spark, 4),
          DriftConfig.ofDefaults());
      assertEquals(expected, actual);
      assertTrue(actual.datasetDrift());
    }
  }

  @Test
  void aColumnWithoutValuesWithAnInfinityOrOfAnotherKindIsAClearError() {
    try (MlOps mlops = MlOps.local(dir)) {
      ReferenceProfile reference = SparkProfiler.profile(REFERENCE.dataset(spark, 1)).reference();
      DriftConfig onlyX = DriftConfig.builder().columns(List.of("x")).build();
      IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> SparkDrift.compare(
          mlops.drift(), reference, spark.range(3).selectExpr("cast(null as double) as x"), onlyX));
      assertTrue(empty.getMessage().contains("'x' has no value in the Dataset"), empty.getMessage());
      IllegalArgumentException noCategory = assertThrows(IllegalArgumentException.class, () -> SparkDrift.compare(
          mlops.drift(), reference, spark.range(3).selectExpr("cast(null as string) as c"), DriftConfig.builder()
              .columns(List.of("c")).build()));
      assertTrue(noCategory.getMessage().contains("'c' has no value in the Dataset"), noCategory.getMessage());
      IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class, () -> SparkDrift.compare(
          mlops.drift(), reference, spark.range(3).selectExpr("cast('Infinity' as double) as x"), onlyX));
      assertTrue(infinite.getMessage().contains("'x' has an infinite value"), infinite.getMessage());
      IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> SparkDrift.compare(
          mlops.drift(), reference, spark.range(3).selectExpr("id as c"), DriftConfig.builder()
              .columns(List.of("c")).build()));
      assertTrue(kind.getMessage().contains("cast it to string"), kind.getMessage());
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
