package dev.mlops.benchmarks.arrowdataset;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.DirectReservationListener;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.dataset.source.DatasetFactory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthViewVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * One read of a Parquet file through Arrow's dataset module (Arrow C++ over JNI): a
 * {@code FileSystemDatasetFactory} on the file's {@code file://} URI, {@code FileFormat.PARQUET},
 * the default native memory pool, and a scan of every column into Arrow batches of at most 65,536
 * rows (mlops's batch size). Every value of every batch is touched, as mlops-benchmarks'
 * {@code ParquetReadersRun} does with mlops's reader: per column the sum of the 64-bit values (doubles
 * by their bits) or of the string lengths, non-null values only, which is also what parquet-java's
 * bare read sums, so the three readers can be checked against each other.
 *
 * <p>Prints one {@code RESULT} line: rows, the column sums' hash and the {@code balance} column's sum,
 * wall and process CPU seconds of the read (all threads: the JVM's and Arrow C++'s own), the Java
 * threads' CPU, the process's threads while the scan was open, and the peak RSS (VmHWM, Linux).
 *
 * <pre>
 * java -Xmx256m --add-opens=java.base/java.nio=ALL-UNNAMED -cp "target/classes:$(cat target/classpath.txt)" \
 *     dev.mlops.benchmarks.arrowdataset.ArrowDatasetRead FILE.parquet
 * </pre>
 */
public final class ArrowDatasetRead {
  private static final int BATCH_ROWS = 65_536;

  private ArrowDatasetRead() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]).toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no file " + file);
    }
    long[] sums = null;
    long rows = 0;
    int threads;
    long cpu = processCpuNanos();
    long javaCpu = javaThreadsCpuNanos();
    long start = System.nanoTime();
    try (BufferAllocator allocator = new RootAllocator();
        DatasetFactory factory = new FileSystemDatasetFactory(allocator, pool(), FileFormat.PARQUET,
            file.toUri().toString());
        Dataset dataset = factory.finish();
        Scanner scanner = dataset.newScan(new ScanOptions(BATCH_ROWS, Optional.empty()));
        ArrowReader reader = scanner.scanBatches()) {
      while (reader.loadNextBatch()) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        if (sums == null) {
          sums = new long[root.getFieldVectors().size()];
        }
        rows += root.getRowCount();
        touch(root, sums);
      }
      threads = procStatus("Threads:");
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
    double javaCpuSeconds = (javaThreadsCpuNanos() - javaCpu) / 1e9;
    System.out.printf("RESULT reader=arrow-dataset%s rows=%d hash=%016x balance=%d wall=%.3f cpu=%.3f javacpu=%.3f"
        + " threads=%d rss_mib=%d%n", "direct".equals(System.getProperty("pool")) ? "-direct" : "", rows, hash(sums),
        sums[5], wall, cpuSeconds, javaCpuSeconds, threads, procStatus("VmHWM:") >> 10);
  }

  /**
   * The default native memory pool, or with {@code -Dpool=direct} one whose allocations are reserved
   * against the JVM's direct memory limit ({@code -XX:MaxDirectMemorySize}, by default the heap's
   * maximum): Arrow C++'s buffers are otherwise bounded by nothing the JVM sets. On 2026-12-06, with
   * {@code -Xmx256m} and the 1 GiB file, that scan failed (OutOfMemoryError: cannot reserve direct
   * buffer memory, thrown on a native thread) and then hung instead of failing the read.
   */
  private static NativeMemoryPool pool() {
    return "direct".equals(System.getProperty("pool"))
        ? NativeMemoryPool.createListenable(DirectReservationListener.instance())
        : NativeMemoryPool.getDefault();
  }

  /** Every value of every column: 64-bit values summed by their bits, strings by their lengths. */
  static void touch(VectorSchemaRoot root, long[] sums) {
    List<FieldVector> vectors = root.getFieldVectors();
    for (int c = 0; c < vectors.size(); c++) {
      FieldVector v = vectors.get(c);
      int n = v.getValueCount();
      boolean nulls = v.getNullCount() > 0;
      long s = 0;
      if (v instanceof BaseFixedWidthVector f && f.getTypeWidth() == 8) {
        ArrowBuf data = f.getDataBuffer();
        for (int i = 0; i < n; i++) {
          if (!nulls || !f.isNull(i)) {
            s += data.getLong((long) i * 8);
          }
        }
      } else if (v instanceof BaseVariableWidthVector w) {
        for (int i = 0; i < n; i++) {
          if (!nulls || !w.isNull(i)) {
            s += w.getValueLength(i);
          }
        }
      } else if (v instanceof BaseVariableWidthViewVector w) {
        for (int i = 0; i < n; i++) {
          if (!nulls || !w.isNull(i)) {
            s += w.getValueLength(i);
          }
        }
      } else {
        throw new IllegalStateException("not in the benchmark's schema: " + v.getField());
      }
      sums[c] += s;
    }
  }

  static long hash(long[] sums) {
    long h = 17;
    for (long s : sums) {
      h = h * 31 + s;
    }
    return h;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The Java threads' CPU (Arrow C++'s threads are not Java threads; the process's CPU counts them). */
  private static long javaThreadsCpuNanos() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : mx.getAllThreadIds()) {
      sum += Math.max(0, mx.getThreadCpuTime(id));
    }
    return sum;
  }

  /** A number from /proc/self/status (kB for memory), -1 elsewhere than Linux. */
  private static int procStatus(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Integer.parseInt(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }
}
