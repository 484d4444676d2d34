package dev.mlops.benchmarks;

import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Searching 10,000 finished runs on a filesystem store with a three-term filter, warm (the
 * process has searched before, so unchanged run documents come from the parsed cache, and the
 * listing still checks every document's size and time). Building the store takes minutes, so it
 * is kept in {@code target/bench-runs-10000} and reused by later trials.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar RunSearch</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class RunSearchBenchmark {
  private static final int RUNS = 10_000;
  private static final String FILTER =
      "metrics.accuracy > 0.9 and params.model = 'lr' and tags.team = 'risk'";

  private MlOps mlops;
  private ExperimentLogger logger;

  /** Creates (once) 10,000 runs with params, tags and a final accuracy. */
  @Setup(Level.Trial)
  public void fill() throws IOException {
    Path directory = directory();
    boolean exists = Files.exists(directory.resolve("READY"));
    mlops = MlOps.local(directory);
    logger = mlops.experiments();
    if (!exists) {
      String[] models = {"lr", "gbm", "mlp", "svm"};
      String[] teams = {"risk", "ops", "growth"};
      for (int i = 0; i < RUNS; i++) {
        try (Run run = logger.start(RunSpec.builder().experiment("search")
            .param("model", models[i % 4]).param("seed", Integer.toString(i))
            .tag("team", teams[i % 3]).build())) {
          run.log("accuracy", 0.8 + (i % 200) / 1000.0, 0);
        }
      }
      Files.writeString(directory.resolve("READY"), "");
    }
  }

  /**
   * Returns where the 10,000 runs are kept between trials (the MLflow search benchmark reads them too).
   *
   * @return the store's directory
   */
  public static Path directory() {
    return Path.of(System.getProperty("mlops.bench.dir", "target")).resolve("bench-runs-" + RUNS).toAbsolutePath();
  }

  /**
   * Runs the three-term search.
   *
   * @return the matches
   */
  @Benchmark
  public List<RunInfo> search() {
    return logger.search(RunQuery.all().where(FILTER));
  }

  /** Closes the store (kept on disk for the next trial). */
  @TearDown(Level.Trial)
  public void close() {
    mlops.close();
  }
}
