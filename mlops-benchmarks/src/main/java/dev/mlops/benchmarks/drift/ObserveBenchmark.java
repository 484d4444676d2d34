package dev.mlops.benchmarks.drift;

import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftMonitorConfig;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code DriftMonitor.observe} of a 20-feature row from 2 threads (target: median 1 µs, no
 * allocation: run with {@code -prof gc} and read gc.alloc.rate.norm). Windows of 10,000 close
 * and are compared in the background during the run. Baseline in the same run: what any shared
 * buffer pays, one atomic increment and a copy of the row into a shared array. Also
 * {@code observeWithCategories}: the same 20 numbers plus 4 categorical features (a monitor with
 * {@code categoricalColumns}), also without allocation on the request path.
 *
 * <pre>
 * ./mvnw -q -B -o -pl mlops-benchmarks -am package -DskipTests
 * java -Djmh.ignoreLock=true -jar mlops-benchmarks/target/benchmarks.jar 'drift.ObserveBenchmark' -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
@Fork(1)
public class ObserveBenchmark {
  private static final int FEATURES = 20;
  private static final int CATEGORICAL = 4;
  private static final String[] CATEGORIES = {"a", "b", "c", "d", "e"};
  private MlOps mlops;
  private DriftMonitor monitor;
  private DriftMonitor mixedMonitor;
  private final AtomicLong counter = new AtomicLong();
  private final double[] shared = new double[FEATURES * 4096];

  /** A row per thread. */
  @State(Scope.Thread)
  public static class Row {
    final double[] values = new double[FEATURES];
    final String[] categories = new String[CATEGORICAL];

    /** Random values. */
    @Setup
    public void fill() {
      SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
      for (int i = 0; i < FEATURES; i++) {
        values[i] = random.nextDouble();
      }
      for (int i = 0; i < CATEGORICAL; i++) {
        categories[i] = CATEGORIES[random.nextInt(CATEGORIES.length)];
      }
    }
  }

  /** Profiles 100,000 reference rows and starts the monitor. */
  @Setup
  public void start() {
    SplittableRandom random = new SplittableRandom(3);
    Sample.Builder sample = Sample.builder();
    List<String> names = new ArrayList<>();
    for (int c = 0; c < FEATURES; c++) {
      double[] values = new double[100_000];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextDouble();
      }
      sample.numeric("f" + c, values);
      names.add("f" + c);
    }
    List<String> categorical = new ArrayList<>();
    for (int c = 0; c < CATEGORICAL; c++) {
      String[] values = new String[100_000];
      for (int i = 0; i < values.length; i++) {
        values[i] = CATEGORIES[random.nextInt(CATEGORIES.length)];
      }
      sample.categorical("k" + c, values);
      categorical.add("k" + c);
    }
    mlops = MlOps.open(URI.create("mem:bench-observe"));
    ReferenceProfile profile = mlops.drift().profile(sample.build());
    monitor = mlops.drift().monitor(DriftMonitorConfig.builder().reference(profile).columns(names)
        .windowSize(10_000).build());
    mixedMonitor = mlops.drift().monitor(DriftMonitorConfig.builder().name("mixed").reference(profile)
        .columns(names).categoricalColumns(categorical).windowSize(10_000).build());
  }

  /** Stops. */
  @TearDown
  public void stop() {
    monitor.close();
    mixedMonitor.close();
    mlops.close();
  }

  /** The request-path call. */
  @Benchmark
  public void observe(Row row) {
    monitor.observe(row.values);
  }

  /** The request-path call with 20 numeric and 4 categorical features. */
  @Benchmark
  public void observeWithCategories(Row row) {
    mixedMonitor.observe(row.values, row.categories);
  }

  /** Baseline: claim a slot with one atomic increment and copy the row into a shared ring. */
  @Benchmark
  public void atomicCopyBaseline(Row row) {
    long slot = counter.getAndIncrement() & 4095;
    System.arraycopy(row.values, 0, shared, (int) slot * FEATURES, FEATURES);
  }
}
