package dev.mlops.benchmarks.drift;

import dev.mlops.core.internal.drift.ColumnValues;
import dev.mlops.core.internal.drift.DoubleRadixSort;
import dev.mlops.core.internal.drift.KolmogorovSmirnov;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code ks} on 1,000,000 against 1,000,000 raw values on one thread (target: 300 ms), from raw
 * arrays: drop NaN, sort both (radix sort), D and the asymptotic p-value. Baselines in the same
 * run: sorting copies of the two arrays with {@link Arrays#sort(double[])} ({@code sortOnly}) and
 * with the radix sort the test uses ({@code radixSortOnly}), the floor any exact KS pays.
 *
 * <pre>
 * ./mvnw -q -B -o -pl mlops-benchmarks -am package -DskipTests
 * java -Djmh.ignoreLock=true -jar mlops-benchmarks/target/benchmarks.jar 'drift.KsBenchmark' -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class KsBenchmark {
  private static final int N = 1_000_000;
  private double[] reference;
  private double[] current;

  /** Two Gaussian samples, the current one shifted by 0.01. */
  @Setup
  public void data() {
    SplittableRandom random = new SplittableRandom(1);
    reference = new double[N];
    current = new double[N];
    for (int i = 0; i < N; i++) {
      reference[i] = gaussian(random);
      current[i] = gaussian(random) + 0.01;
    }
  }

  static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  /** The full test from raw values. */
  @Benchmark
  public KolmogorovSmirnov.Result ks() {
    return KolmogorovSmirnov.test(ColumnValues.sortedFinite("x", "reference", reference),
        ColumnValues.sortedFinite("x", "current", current));
  }

  /** Baseline: sorting both arrays into new ones with the radix sort the test uses. */
  @Benchmark
  public double radixSortOnly() {
    double[] a = DoubleRadixSort.sortedWithoutNaN(reference);
    double[] b = DoubleRadixSort.sortedWithoutNaN(current);
    return a[0] + b[0];
  }

  /** Baseline: sorting copies of both arrays with {@link Arrays#sort(double[])}. */
  @Benchmark
  public double sortOnly() {
    double[] a = reference.clone();
    double[] b = current.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    return a[0] + b[0];
  }
}
