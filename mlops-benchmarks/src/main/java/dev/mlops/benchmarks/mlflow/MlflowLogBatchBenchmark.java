package dev.mlops.benchmarks.mlflow;

import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.MlOpsServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code runs/log-batch} through {@code mlops server} (the JDK's HTTP server) on loopback, with the
 * JDK's HTTP client (HTTP/1.1, one client and connection per thread), into one live run on a
 * filesystem store. The server runs in this JVM, so client and server share the machine's cores.
 *
 * <pre>
 * java -jar mlops-benchmarks/target/benchmarks.jar MlflowLogBatchBenchmark.batchOf1000 -bm sample -tu ms
 * java -jar mlops-benchmarks/target/benchmarks.jar MlflowLogBatchBenchmark.batchOf10By20Clients
 * </pre>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class MlflowLogBatchBenchmark {
  private Path directory;
  private MlOps mlops;
  private MlOpsServer server;
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
  private URI logBatch;
  private URI empty;
  private byte[] batchOf1000;
  private byte[] batchOf10;

  /** Starts a server over a fresh store and creates the run the batches go to. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    directory = Files.createTempDirectory("mlops-bench-mlflow");
    mlops = MlOps.local(directory);
    server = MlOpsServer.builder().port(0).mount("/", MlOpsWeb.builder(mlops).mlflowApi(true).build())
        .mount("/empty", (request, response) -> {
          request.body().readAllBytes();
          response.send(200, "application/json", EMPTY);
        })
        .start();
    logBatch = server.uri().resolve("api/2.0/mlflow/runs/log-batch");
    empty = server.uri().resolve("empty/");
    HttpClient client = client();
    String created = send(client, server.uri().resolve("api/2.0/mlflow/runs/create"),
        "{\"experiment_id\": \"0\"}".getBytes(StandardCharsets.UTF_8));
    String runId = created.replaceAll("(?s).*\"run_id\":\"([0-9a-f]+)\".*", "$1");
    batchOf1000 = batch(runId, 1000);
    batchOf10 = batch(runId, 10);
  }

  private static byte[] batch(String runId, int points) {
    StringBuilder body = new StringBuilder("{\"run_id\": \"" + runId + "\", \"metrics\": [");
    for (int i = 0; i < points; i++) {
      body.append(i == 0 ? "" : ", ").append("{\"key\": \"").append(i % 2 == 0 ? "loss" : "accuracy")
          .append("\", \"value\": ").append(0.5 + i * 1e-4).append(", \"timestamp\": 1700000000000, \"step\": ")
          .append(i).append('}');
    }
    return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  static String send(HttpClient client, URI uri, byte[] body) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** One client per benchmark thread, as one training process has one. */
  @State(Scope.Thread)
  public static class Client {
    HttpClient http;

    /** Opens the thread's client. */
    @Setup(Level.Trial)
    public void open() {
      http = client();
    }
  }

  /**
   * One request carrying 1,000 metric points.
   *
   * @param client the thread's client
   * @return the response body
   * @throws Exception if the request fails
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Threads(1)
  public String batchOf1000(Client client) throws Exception {
    return send(client.http, logBatch, batchOf1000);
  }

  /**
   * Twenty clients each sending requests of 10 points, as fast as answered.
   *
   * @param client the thread's client
   * @return the response body
   * @throws Exception if the request fails
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(20)
  public String batchOf10By20Clients(Client client) throws Exception {
    return send(client.http, logBatch, batchOf10);
  }

  /**
   * The baseline: the same 20 clients and request bodies to a handler that reads the body and
   * answers {@code {}}, so the HTTP client and server's own cost shows.
   *
   * @param client the thread's client
   * @return the response body
   * @throws Exception if the request fails
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(20)
  public String emptyBy20Clients(Client client) throws Exception {
    return send(client.http, empty, batchOf10);
  }

  /** Stops the server and deletes the store. */
  @TearDown(Level.Trial)
  public void stop() throws IOException {
    server.close();
    mlops.close();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
