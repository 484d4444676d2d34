package dev.mlops.benchmarks.dataset;

import dev.mlops.core.internal.content.Chunker;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The content-defined cut search alone: the default chunker (average 1 MiB) cutting 64 MiB of
 * random bytes held in memory, in nanoseconds per byte of input (the first 256 KiB of each chunk
 * is skipped, so about three quarters of the bytes are searched). Run with the JIT setting of
 * bin/mlops, which the command line's first commit runs with:
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar ChunkerBenchmark \
 *     -jvmArgsAppend -XX:CompileThresholdScaling=10</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xmx512m"})
public class ChunkerBenchmark {
  private static final int SIZE = 64 << 20;

  private final Chunker chunker = Chunker.ofDefaults();
  private byte[] data;

  /** Random bytes: cut candidates fall as they would in compressed or encrypted files. */
  @Setup
  public void makeData() {
    data = new byte[SIZE];
    new Random(20261206).nextBytes(data);
  }

  /**
   * Cuts the whole buffer into chunks.
   *
   * @return the number of chunks, so the work is not removed
   */
  @Benchmark
  @OperationsPerInvocation(SIZE)
  public int cutDefault() {
    int chunks = 0;
    for (int offset = 0; offset < data.length; chunks++) {
      offset += chunker.cut(data, offset, data.length - offset);
    }
    return chunks;
  }
}
