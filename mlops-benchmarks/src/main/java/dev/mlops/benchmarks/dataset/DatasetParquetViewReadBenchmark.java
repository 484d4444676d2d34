package dev.mlops.benchmarks.dataset;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.dataset.ViewRequest;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
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
 * Reading views of a Parquet table (1,000,000 rows of six columns in ten row groups of 100,000,
 * in id order; written by parquet-java, Snappy, dictionaries on) through the table's Arrow copy
 * ({@code path=arrow}: every batch of every column read and filtered, as before pushdown),
 * through its stored Parquet file ({@code path=pushdown}: the columns the view needs, row groups
 * its filter rules out left unread), and as a view reads by default ({@code path=auto}: the
 * Parquet file when that decodes at most a quarter of its bytes, else the Arrow copy), in the same
 * run. Both views keep id and temp; {@code selective}
 * filters on an id range inside one row group, {@code unselective} on temp and city, which no
 * row group's statistics rule out.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar DatasetParquetViewRead</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class DatasetParquetViewReadBenchmark {
  private static final String SCHEMA = "message t { required int64 id; required int64 ts; optional double temp;"
      + " required binary city (STRING); optional double score; optional binary comment (STRING); }";
  private static final String[] CITIES = {"Oslo", "Paris", "Rome", "Lima", "Oulu", "Kyiv", "Bern", "Riga"};
  private static final int ROWS = 1_000_000;

  /** {@code arrow}: as before pushdown; {@code pushdown}: the stored Parquet file; {@code auto}: the default. */
  @Param({"arrow", "pushdown", "auto"})
  public String path;

  private Path directory;
  private MlOps mlops;
  private BufferAllocator allocator;

  /** Writes and commits the table, and commits the two views. */
  @Setup
  public void commit() throws IOException {
    if (!path.equals("auto")) {
      System.setProperty("mlops.view.parquetPushdown", String.valueOf(path.equals("pushdown")));
    }
    directory = Files.createTempDirectory("mlops-bench-pqview-");
    Path file = directory.resolve("t.parquet");
    MessageType schema = MessageTypeParser.parseMessageType(SCHEMA);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    SplittableRandom random = new SplittableRandom(1);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY).withDictionaryEncoding(true)
        .withRowGroupRowCountLimit(100_000).withRowGroupSize(256L << 20).build()) {
      for (int i = 0; i < ROWS; i++) {
        Group g = groups.newGroup();
        g.append("id", (long) i);
        g.append("ts", 1_767_225_600_000L + i * 37L + random.nextInt(1_000));
        if (random.nextInt(20) != 0) {
          g.append("temp", random.nextInt(4000) / 100.0);
        }
        g.append("city", CITIES[random.nextInt(CITIES.length)]);
        if (random.nextInt(10) != 0) {
          g.append("score", random.nextDouble());
        }
        if (random.nextInt(3) == 0) {
          g.append("comment", "note " + random.nextInt(100_000));
        }
        writer.write(g);
      }
    }
    mlops = MlOps.local(directory.resolve("store"));
    mlops.datasets().commit(CommitRequest.builder().dataset("weather")
        .addTable("t.parquet", new TableSource.FromParquet(file)).build());
    mlops.datasets().commitView(ViewRequest.builder().dataset("selective").from("weather")
        .columns(List.of("id", "temp")).where("id >= 500000 and id < 550000 and temp > 30").build());
    mlops.datasets().commitView(ViewRequest.builder().dataset("unselective").from("weather")
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

  private long read(String reference) throws IOException {
    long n = 0;
    try (ArrowReader reader = mlops.datasets().openTable(reference, "t.parquet", allocator)) {
      while (reader.loadNextBatch()) {
        n += reader.getVectorSchemaRoot().getRowCount();
      }
    }
    return n;
  }

  /** An id range inside one row group (and temp above 30): nine row groups of ten left unread. */
  @Benchmark
  public long selective() throws IOException {
    return read("selective");
  }

  /** temp above 30 in Oslo: every row group read, three columns of six decoded. */
  @Benchmark
  public long unselective() throws IOException {
    return read("unselective");
  }
}
