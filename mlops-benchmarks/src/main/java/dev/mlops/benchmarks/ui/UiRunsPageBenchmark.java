package dev.mlops.benchmarks.ui;

import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.WebHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
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
 * The UI's runs page over 100,000 runs on a filesystem store, filtered and sorted by a metric,
 * first page of 50, warm, server time (the handler called in-process). The store is built once
 * through the public API (4 threads) into {@code target/bench-runs-ui-100000} and reused; the
 * setup prints how long building took (about 15 minutes). {@code searchAlone} is the page's own
 * search without the page, for comparison.
 *
 * <p>To keep one store across checkouts, give its directory in the system property
 * {@code mlops.bench.runsStore} or the environment variable {@code MLOPS_BENCH_RUNS_STORE}:
 *
 * <pre>
 * java -jar mlops-benchmarks/target/benchmarks.jar UiRunsPage
 * MLOPS_BENCH_RUNS_STORE=/work/bench-stores/runs-100000 java -jar mlops-benchmarks/target/benchmarks.jar UiRunsPage
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class UiRunsPageBenchmark {
  private static final int RUNS = 100_000;
  private static final String PAGE = "/runs?filter=metrics.accuracy+%3E+0.9+and+params.model+%3D+%27lr%27"
      + "&order=metrics.accuracy";

  private MlOps mlops;
  private WebHandler ui;

  /** Creates (once) 100,000 runs with params, a tag and an accuracy, and mounts the UI over them. */
  @Setup(Level.Trial)
  public void fill() throws Exception {
    Path directory = storeDirectory();
    boolean exists = Files.exists(directory.resolve("READY"));
    mlops = MlOps.local(directory);
    if (!exists) {
      long start = System.nanoTime();
      ExperimentLogger logger = mlops.experiments();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> parts = new ArrayList<>();
      for (int part = 0; part < 4; part++) {
        int first = part;
        parts.add(pool.submit(() -> {
          String[] models = {"lr", "gbm", "mlp", "svm"};
          for (int i = first; i < RUNS; i += 4) {
            try (Run run = logger.start(RunSpec.builder().experiment("search-" + (i % 10))
                .param("model", models[i % 4]).param("seed", Integer.toString(i)).tag("team", "risk").build())) {
              run.log("accuracy", 0.8 + (i % 2_000) / 10_000.0, 0);
              run.log("loss", 1.0 / (1 + i % 97), 0);
            }
          }
          return null;
        }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
      pool.shutdown();
      Files.writeString(directory.resolve("READY"), "");
      System.out.printf("%nbuilt %,d runs through the public API in %.1f s%n", RUNS, (System.nanoTime() - start) / 1e9);
    }
    ui = MlOpsWeb.builder(mlops).build();
  }

  /** The store's directory: the property or variable if given, else under {@code target/}. */
  private static Path storeDirectory() {
    String given = System.getProperty("mlops.bench.runsStore", System.getenv("MLOPS_BENCH_RUNS_STORE"));
    if (given != null && !given.isBlank()) {
      return Path.of(given).toAbsolutePath();
    }
    return Path.of(System.getProperty("mlops.bench.dir", "target")).resolve("bench-runs-ui-" + RUNS).toAbsolutePath();
  }

  /**
   * Makes the first page.
   *
   * @return the page's bytes, so it is not dead code
   */
  @Benchmark
  public byte[] runsPage() {
    return InProcess.get(ui, PAGE).body();
  }

  /**
   * The baseline: the search the page makes (same filter, order and limit), without the page.
   *
   * @return the runs found
   */
  @Benchmark
  public List<RunInfo> searchAlone() {
    return mlops.experiments().search(RunQuery.all().where("metrics.accuracy > 0.9 and params.model = 'lr'")
        .orderBy("metrics.accuracy", true).limit(51));
  }

  /** Closes the store (kept on disk for the next trial). */
  @TearDown(Level.Trial)
  public void close() {
    mlops.close();
  }
}
