package dev.mlops.benchmarks.mlflow;

import dev.mlops.benchmarks.RunSearchBenchmark;
import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.MlOpsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
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
 * {@code runs/search} through {@code mlops server} over the 10,000 runs {@link RunSearchBenchmark}
 * builds (and keeps in {@code target/bench-runs-10000}), with MLflow's spelling of the same
 * three-term filter, over loopback with the JDK's HTTP client; the answer (about 400 runs as
 * MLflow JSON) is read whole.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar MlflowSearch -bm sample -tu ms</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class MlflowSearchBenchmark {
  private final RunSearchBenchmark runs = new RunSearchBenchmark();
  private MlOps mlops;
  private MlOpsServer server;
  private HttpClient client;
  private URI search;
  private byte[] body;

  /** Builds (once) the 10,000 runs and serves their store. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    runs.fill();
    runs.close();
    mlops = MlOps.local(RunSearchBenchmark.directory());
    server = MlOpsServer.builder().port(0).mount("/", MlOpsWeb.builder(mlops).mlflowApi(true).build()).start();
    client = MlflowLogBatchBenchmark.client();
    String experiment = new String(client.send(java.net.http.HttpRequest.newBuilder(
        server.uri().resolve("api/2.0/mlflow/experiments/get-by-name?experiment_name=search")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.UTF_8)
        .replaceAll("(?s).*\"experiment_id\":\"([0-9]+)\".*", "$1");
    search = server.uri().resolve("api/2.0/mlflow/runs/search");
    body = ("{\"experiment_ids\": [\"" + experiment + "\"], \"filter\": \"metrics.accuracy > 0.9 and params.model = 'lr'"
        + " and tags.team = 'risk'\", \"max_results\": 1000}").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * One search.
   *
   * @return the answer
   * @throws Exception if it fails
   */
  @Benchmark
  public String search() throws Exception {
    return MlflowLogBatchBenchmark.send(client, search, body);
  }

  /**
   * The baseline: our own search with the same filter, in-process, no HTTP.
   *
   * @return the matches
   */
  @Benchmark
  public java.util.List<dev.mlops.api.experiment.RunInfo> coreSearch() {
    return mlops.experiments().search(dev.mlops.api.experiment.RunQuery.experiment("search")
        .where("metrics.accuracy > 0.9 and params.model = 'lr' and tags.team = 'risk'"));
  }

  /** Stops the server. */
  @TearDown(Level.Trial)
  public void stop() {
    server.close();
    mlops.close();
  }
}
