package dev.mlops.benchmarks.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * First commit of many small files (target: 100,000 files of 4 KiB in at most 60 s) into a fresh
 * filesystem store: dominated by one durable object create per file.
 *
 * <pre>java -Xmx256m -jar mlops-benchmarks/target/benchmarks.jar DatasetSmallFiles</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class DatasetSmallFilesBenchmark {
  @Param({"100000"})
  public int files;

  private Path directory;
  private Path tree;
  private Path store;

  /** Writes the files. */
  @Setup(Level.Trial)
  public void writeTree() throws IOException {
    directory = Files.createTempDirectory("mlops-bench-small-");
    tree = directory.resolve("tree");
    BenchTrees.randomTree(tree, files, (long) files * 4096, 13);
  }

  /** A fresh store for every commit. */
  @Setup(Level.Invocation)
  public void freshStore() throws IOException {
    store = directory.resolve("store");
    BenchTrees.delete(store);
  }

  /** Removes everything. */
  @TearDown(Level.Trial)
  public void deleteAll() throws IOException {
    BenchTrees.delete(directory);
  }

  /**
   * Commits every file.
   *
   * @return the version id
   */
  @Benchmark
  public String commit() {
    return BenchTrees.commitTree(store, tree);
  }
}
