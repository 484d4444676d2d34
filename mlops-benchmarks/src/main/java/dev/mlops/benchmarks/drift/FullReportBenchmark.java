package dev.mlops.benchmarks.drift;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.drift.DoubleRadixSort;
import java.net.URI;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full drift report, 1,000,000 reference and 1,000,000 current rows × 20 numeric columns, with
 * {@code auto} (which picks the normed Wasserstein distance at this size) and the histograms
 * (target: 2 s on 2 cores; the SDK's executor gets 2 threads). Baselines in the same run: sorting
 * copies of the 40 columns on 2 threads with {@link Arrays#sort(double[])} ({@code sortAllColumns})
 * and with the radix sort the report uses ({@code radixSortAllColumns}), the floor of any exact
 * per-column comparison.
 *
 * <pre>
 * ./mvnw -q -B -o -pl mlops-benchmarks -am package -DskipTests
 * java -Djmh.ignoreLock=true -jar mlops-benchmarks/target/benchmarks.jar 'drift.FullReportBenchmark' -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class FullReportBenchmark {
  private static final int ROWS = 1_000_000;
  private static final int COLUMNS = 20;
  private MlOps mlops;
  private DriftDetector drift;
  private Sample reference;
  private Sample current;
  private double[][] raw;
  private ForkJoinPool twoThreads;

  /** Builds the samples; the SDK's executor is limited to 2 threads. */
  @Setup
  public void data() {
    SplittableRandom random = new SplittableRandom(7);
    Sample.Builder ref = Sample.builder();
    Sample.Builder cur = Sample.builder();
    raw = new double[2 * COLUMNS][];
    for (int c = 0; c < COLUMNS; c++) {
      double[] r = new double[ROWS];
      double[] k = new double[ROWS];
      for (int i = 0; i < ROWS; i++) {
        r[i] = KsBenchmark.gaussian(random);
        k[i] = KsBenchmark.gaussian(random) + (c % 4 == 0 ? 0.2 : 0);
      }
      ref.numeric("f" + c, r);
      cur.numeric("f" + c, k);
      raw[2 * c] = r;
      raw[2 * c + 1] = k;
    }
    reference = ref.build();
    current = cur.build();
    twoThreads = new ForkJoinPool(2);
    mlops = MlOps.builder().uri(URI.create("mem:bench-report")).executor(java.util.concurrent.Executors.newFixedThreadPool(2))
        .build();
    drift = mlops.drift();
  }

  /** Shuts down. */
  @TearDown
  public void close() {
    mlops.executor().shutdown();
    mlops.close();
    twoThreads.shutdown();
  }

  /** The full report. */
  @Benchmark
  public DriftReport report() {
    return drift.compare(reference, current, DriftConfig.ofDefaults());
  }

  /** Baseline: sort copies of all 40 columns on 2 threads with {@link Arrays#sort(double[])}. */
  @Benchmark
  public double sortAllColumns() throws Exception {
    return sortAll(values -> {
      double[] copy = values.clone();
      Arrays.sort(copy);
      return copy;
    });
  }

  /** Baseline: sort all 40 columns into new arrays on 2 threads with the radix sort the report uses. */
  @Benchmark
  public double radixSortAllColumns() throws Exception {
    return sortAll(DoubleRadixSort::sortedWithoutNaN);
  }

  private double sortAll(UnaryOperator<double[]> sort) throws Exception {
    return twoThreads.submit(() -> IntStream.range(0, raw.length).parallel()
        .mapToDouble(i -> sort.apply(raw[i])[0]).sum()).get();
  }
}
