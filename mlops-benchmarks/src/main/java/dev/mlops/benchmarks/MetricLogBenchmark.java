package dev.mlops.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.MlOps;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread calling {@code run.log(key, value, step)} into a filesystem store, sustained (the
 * default BLOCK policy: when the writer falls behind, the caller waits, so the figure includes
 * the background writer's pace), against the baseline of writing the same points as JSON lines
 * with Jackson to a buffered file in the same directory. Eight keys in rotation. Two kinds of
 * values: {@code ramp}, a straight line per key ({@code step * 0.001}), and {@code noisy}, a
 * decaying loss-like curve with random noise in every mantissa bit, the harder case for the
 * segments' value compression.
 *
 * <p>The warm-up is long (15 s) on purpose: both sides write hundreds of MB/s, and each slows down
 * once the page cache has filled, at its own moment. Measured before that, the two sides may be
 * in different phases and their ratio means little; measured after, both are in the steady
 * state that "sustained" asks for.
 *
 * <p>The two are not equally durable: the logger's figure includes fsync'ing every segment (what
 * {@code flush()} promises), the baseline leaves its lines in the page cache. Sustained logger
 * throughput therefore depends on the disk as well as on the CPU; on a busy machine the thread
 * CPU time per point tells the intrinsic cost better than the wall-clock rate.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar MetricLog -prof gc
 * java -jar mlops-benchmarks/target/benchmarks.jar MetricLog -bm sample   # latency percentiles</pre>
 *
 * After each trial the teardown prints the bytes per point the segments took on disk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class MetricLogBenchmark {
  private static final String[] KEYS = {"loss", "accuracy", "lr", "grad_norm", "val.loss",
      "val.accuracy", "throughput", "epoch_time"};

  private Path directory;
  private MlOps mlops;
  private Run run;
  private OutputStream jsonFile;
  private JsonGenerator json;
  private long step;
  private long logged;

  /** The kind of values logged. */
  @Param({"ramp", "noisy"})
  public String values;

  private boolean noisy;

  /** Opens a store and a JSON-lines file in a fresh directory and starts a run. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    directory = Files.createTempDirectory("mlops-metric-bench-");
    mlops = MlOps.local(directory.resolve("store"));
    run = mlops.experiments().start(RunSpec.builder().experiment("bench").build());
    jsonFile = new BufferedOutputStream(Files.newOutputStream(directory.resolve("points.jsonl")),
        1 << 16);
    json = new JsonFactory().createGenerator(jsonFile);
    noisy = values.equals("noisy");
  }

  /** The value of step {@code s}: a ramp, or a decaying curve plus noise from a hash of s. */
  private double value(long s) {
    if (!noisy) {
      return s * 0.001;
    }
    long h = s * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    return 1.0 / (1.0 + s * 1e-7) + ((h >>> 11) * 0x1.0p-53 - 0.5) * 0.01;
  }

  /**
   * Logs one point through the SDK.
   */
  @Benchmark
  public void logger() {
    long s = step++;
    run.log(KEYS[(int) (s & 7)], value(s), s);
    logged++;
  }

  /**
   * Writes the same point as one JSON line, the hand-written baseline.
   *
   * @throws IOException never in practice
   */
  @Benchmark
  public void jacksonJsonLines() throws IOException {
    long s = step++;
    json.writeStartObject();
    json.writeStringField("key", KEYS[(int) (s & 7)]);
    json.writeNumberField("value", value(s));
    json.writeNumberField("step", s);
    json.writeNumberField("timestamp", System.currentTimeMillis());
    json.writeEndObject();
    json.writeRaw('\n');
  }

  /** Flushes and closes everything, reports bytes per point, deletes the directory. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    run.flush();
    run.close();
    json.close();
    long segmentBytes;
    try (Stream<Path> files = Files.walk(directory.resolve("store"))) {
      segmentBytes = files.filter(p -> p.toString().contains("metrics")).filter(Files::isRegularFile)
          .mapToLong(p -> p.toFile().length()).sum();
    }
    if (logged > 0) {
      System.out.printf("%n[storage] %s: %d points in %d segment bytes: %.2f bytes/point%n",
          values, logged, segmentBytes, (double) segmentBytes / logged);
    }
    mlops.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
