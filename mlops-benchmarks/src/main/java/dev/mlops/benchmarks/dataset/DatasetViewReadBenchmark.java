package dev.mlops.benchmarks.dataset;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.dataset.ViewRequest;
import dev.mlops.core.MlOps;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Reading a virtual version (a filter and a projection of a stored table) against reading the
 * stored table itself, in the same run: the view's cost over the base is the filter's evaluation
 * and the copy of the kept rows. Table: {@code rows} rows of (id long, temp double, city text).
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar DatasetViewRead</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class DatasetViewReadBenchmark {
  @Param({"1000000"})
  public int rows;

  private Path directory;
  private MlOps mlops;
  private BufferAllocator allocator;

  /** Commits the table from a CSV and a view of it (hot days in Oslo: about 12.5% of the rows). */
  @Setup
  public void commit() throws IOException {
    directory = Files.createTempDirectory("mlops-bench-view-");
    Path csv = directory.resolve("weather.csv");
    SplittableRandom random = new SplittableRandom(1);
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("id,temp,city\n");
      for (int i = 0; i < rows; i++) {
        out.write(i + "," + (random.nextInt(4000) / 100.0) + "," + (random.nextBoolean() ? "Oslo" : "Paris") + "\n");
      }
    }
    mlops = MlOps.local(directory.resolve("store"));
    mlops.datasets().commit(CommitRequest.builder().dataset("weather")
        .addTable("t", new TableSource.FromCsv(csv, Optional.empty())).build());
    mlops.datasets().commitView(ViewRequest.builder().dataset("hot").from("weather")
        .columns(List.of("id", "temp")).where("temp > 30 and city = 'Oslo'").build());
    allocator = new RootAllocator();
  }

  /** Closes and removes everything. */
  @TearDown
  public void close() throws IOException {
    allocator.close();
    mlops.close();
    try (var walk = Files.walk(directory)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private long read(String reference, List<String> columns) throws IOException {
    long n = 0;
    try (ArrowReader reader = mlops.datasets().openTable(reference, "t", allocator, columns)) {
      while (reader.loadNextBatch()) {
        n += reader.getVectorSchemaRoot().getRowCount();
      }
    }
    return n;
  }

  /** Baseline: the stored table, all columns. */
  @Benchmark
  public long base() throws IOException {
    return read("weather", List.of());
  }

  /** Baseline: the stored table, the view's two columns (projection without filter). */
  @Benchmark
  public long baseTwoColumns() throws IOException {
    return read("weather", List.of("id", "temp"));
  }

  /** The view: filter and projection applied to every base batch. */
  @Benchmark
  public long view() throws IOException {
    return read("hot", List.of());
  }
}
