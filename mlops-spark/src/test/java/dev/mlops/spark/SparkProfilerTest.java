package dev.mlops.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark profile against the single-JVM one of the same rows, which a dataset commit of the rows
 * as an Arrow table builds (that is the independent reference: one pass over all rows, no merges).
 */
class SparkProfilerTest {
  /** Rounding between one Welford pass and per-partition passes merged by Chan's formula. */
  static final double RELATIVE_TOLERANCE = 1e-12;
  static final TestData DATA = new TestData(20_000, 0, 11);
  static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.get();
  }

  /** The rows committed as a table by the single-JVM code: its table profiles and its drift reference. */
  record SingleJvm(Map<String, ColumnProfile> columns, ReferenceProfile reference) {
    static SingleJvm of(TestData data, Path store) {
      return of(data, store, "rows");
    }

    static SingleJvm of(TestData data, Path store, String dataset) {
      try (MlOps mlops = MlOps.local(store);
          BufferAllocator allocator = new RootAllocator();
          VectorSchemaRoot root = data.arrow(allocator)) {
        DatasetVersion version = mlops.datasets().commit(CommitRequest.builder().dataset(dataset)
            .addTable("rows", new TableSource.FromRoot(root)).build());
        DatasetFile table = version.files().stream().filter(DatasetFile::isTable).findFirst().orElseThrow();
        return new SingleJvm(table.profiles(), mlops.datasets().profile(version.ref().toString(), "rows"));
      }
    }
  }

  @Test
  void exactStatisticsEqualTheSingleJvmTableProfile() {
    SparkProfile spark4 = SparkProfiler.profile(DATA.dataset(spark, 4));
    SingleJvm single = SingleJvm.of(DATA, dir.resolve("store"));
    assertEquals(20_000, spark4.rows());
    assertEquals(List.of("x", "n", "c", "b"), List.copyOf(spark4.columns().keySet()));
    for (String column : spark4.columns().keySet()) {
      assertSameExactParts(single.columns().get(column), spark4.columns().get(column), column);
    }
    // Spot checks that the reference itself is what the data says: about 1% nulls and 1% NaN in x.
    ColumnProfile x = spark4.columns().get("x");
    assertEquals(20_000, x.count() + x.nulls());
    assertTrue(x.nulls() > 100 && x.nans() > 100, x.toString());
  }

  @Test
  void oneAndFourPartitionsGiveTheSameExactStatistics() {
    SparkProfile one = SparkProfiler.profile(DATA.dataset(spark, 1));
    SparkProfile four = SparkProfiler.profile(DATA.dataset(spark, 4));
    for (String column : one.columns().keySet()) {
      assertSameExactParts(one.columns().get(column), four.columns().get(column), column);
      if (one.reference().columns().contains(column)) {
        assertEquals(one.reference().count(column), four.reference().count(column), column);
      }
    }
    assertEquals(one.reference().columns(), four.reference().columns());
  }

  @Test
  void theSameDataAndPartitioningGiveTheSameProfileBytes() {
    // The SDK's quantile sketch draws its compaction bits from a fixed seed, and the driver merges
    // partitions in partition order, so two jobs over the same partitions agree to the byte.
    byte[] first = SparkProfiler.profile(DATA.dataset(spark, 4)).reference().toBytes();
    byte[] second = SparkProfiler.profile(DATA.dataset(spark, 4)).reference().toBytes();
    assertArrayEquals(first, second);
  }

  @Test
  void sketchesAreWithinTheRankErrorOfTheSingleJvmReference() {
    ReferenceProfile fromSpark = SparkProfiler.profile(DATA.dataset(spark, 4)).reference();
    ReferenceProfile single = SingleJvm.of(DATA, dir.resolve("store")).reference();
    assertEquals(single.columns(), fromSpark.columns());
    for (String column : single.columns()) {
      assertEquals(single.count(column), fromSpark.count(column), column);
    }
    Sample current = sample(new TestData(3_000, 0.3, 12));
    try (MlOps mlops = MlOps.local(dir.resolve("other"))) {
      DriftConfig ks = DriftConfig.builder().column("x", DriftMethod.KS, 0.05)
          .column("n", DriftMethod.KS, 0.05).column("c", DriftMethod.CHISQUARE, 0.05).build();
      DriftReport expected = mlops.drift().compare(single, current, ks);
      DriftReport actual = mlops.drift().compare(fromSpark, current, ks);
      for (String column : List.of("x", "n")) {
        // Each CDF read from either sketch is within rankError of the exact one (99% confidence),
        // so the two KS distances differ by at most twice that.
        double bound = 2 * single.rankError();
        double gap = Math.abs(expected.column(column).orElseThrow().statistic()
            - actual.column(column).orElseThrow().statistic());
        assertTrue(gap <= bound, column + ": KS distances differ by " + gap + " > " + bound);
      }
      // Categorical counts are exact in both (four values, far below the sketch's capacity).
      ColumnDrift c = actual.column("c").orElseThrow();
      assertEquals(expected.column("c").orElseThrow().statistic(), c.statistic(), 1e-9);
      assertEquals(expected.column("c").orElseThrow().drifted(), c.drifted());
    }
  }

  @Test
  void aColumnWithoutValuesInAPartitionOrWithInfinitiesIsHandledAsASingleJvmDoes() {
    // Two partitions of 3 rows: "sparse" has values only in the second, "inf" holds an infinity,
    // "empty" has no value at all. A dataset commit leaves "inf" and "empty" out of the drift
    // reference and keeps their table profiles.
    StructType schema = new StructType().add("sparse", "double").add("inf", "double")
        .add("empty", "string");
    List<Row> rows = List.of(
        RowFactory.create(null, 1.0, null),
        RowFactory.create(null, 2.0, null),
        RowFactory.create(null, 3.0, null),
        RowFactory.create(4.0, Double.POSITIVE_INFINITY, null),
        RowFactory.create(5.0, 6.0, null),
        RowFactory.create(Double.NaN, 7.0, null));
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SparkProfile profile = SparkProfiler.profile(spark.createDataFrame(context.parallelize(rows, 2), schema));
    assertEquals(List.of("sparse"), profile.reference().columns());
    assertEquals(2, profile.reference().count("sparse"));
    ColumnProfile sparse = profile.columns().get("sparse");
    assertEquals(List.of(3L, 3L, 1L), List.of(sparse.count(), sparse.nulls(), sparse.nans()));
    assertEquals(4.5, sparse.mean().getAsDouble()); // (4 + 5) / 2, NaN left out
    assertEquals(0.5, sparse.std().getAsDouble()); // population standard deviation of {4, 5}
    assertEquals(Double.POSITIVE_INFINITY, profile.columns().get("inf").max().getAsDouble());
    assertEquals(6, profile.columns().get("empty").nulls());
  }

  @Test
  void aDatasetWithoutProfiledColumnsIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkProfiler.profile(spark.range(10).selectExpr("current_date() as day")));
    assertTrue(e.getMessage().contains("cast"), e.getMessage());
  }

  static Sample sample(TestData data) {
    return Sample.builder()
        .numeric("x", Arrays.stream(data.x).mapToDouble(v -> v == null ? Double.NaN : v).toArray())
        .numeric("n", Arrays.stream(data.n).mapToDouble(Long::doubleValue).toArray())
        .categorical("c", data.c)
        .categorical("b", Arrays.stream(data.b).map(Objects::toString).toArray(String[]::new))
        .build();
  }

  static void assertSameExactParts(ColumnProfile expected, ColumnProfile actual, String column) {
    assertEquals(expected.type(), actual.type(), column);
    assertEquals(expected.count(), actual.count(), column);
    assertEquals(expected.nulls(), actual.nulls(), column);
    assertEquals(expected.nans(), actual.nans(), column);
    assertEquals(expected.min(), actual.min(), column);
    assertEquals(expected.max(), actual.max(), column);
    assertEquals(expected.mean().isPresent(), actual.mean().isPresent(), column);
    if (expected.mean().isPresent()) {
      double mean = expected.mean().getAsDouble();
      double std = expected.std().getAsDouble();
      assertEquals(mean, actual.mean().getAsDouble(), Math.abs(mean) * RELATIVE_TOLERANCE, column);
      assertEquals(std, actual.std().getAsDouble(), std * RELATIVE_TOLERANCE, column);
    }
    assertEquals(expected.frequentItems(), actual.frequentItems(), column);
  }
}
