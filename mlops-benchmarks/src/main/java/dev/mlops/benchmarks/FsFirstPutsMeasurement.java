package dev.mlops.benchmarks;

import dev.mlops.storage.fs.FileSystemObjectStore;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CPU of the file store's per-object write path as a first commit uses it, in a fresh JVM:
 * two threads each ask {@code exists} and then {@code putIfAbsent} for new content keys of 300 KB
 * to 1 MB (1,786 objects is what a first commit of 1 GiB in 1,000 files stores). It prints the
 * worker threads' user CPU and user+system CPU. Unlike {@link FsPutIfAbsentBenchmark} (JMH, warmed
 * up), the path runs about as often as in one command, so run it with the JIT setting of
 * {@code bin/mlops} to see what the interpreter costs:
 *
 * <pre>
 * java -XX:CompileThresholdScaling=10 -cp mlops-cli/target/mlops.jar:mlops-benchmarks/target/classes \
 *     dev.mlops.benchmarks.FsFirstPutsMeasurement /tmp/puts-store 1786
 * </pre>
 *
 * <p>Put another build's {@code mlops.jar} first on the class path to compare builds; the store
 * directory must not exist (it is deleted at the end).
 */
public final class FsFirstPutsMeasurement {
  private FsFirstPutsMeasurement() {}

  /**
   * Runs the measurement.
   *
   * @param args the store directory (must not exist) and the number of objects
   * @throws Exception if a put fails
   */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    int objects = Integer.parseInt(args[1]);
    if (Files.exists(root)) {
      throw new IllegalArgumentException(root + " exists; give a new directory");
    }
    byte[] data = new byte[2 << 20];
    new Random(1).nextBytes(data);
    String[] keys = new String[objects];
    for (int i = 0; i < objects; i++) {
      String hex = HexFormat.of().formatHex(sha256(Integer.toString(i)));
      keys[i] = "objects/sha256/" + hex.substring(0, 2) + "/" + hex;
    }
    AtomicLong user = new AtomicLong();
    AtomicLong cpu = new AtomicLong();
    try (FileSystemObjectStore store = FileSystemObjectStore.open(root)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int first = t;
        workers.add(pool.submit(() -> {
          ThreadMXBean threads = ManagementFactory.getThreadMXBean();
          long user0 = threads.getCurrentThreadUserTime();
          long cpu0 = threads.getCurrentThreadCpuTime();
          for (int i = first; i < objects; i += 2) {
            // Sizes spread like a chunker's cuts, not growing steadily (which would defeat the
            // JDK's cache of temporary direct buffers and measure its reallocation instead).
            int offset = i * 997 % (1 << 20);
            int length = 300_000 + (int) ((i * 0x9E3779B97F4A7C15L >>> 40) % 700_000);
            if (!store.exists(keys[i])) {
              store.putIfAbsent(keys[i], new ByteArrayInputStream(data, offset, length));
            }
          }
          user.addAndGet(threads.getCurrentThreadUserTime() - user0);
          cpu.addAndGet(threads.getCurrentThreadCpuTime() - cpu0);
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      pool.shutdown();
    } finally {
      try (var files = Files.walk(root)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.out.printf("%d objects: workers user %.3f s, user+system %.3f s%n", objects,
        user.get() / 1e9, cpu.get() / 1e9);
  }

  private static byte[] sha256(String text) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
