package dev.mlops.benchmarks.mlflow;

import com.sun.net.httpserver.HttpServer;
import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.JdkHttpAdapter;
import dev.mlops.server.http.MlOpsServer;
import dev.mlops.server.http.WebHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code runs/log-batch} on loopback into one live run on a filesystem store, through each HTTP
 * server {@code mlops server} could run on ({@code server}: the JDK's {@code HttpServer}, or
 * {@code MlOpsServer} itself, on Jetty 12's core server) and each of three well-known clients ({@code client}): the JDK's
 * {@code HttpClient} (HTTP/1.1, one per benchmark thread), Apache HttpClient 5's classic blocking
 * client (one per thread, the I/O on the calling thread, as a training process's client does), and
 * Jetty's {@code HttpClient} (one shared, one connection per thread). The server runs in this
 * JVM, so client and server share the machine's cores. Each iteration also prints the CPU time per
 * request of the server's threads, the other Java threads (clients) and the JVM's own
 * ({@link CpuPerRequest}), which a loaded machine changes far less than the requests per second.
 *
 * <pre>
 * java -jar mlops-benchmarks/target/benchmarks.jar MlflowLogBatchBenchmark.batchOf1000 -bm sample -tu ms
 * java -jar mlops-benchmarks/target/benchmarks.jar 'MlflowLogBatchBenchmark.(batchOf10|empty)By20Clients'
 * </pre>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class MlflowLogBatchBenchmark {
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
  /** Request threads of each server: {@code MlOpsServer}'s default on two cores. */
  private static final int THREADS = 8;
  /**
   * The prefix of the JDK server's request threads; {@code HTTP-Dispatcher} is its own, and
   * {@code mlops-http} Jetty's in {@code MlOpsServer}.
   */
  private static final String SERVER_THREADS = "server-";

  @Param({"jdk", "jetty"})
  public String server;

  @Param({"jdk", "apache", "jetty"})
  public String client;

  private Path directory;
  private MlOps mlops;
  private AutoCloseable running;
  private org.eclipse.jetty.client.HttpClient jettyClient;
  private URI logBatch;
  private URI empty;
  private byte[] batchOf1000;
  private byte[] batchOf10;
  private final CpuPerRequest cpu = new CpuPerRequest(name -> name.startsWith(SERVER_THREADS)
      || name.equals("HTTP-Dispatcher") || name.startsWith("mlops-http"));

  /** Starts a server over a fresh store and creates the run the batches go to. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    directory = Files.createTempDirectory("mlops-bench-mlflow");
    mlops = MlOps.local(directory);
    WebHandler api = MlOpsWeb.builder(mlops).mlflowApi(true).build();
    WebHandler emptyHandler = (request, response) -> {
      request.body().readAllBytes();
      response.send(200, "application/json", EMPTY);
    };
    URI base = switch (server) {
      case "jdk" -> startJdk(api, emptyHandler);
      case "jetty" -> startJetty(api, emptyHandler);
      default -> throw new IllegalArgumentException("server is jdk or jetty, not " + server);
    };
    logBatch = base.resolve("api/2.0/mlflow/runs/log-batch");
    empty = base.resolve("empty/");
    jettyClient = new org.eclipse.jetty.client.HttpClient();
    jettyClient.setMaxConnectionsPerDestination(64);
    jettyClient.start();
    Client setup = new Client();
    setup.open(this);
    String created = setup.post(base.resolve("api/2.0/mlflow/runs/create"),
        "{\"experiment_id\": \"0\"}".getBytes(StandardCharsets.UTF_8));
    setup.close();
    String runId = created.replaceAll("(?s).*\"run_id\":\"([0-9a-f]+)\".*", "$1");
    batchOf1000 = batch(runId, 1000);
    batchOf10 = batch(runId, 10);
  }

  /** The JDK's server as {@code MlOpsServer} ran it before Jetty: a fixed pool, Nagle off. */
  private URI startJdk(WebHandler api, WebHandler emptyHandler) throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer jdk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger count = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS,
        runnable -> new Thread(runnable, SERVER_THREADS + count.incrementAndGet()));
    jdk.setExecutor(executor);
    jdk.createContext("/", JdkHttpAdapter.of("/", api));
    jdk.createContext("/empty", JdkHttpAdapter.of("/empty", emptyHandler));
    jdk.start();
    running = () -> {
      jdk.stop(0);
      executor.shutdownNow();
    };
    return URI.create("http://127.0.0.1:" + jdk.getAddress().getPort() + "/");
  }

  /** {@code mlops server}'s own: {@code MlOpsServer}, on Jetty 12's core server. */
  private URI startJetty(WebHandler api, WebHandler emptyHandler) {
    MlOpsServer server = MlOpsServer.builder().port(0).threads(THREADS).mount("/", api).mount("/empty", emptyHandler)
        .start();
    running = server;
    return server.uri();
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

  /** Starts the iteration's CPU account. */
  @Setup(Level.Iteration)
  public void beginIteration() {
    cpu.begin();
  }

  /** Prints the iteration's CPU time per request, by side. */
  @TearDown(Level.Iteration)
  public void endIteration() {
    System.out.println(cpu.end());
  }

  /** One client per benchmark thread, as one training process has one. */
  @State(Scope.Thread)
  public static class Client {
    private String kind;
    private HttpClient jdk;
    private CloseableHttpClient apache;
    private org.eclipse.jetty.client.HttpClient jetty;

    /**
     * Opens the thread's client.
     *
     * @param benchmark the benchmark, which says which client
     */
    @Setup(Level.Trial)
    public void open(MlflowLogBatchBenchmark benchmark) {
      kind = benchmark.client;
      switch (kind) {
        case "jdk" -> jdk = client();
        case "apache" -> apache = HttpClients.createMinimal();
        case "jetty" -> jetty = benchmark.jettyClient;
        default -> throw new IllegalArgumentException("client is jdk, apache or jetty, not " + kind);
      }
    }

    String post(URI uri, byte[] body) throws Exception {
      int status;
      String answer;
      switch (kind) {
        case "jdk" -> {
          return send(jdk, uri, body);
        }
        case "apache" -> {
          HttpPost post = new HttpPost(uri);
          post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
          String[] got = apache.execute(post, response -> new String[] {
              String.valueOf(response.getCode()), EntityUtils.toString(response.getEntity())});
          status = Integer.parseInt(got[0]);
          answer = got[1];
        }
        default -> {
          ContentResponse response = jetty.POST(uri).body(new BytesRequestContent("application/json", body)).send();
          status = response.getStatus();
          answer = response.getContentAsString();
        }
      }
      if (status != 200) {
        throw new IllegalStateException("HTTP " + status + ": " + answer);
      }
      return answer;
    }

    /** Closes the thread's Apache client (the Jetty client is shared; the JDK's closes with its fork on JDK 17). */
    @TearDown(Level.Trial)
    public void close() throws IOException {
      if (apache != null) {
        apache.close();
      }
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
    cpu.request();
    return client.post(logBatch, batchOf1000);
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
    cpu.request();
    return client.post(logBatch, batchOf10);
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
    cpu.request();
    return client.post(empty, batchOf10);
  }

  /** Stops the server and the clients and deletes the store. */
  @TearDown(Level.Trial)
  public void stop() throws Exception {
    jettyClient.stop();
    running.close();
    mlops.close();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
