package dev.mlops.benchmarks.drift;

import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorKind;
import dev.mlops.core.internal.drift.stream.ChangeDetectors;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code ChangeDetector.update} per value (targets: ADWIN median 150 ns, DDM and Page-Hinkley
 * 10 ns), on a stationary error stream (Bernoulli 0.2) replayed from an array, 1,024 updates per
 * invocation so the timer's own cost is spread out. Baseline in the same run: reading the same
 * values and handing them to a Blackhole.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar drift.DetectorUpdateBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorUpdateBenchmark {
  private static final int BATCH = 1024;

  /** The detector. */
  @Param({"ADWIN", "DDM", "PAGE_HINKLEY", "EDDM", "HDDM_A", "HDDM_W", "KSWIN"})
  public DetectorKind kind;

  private ChangeDetector detector;
  private final double[] values = new double[BATCH];

  /** Creates the detector and the values. */
  @Setup
  public void setUp() {
    detector = ChangeDetectors.create(kind, Map.of());
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < BATCH; i++) {
      values[i] = random.nextDouble() < 0.2 ? 1 : 0;
    }
  }

  /** 1,024 updates. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void update(Blackhole blackhole) {
    for (double value : values) {
      blackhole.consume(detector.update(value));
    }
  }

  /** Baseline: the same loop without the detector. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void loopBaseline(Blackhole blackhole) {
    for (double value : values) {
      blackhole.consume(value);
    }
  }
}
