package dev.mlops.benchmarks.drift;

import dev.mlops.core.internal.drift.profile.CategoricalSketch;
import dev.mlops.core.internal.drift.profile.QuantileSketch;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The profiles' own sketches on one thread: a KLL quantile sketch (k = 200) fed 1,000,000
 * Gaussian values, a merge of two such sketches, and a frequent-items sketch fed 1,000,000 values
 * of 1,000 categories (beyond its 768 exact ones, so it purges). Update figures are per value.
 *
 * <pre>
 * ./mvnw -q -B -o -pl mlops-benchmarks -am package -DskipTests
 * java -Djmh.ignoreLock=true -jar mlops-benchmarks/target/benchmarks.jar 'drift.SketchBenchmark' -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SketchBenchmark {
  private static final int N = 1_000_000;
  private double[] values;
  private String[] categories;
  private QuantileSketch left;
  private QuantileSketch right;

  /** The values, and two filled sketches to merge. */
  @Setup
  public void data() {
    SplittableRandom random = new SplittableRandom(1);
    values = new double[N];
    categories = new String[N];
    String[] names = new String[1_000];
    for (int i = 0; i < names.length; i++) {
      names[i] = "category-" + i;
    }
    for (int i = 0; i < N; i++) {
      values[i] = KsBenchmark.gaussian(random);
      categories[i] = names[random.nextInt(names.length)];
    }
    left = QuantileSketch.create(200);
    right = QuantileSketch.create(200);
    for (int i = 0; i < N; i++) {
      (i % 2 == 0 ? left : right).update(values[i]);
    }
  }

  /** Ns per value fed to a KLL sketch, k = 200. */
  @Benchmark
  @OperationsPerInvocation(N)
  public QuantileSketch quantileUpdate() {
    QuantileSketch sketch = QuantileSketch.create(200);
    for (double v : values) {
      sketch.update(v);
    }
    return sketch;
  }

  /** Ns per merge of two KLL sketches of 500,000 values each. */
  @Benchmark
  public QuantileSketch quantileMerge() {
    return left.mergedWith(right);
  }

  /** Ns per value fed to a frequent-items sketch. */
  @Benchmark
  @OperationsPerInvocation(N)
  public CategoricalSketch frequentItemsUpdate() {
    CategoricalSketch sketch = CategoricalSketch.create();
    for (String c : categories) {
      sketch.update(c);
    }
    return sketch;
  }
}
