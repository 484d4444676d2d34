package dev.mlops.benchmarks.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * First commit of a tree of random files into a fresh filesystem store, against the peer
 * {@code sha256sum} over the same files in the same run (both read from the page cache after the
 * setup wrote the files). The target: commit throughput at least half of sha256sum's.
 * Also commits many small files (100,000 x 4 KiB: target 60 s).
 *
 * <pre>java -Xmx256m -jar mlops-benchmarks/target/benchmarks.jar DatasetFirstCommit \
 *     -p files=1000 -p totalMiB=1024</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class DatasetFirstCommitBenchmark {
  @Param({"1000"})
  public int files;

  @Param({"1024"})
  public int totalMiB;

  private Path directory;
  private Path tree;
  private List<Path> written;
  private Path store;

  /** Writes the tree once per trial. */
  @Setup(Level.Trial)
  public void writeTree() throws IOException {
    directory = Files.createTempDirectory("mlops-bench-ds-");
    tree = directory.resolve("tree");
    written = BenchTrees.randomTree(tree, files, (long) totalMiB << 20, 7);
  }

  /** A fresh store for every commit, so every commit is a first commit. */
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
   * Commits the whole tree (chunk, hash, store) into an empty filesystem store.
   *
   * @return the version id
   */
  @Benchmark
  public String commit() {
    return BenchTrees.commitTree(store, tree);
  }

  /**
   * The peer: GNU sha256sum over the same files (one process, files in argument batches).
   *
   * @return the number of output lines
   */
  @Benchmark
  public long sha256sum() throws IOException, InterruptedException {
    long lines = 0;
    for (int from = 0; from < written.size(); from += 1000) {
      List<String> command = new ArrayList<>(List.of("sha256sum"));
      written.subList(from, Math.min(written.size(), from + 1000)).forEach(p -> command.add(p.toString()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      lines += new String(process.getInputStream().readAllBytes()).lines().count();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("sha256sum failed");
      }
    }
    return lines;
  }
}
