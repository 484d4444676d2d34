package dev.mlops.benchmarks;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a durable create in the filesystem store: {@code putIfAbsent} of a 1 MiB object,
 * against the baseline of writing the same bytes to a plain file and {@code force}-ing it. The
 * difference is what the store adds for crash safety (temp file, link into place, directory fsync).
 *
 * <p>Each invocation writes a new object and the teardown deletes it, so the disk does not fill.
 * The directory is under {@code java.io.tmpdir}; if that is a tmpfs, fsync is free and the numbers
 * say little about disks: run with {@code -jvmArgs -Djava.io.tmpdir=/path/on/disk}.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar FsPutIfAbsent</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FsPutIfAbsentBenchmark {
  private static final int SIZE = 1024 * 1024;

  private Path directory;
  private MlOps mlops;
  private ObjectStore store;
  private byte[] content;
  private long sequence;
  private String key;
  private Path file;

  /** Opens a store in a fresh directory and prepares 1 MiB of random bytes. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    directory = Files.createTempDirectory("mlops-bench-");
    mlops = MlOps.local(directory.resolve("store"));
    store = mlops.store();
    Files.createDirectories(directory.resolve("plain"));
    content = new byte[SIZE];
    new Random(42).nextBytes(content);
  }

  /** Picks the key and path of the next write, outside the measured time. */
  @Setup(Level.Invocation)
  public void next() {
    sequence++;
    key = "bench/put/" + sequence;
    file = directory.resolve("plain").resolve(Long.toString(sequence));
  }

  /**
   * Stores 1 MiB under a new key through the store.
   *
   * @return whether the object was created, so the call is not dead code
   */
  @Benchmark
  public boolean storePutIfAbsent() {
    return store.putIfAbsent(key, content);
  }

  /**
   * Baseline: writes the same bytes to a new plain file and forces them to disk.
   *
   * @return the file, so the call is not dead code
   * @throws IOException if the write fails
   */
  @Benchmark
  public Path baselineWriteAndForce() throws IOException {
    Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    return file;
  }

  /** Deletes what the invocation wrote, outside the measured time. */
  @TearDown(Level.Invocation)
  public void deleteWritten() throws IOException {
    store.delete(key);
    Files.deleteIfExists(file);
  }

  /** Closes the store and removes the directory. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    mlops.close();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
