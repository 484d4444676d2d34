package dev.mlops.benchmarks.dataset;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.CommitResult;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.dataset.DefaultDatasetStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Append 1% new rows to a CSV and commit it again (target: new bytes at most 3% of the file). The
 * auxiliary counter {@code newBytesPerMille} is the commit's new bytes per thousand bytes of file:
 * content-defined chunking keeps every chunk before the append, so only the last chunk and the
 * appended rows are new.
 *
 * <pre>java -Xmx256m -jar mlops-benchmarks/target/benchmarks.jar DatasetAppend -p sizeMiB=1024</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class DatasetAppendBenchmark {
  @Param({"1024"})
  public int sizeMiB;

  private Path directory;
  private Path csv;
  private MlOps mlops;
  private long seed = 1;

  /** The commit's new bytes per mille of the file's size, reported next to the time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Stored {
    /** New bytes per thousand bytes of the file. */
    public double newBytesPerMille;
  }

  /** Writes the CSV and commits it once. */
  @Setup(Level.Trial)
  public void writeCsv() throws IOException {
    directory = Files.createTempDirectory("mlops-bench-append-");
    csv = directory.resolve("data.csv");
    appendRows((long) sizeMiB << 20, true);
    mlops = MlOps.local(directory.resolve("store"));
    commit();
  }

  /** Appends 1% of the file's size in new rows before each measured commit. */
  @Setup(Level.Invocation)
  public void appendOnePercent() throws IOException {
    appendRows(Files.size(csv) / 100, false);
  }

  /** Closes and removes everything. */
  @TearDown(Level.Trial)
  public void deleteAll() throws IOException {
    mlops.close();
    BenchTrees.delete(directory);
  }

  private void appendRows(long bytes, boolean header) throws IOException {
    SplittableRandom random = new SplittableRandom(seed++);
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      if (header) {
        out.write("id,timestamp,temperature,humidity,station\n");
      }
      long written = 0;
      while (written < bytes) {
        String row = random.nextLong(1L << 40) + "," + (1_600_000_000L + random.nextInt(100_000_000))
            + "," + String.format("%.3f", random.nextDouble(-30, 45)) + "," + random.nextInt(101)
            + ",station-" + random.nextInt(500) + "\n";
        out.write(row);
        written += row.length();
      }
    }
  }

  private CommitResult commit() {
    return new DefaultDatasetStore(mlops.store(), Clock.systemUTC(), Optional.empty(), mlops.executor())
        .commitWithStats(CommitRequest.builder().dataset("bench").add("data.csv", csv).build());
  }

  /**
   * Commits the appended file.
   *
   * @param stored receives the new bytes ratio
   * @return the new bytes
   */
  @Benchmark
  public long commitAppended(Stored stored) throws IOException {
    CommitResult result = commit();
    stored.newBytesPerMille = 1000.0 * result.newBytes() / Files.size(csv);
    return result.newBytes();
  }
}
