package dev.mlops.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.io.IOException;
import java.net.URI;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 * Serving through the registry against ONNX Runtime used directly, same model, same inputs, same
 * run. The model is a logistic regression over 32 features and 4 classes (built by
 * {@code OnnxTestModels}); {@code rows} is the batch size.
 *
 * <ul>
 *   <li>{@code handleResolve}: which version {@code churn@production} serves, through a warm
 *       handle (target: at most 1 us).
 *   <li>{@code handlePredict} vs {@code directRun}: {@code handle.predict(Tensor.ofFloats(rows))}
 *       read back as {@code float[][]}, against the same rows copied into a {@code FloatBuffer},
 *       {@code OnnxTensor.createTensor}, {@code session.run} and the output buffer read into rows,
 *       on a session made from the same bytes (target: handle at most 5% slower).
 *   <li>{@code registryResolve}: {@code models.resolve("churn@production")}, which reads the
 *       store for new history entries (in-memory store), for comparison.
 * </ul>
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar ModelServing</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ModelServingBenchmark {
  private static final int FEATURES = 32;
  private static final int CLASSES = 4;

  @Param({"1", "64"})
  public int rows;

  private Path directory;
  private MlOps mlops;
  private ModelHandle handle;
  private OrtEnvironment env;
  private OrtSession direct;
  private float[][] input;

  /** Registers the model, points {@code production} at it, loads a handle and a direct session. */
  @Setup(Level.Trial)
  public void open() throws IOException, OrtException {
    Random random = new Random(42);
    float[][] weights = new float[FEATURES][CLASSES];
    for (float[] row : weights) {
      for (int c = 0; c < CLASSES; c++) {
        row[c] = (float) random.nextGaussian();
      }
    }
    float[] bias = new float[CLASSES];
    byte[] model = OnnxTestModels.logisticRegression(weights, bias);
    directory = Files.createTempDirectory("mlops-serving-bench");
    Path file = OnnxTestModels.write(model, directory.resolve("churn.onnx"));
    mlops = MlOps.open(URI.create("mem:serving-bench-" + UUID.randomUUID()));
    mlops.models().register(ModelSpec.builder().model("churn").artifact(file, ModelFormat.ONNX).build());
    mlops.models().moveAliases("churn", Map.of("production", 1), "bench", "benchmark");
    handle = mlops.models().load("churn@production");
    env = OrtEnvironment.getEnvironment();
    direct = env.createSession(model, new OrtSession.SessionOptions());
    input = new float[rows][FEATURES];
    for (float[] row : input) {
      for (int i = 0; i < FEATURES; i++) {
        row[i] = (float) random.nextGaussian();
      }
    }
  }

  /** Closes the handle, the direct session and the store; removes the directory. */
  @TearDown(Level.Trial)
  public void close() throws IOException, OrtException {
    handle.close();
    direct.close();
    mlops.close();
    Files.deleteIfExists(directory.resolve("churn.onnx"));
    Files.deleteIfExists(directory);
  }

  /** The version a warm alias-following handle serves. */
  @Benchmark
  public ModelVersion handleResolve() {
    return handle.version();
  }

  /** Resolving the alias through the registry (reads the store for new history entries). */
  @Benchmark
  public ModelVersion registryResolve() {
    return mlops.models().resolve("churn@production");
  }

  /** A prediction through the handle, outputs as Java arrays. */
  @Benchmark
  public float[][] handlePredict() {
    return handle.predict(Tensor.ofFloats(input)).first().floatRows();
  }

  /**
   * The same prediction with ONNX Runtime's Java API directly, done the fast way: the rows copied
   * into one buffer, the output read from the tensor's buffer into rows.
   */
  @Benchmark
  public float[][] directRun() throws OrtException {
    int width = input[0].length;
    float[] flat = new float[input.length * width];
    for (int i = 0; i < input.length; i++) {
      System.arraycopy(input[i], 0, flat, i * width, width);
    }
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] {input.length, width});
        OrtSession.Result result = direct.run(Map.of(OnnxTestModels.INPUT, tensor))) {
      FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[][] rowsOut = new float[input.length][CLASSES];
      for (float[] row : rowsOut) {
        out.get(row);
      }
      return rowsOut;
    }
  }
}
