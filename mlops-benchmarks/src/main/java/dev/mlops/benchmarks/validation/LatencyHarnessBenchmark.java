package dev.mlops.benchmarks.validation;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.core.internal.onnx.OnnxPredictor;
import dev.mlops.core.internal.validation.CallTimer;
import dev.mlops.core.testing.OnnxTestModels;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
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
 * The validator's latency harness against timing {@code OrtSession.run} directly, same model (a
 * logistic regression over 32 features and 2 classes), same rows, same run.
 *
 * <ul>
 *   <li>{@code directTimedRun}: {@code System.nanoTime()} around the fast direct path (rows copied
 *       into one buffer, {@code OnnxTensor.createTensor}, {@code session.run}, output read back
 *       into rows), returning the measured nanoseconds.
 *   <li>{@code harnessTimedCall}: {@code CallTimer.timeMillis} on the {@code OnnxPredictor} the
 *       validator loads for ONNX candidates: exactly what {@code LatencyMeter} does per timed call.
 * </ul>
 *
 * Target: harness / direct &le; 1.05 at each batch size.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar LatencyHarness</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class LatencyHarnessBenchmark {
  private static final int FEATURES = 32;
  private static final int CLASSES = 2;

  @Param({"1", "64"})
  public int rows;

  private OrtEnvironment env;
  private OrtSession session;
  private OnnxPredictor predictor;
  private float[][] input;

  /** Builds the model, a direct session and the validator's predictor on the same bytes. */
  @Setup(Level.Trial)
  public void open() throws OrtException {
    Random random = new Random(42);
    float[][] weights = new float[FEATURES][CLASSES];
    for (float[] row : weights) {
      for (int c = 0; c < CLASSES; c++) {
        row[c] = (float) random.nextGaussian();
      }
    }
    byte[] model = OnnxTestModels.logisticRegression(weights, new float[CLASSES]);
    env = OrtEnvironment.getEnvironment();
    session = env.createSession(model, new OrtSession.SessionOptions());
    predictor = OnnxPredictor.of(model, "bench");
    input = new float[rows][FEATURES];
    for (float[] row : input) {
      for (int i = 0; i < FEATURES; i++) {
        row[i] = (float) random.nextGaussian();
      }
    }
  }

  /** Closes both sessions. */
  @TearDown(Level.Trial)
  public void close() throws OrtException {
    predictor.close();
    session.close();
  }

  /** Timing ONNX Runtime directly, the fast way. */
  @Benchmark
  public long directTimedRun() throws OrtException {
    long start = System.nanoTime();
    int width = input[0].length;
    float[] flat = new float[input.length * width];
    for (int i = 0; i < input.length; i++) {
      System.arraycopy(input[i], 0, flat, i * width, width);
    }
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat),
            new long[] {input.length, width});
        OrtSession.Result result = session.run(Map.of(OnnxTestModels.INPUT, tensor))) {
      FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[][] rowsOut = new float[input.length][CLASSES];
      for (float[] row : rowsOut) {
        out.get(row);
      }
    }
    return System.nanoTime() - start;
  }

  /** One timed call of the validator's harness. */
  @Benchmark
  public double harnessTimedCall() {
    return CallTimer.timeMillis(predictor, input);
  }
}
