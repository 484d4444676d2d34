package dev.mlops.benchmarks.ui;

import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.MlOpsServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does the UI touch the host's hot path? A prediction through a warm handle (the model of
 * {@code ModelServingBenchmark}, one row), with the UI not mounted ({@code ui=false}) and with it
 * mounted on the same {@code MlOps} and serving the model's page once a second over HTTP
 * ({@code ui=true}). The two should not differ beyond noise.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar UiBesideServing</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 6, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class UiBesideServingBenchmark {
  private static final int FEATURES = 32;
  private static final int CLASSES = 4;

  @Param({"false", "true"})
  public boolean ui;

  private Path directory;
  private MlOps mlops;
  private ModelHandle handle;
  private float[][] input;
  private MlOpsServer server;
  private ScheduledExecutorService visitor;
  private final AtomicLong pagesServed = new AtomicLong();

  /** Registers and loads the model; with {@code ui}, mounts the UI and starts visiting it. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    Random random = new Random(42);
    float[][] weights = new float[FEATURES][CLASSES];
    for (float[] row : weights) {
      for (int c = 0; c < CLASSES; c++) {
        row[c] = (float) random.nextGaussian();
      }
    }
    directory = Files.createTempDirectory("mlops-ui-serving-bench");
    Path file = OnnxTestModels.write(OnnxTestModels.logisticRegression(weights, new float[CLASSES]),
        directory.resolve("churn.onnx"));
    mlops = MlOps.open(URI.create("mem:ui-serving-bench-" + UUID.randomUUID()));
    mlops.models().register(ModelSpec.builder().model("churn").artifact(file, ModelFormat.ONNX).build());
    mlops.models().moveAliases("churn", Map.of("production", 1), "bench", "benchmark");
    handle = mlops.models().load("churn@production");
    input = new float[1][FEATURES];
    for (int i = 0; i < FEATURES; i++) {
      input[0][i] = (float) random.nextGaussian();
    }
    if (ui) {
      server = MlOpsServer.builder().port(0).mount("/", MlOpsWeb.builder(mlops).build()).start();
      HttpClient client = HttpClient.newHttpClient();
      URI page = server.uri().resolve("/models/churn");
      visitor = Executors.newSingleThreadScheduledExecutor();
      visitor.scheduleAtFixedRate(() -> {
        try {
          HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(page).build(),
              HttpResponse.BodyHandlers.ofByteArray());
          if (answer.statusCode() == 200) {
            pagesServed.incrementAndGet();
          }
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException("the UI stopped answering", e);
        }
      }, 0, 1, TimeUnit.SECONDS);
    }
  }

  /** Stops the visitor and the UI, closes the handle and the store. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    if (ui) {
      visitor.shutdownNow();
      server.close();
      System.out.printf("%nthe UI served %d pages during the trial%n", pagesServed.get());
    }
    handle.close();
    mlops.close();
    Files.deleteIfExists(directory.resolve("churn.onnx"));
    Files.deleteIfExists(directory);
  }

  /**
   * One prediction.
   *
   * @return the probabilities
   */
  @Benchmark
  public float[][] predict() {
    return handle.predict(Tensor.ofFloats(input)).first().floatRows();
  }
}
