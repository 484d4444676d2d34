package dev.mlops.benchmarks.dataset;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.CommitResult;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.dataset.DefaultDatasetStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
 * Re-commit of an unchanged tree (target: at most 1 s for 10,000 files / 1 GiB): the stat cache
 * (a local file, as in a new process) vouches for every file, so none is read. The baseline
 * {@code paranoid} re-reads and re-hashes everything.
 *
 * <pre>java -Xmx256m -jar mlops-benchmarks/target/benchmarks.jar DatasetRecommit</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class DatasetRecommitBenchmark {
  @Param({"10000"})
  public int files;

  @Param({"1024"})
  public int totalMiB;

  private Path directory;
  private Path tree;
  private MlOps mlops;

  /** Writes the tree and commits it once, filling the stat cache file. */
  @Setup(Level.Trial)
  public void firstCommit() throws IOException {
    directory = Files.createTempDirectory("mlops-bench-recommit-");
    tree = directory.resolve("tree");
    BenchTrees.randomTree(tree, files, (long) totalMiB << 20, 11);
    mlops = MlOps.local(directory.resolve("store"));
    datasets().commit(request(false));
  }

  /** Closes and removes everything. */
  @TearDown(Level.Trial)
  public void deleteAll() throws IOException {
    mlops.close();
    BenchTrees.delete(directory);
  }

  private DatasetStore datasets() {
    // A new instance each time reads the cache file, as a new process would.
    return new DefaultDatasetStore(mlops.store(), Clock.systemUTC(),
        Optional.of(directory.resolve("stat-cache.json")), mlops.executor());
  }

  private CommitRequest request(boolean paranoid) {
    return CommitRequest.builder().dataset("bench").add("tree", tree).paranoid(paranoid).build();
  }

  /**
   * Re-commits the unchanged tree through the stat cache.
   *
   * @return how many files were read (0 when the cache works)
   */
  @Benchmark
  public long recommit() {
    CommitResult result = datasets().commitWithStats(request(false));
    if (result.filesHashed() != 0) {
      throw new IllegalStateException(result.filesHashed() + " files were read again");
    }
    return result.filesFromCache();
  }

  /**
   * The baseline: re-commit reading and hashing every file.
   *
   * @return how many files were read
   */
  @Benchmark
  public long recommitParanoid() {
    return datasets().commitWithStats(request(true)).filesHashed();
  }
}
