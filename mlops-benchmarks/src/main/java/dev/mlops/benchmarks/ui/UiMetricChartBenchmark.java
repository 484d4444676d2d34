package dev.mlops.benchmarks.ui;

import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.WebHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * The UI's chart series of a 10,000,000-point metric, server time (the handler called
 * in-process), as JSON: the whole history downsampled to 800 points, and a zoom into 1% of the
 * steps (read at finer detail, then downsampled to 800). The setup logs the points once.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar UiMetricChart</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class UiMetricChartBenchmark {
  private static final int POINTS = 10_000_000;

  private Path directory;
  private MlOps mlops;
  private WebHandler ui;
  private String runId;

  /** Logs 10 million points of one key and mounts the UI. */
  @Setup(Level.Trial)
  public void fill() throws IOException {
    directory = Files.createTempDirectory("mlops-ui-chart-bench-");
    mlops = MlOps.local(directory.resolve("store"));
    long start = System.nanoTime();
    try (Run run = mlops.experiments().start(RunSpec.builder().experiment("bench").build())) {
      runId = run.id();
      Random random = new Random(7);
      for (int i = 0; i < POINTS; i++) {
        run.log("loss", Math.exp(-i / 2e6) + random.nextGaussian() * 0.01, i);
      }
    }
    System.out.printf("%nlogged %,d points in %.1f s%n", POINTS, (System.nanoTime() - start) / 1e9);
    ui = MlOpsWeb.builder(mlops).build();
  }

  /**
   * The whole history as an 800-point series.
   *
   * @return the JSON's bytes
   */
  @Benchmark
  public byte[] wholeHistory() {
    return InProcess.get(ui, "/api/metric?run=" + runId + "&key=loss").body();
  }

  /**
   * A zoom into steps 5,000,000-5,100,000 (1% of the history).
   *
   * @return the JSON's bytes
   */
  @Benchmark
  public byte[] zoomedWindow() {
    return InProcess.get(ui, "/api/metric?run=" + runId + "&key=loss&from=5000000&to=5100000").body();
  }

  /** Closes the store and deletes it. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    mlops.close();
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
