package dev.mlops.spark;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Profiling rows x 20 numeric columns in local[2], three ways in one run on the same cached data:
 * {@link SparkProfiler}, Spark's own {@code describe()}, and the single-JVM profile of the same
 * values collected into arrays; then drift of the data against its stored profile, from sketches
 * on the executors ({@link SparkDrift#compare(DriftDetector, ReferenceProfile, Dataset, DriftConfig)})
 * and with the values collected to the driver ({@link SparkDrift#compareCollected}). Prints the
 * median of each, and the load average before and after. Not a test: run it by hand
 * (docs/spark.md has the command).
 *
 * <p>Arguments: rows (default 1,000,000), repetitions (default 5), and {@code drift} to measure only
 * {@code describe()} and the drift comparisons.
 */
public final class ProfileBenchmark {
  private static final int COLUMNS = 20;

  private ProfileBenchmark() {}

  public static void main(String[] args) {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    boolean driftOnly = args.length > 2 && args[2].equals("drift");
    System.out.println("load average at start: " + loadAverage());
    SparkSession spark = SparkSession.builder().master("local[2]").appName("profile-benchmark")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
    String[] columns = new String[COLUMNS];
    for (int c = 0; c < COLUMNS; c++) {
      columns[c] = "randn(" + c + ") * " + (c + 1) + " + " + c + " as c" + c;
    }
    Dataset<Row> data = spark.range(0, rows, 1, 2).selectExpr(columns).cache();
    System.out.printf("rows %,d x %d columns, %d partitions, cached: %,d%n", rows, COLUMNS,
        data.rdd().getNumPartitions(), data.count());

    try (MlOps mlops = MlOps.open(URI.create("mem:profile-benchmark"))) {
      DriftDetector drift = mlops.drift();
      // Each figure is printed when measured; the single-JVM values are dropped before the drift
      // comparison brings its own copy of the data to the driver.
      double describe = median(repetitions, () -> data.describe().collectAsList());
      System.out.printf("describe() %.2f s%n", describe);
      if (!driftOnly) {
        double spark1 = median(repetitions, () -> SparkProfiler.profile(data));
        System.out.printf("SparkProfiler %.2f s (%.2f x describe())%n", spark1, spark1 / describe);
        double[][] values = new double[COLUMNS][(int) rows];
        int at = 0;
        for (Iterator<Row> it = data.toLocalIterator(); it.hasNext(); at++) {
          Row row = it.next();
          for (int c = 0; c < COLUMNS; c++) {
            values[c][at] = row.getDouble(c);
          }
        }
        double single = median(repetitions, () -> {
          Sample.Builder sample = Sample.builder();
          for (int c = 0; c < COLUMNS; c++) {
            sample.numeric("c" + c, values[c]);
          }
          return drift.profile(sample.build());
        });
        System.out.printf("single-JVM profile %.2f s (SparkProfiler %.2f x it)%n", single, spark1 / single);
        Arrays.fill(values, null);
      }
      ReferenceProfile reference = SparkProfiler.profile(data).reference();
      double sketches = median(repetitions,
          () -> SparkDrift.compare(drift, reference, data, DriftConfig.ofDefaults()));
      System.out.printf("SparkDrift.compare (sketches on the executors) %.2f s (%.2f x describe())%n", sketches,
          sketches / describe);
      double collected = median(repetitions,
          () -> SparkDrift.compareCollected(drift, reference, data, DriftConfig.ofDefaults()));
      System.out.printf("SparkDrift.compareCollected (values on the driver) %.2f s (%.2f x describe())%n",
          collected, collected / describe);
    }
    System.out.println("load average at end: " + loadAverage());
    spark.stop();
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static double median(int repetitions, Supplier<Object> work) {
    double[] seconds = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long start = System.nanoTime();
      Object result = work.get();
      seconds[i] = (System.nanoTime() - start) / 1e9;
      if (result == null) {
        throw new AssertionError();
      }
    }
    Arrays.sort(seconds);
    return seconds[repetitions / 2];
  }
}
