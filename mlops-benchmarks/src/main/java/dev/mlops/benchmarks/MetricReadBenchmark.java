package dev.mlops.benchmarks;

import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading one metric of 10,000,000 points from a filesystem store: the whole history, and a
 * 1,000-point downsampled curve (LTTB over the whole history). The setup logs the points once.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar MetricRead</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class MetricReadBenchmark {
  private static final int POINTS = 10_000_000;

  private Path directory;
  private MlOps mlops;
  private ExperimentLogger logger;
  private String runId;

  /** Logs 10 million points of one key (a noisy decaying curve) and closes the run. */
  @Setup(Level.Trial)
  public void fill() throws IOException {
    directory = Files.createTempDirectory("mlops-read-bench-");
    mlops = MlOps.local(directory.resolve("store"));
    logger = mlops.experiments();
    try (Run run = logger.start(RunSpec.builder().experiment("bench").build())) {
      runId = run.id();
      java.util.Random random = new java.util.Random(7);
      for (int i = 0; i < POINTS; i++) {
        run.log("loss", Math.exp(-i / 2e6) + random.nextGaussian() * 0.01, i);
      }
    }
  }

  /**
   * Reads every point.
   *
   * @return the history, so it is not dead code
   */
  @Benchmark
  public MetricHistory readAll() {
    MetricHistory all = logger.history(runId, "loss");
    if (all.size() != POINTS) {
      throw new IllegalStateException("expected " + POINTS + " points, read " + all.size());
    }
    return all;
  }

  /**
   * Reads a 1,000-point curve.
   *
   * @return the curve
   */
  @Benchmark
  public MetricHistory downsample1000() {
    return logger.history(runId, "loss", 1000);
  }

  /** Closes and deletes the store. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    mlops.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
