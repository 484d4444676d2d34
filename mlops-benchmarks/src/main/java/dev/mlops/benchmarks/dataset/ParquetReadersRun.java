package dev.mlops.benchmarks.dataset;

import dev.mlops.core.internal.dataset.ParquetArrowReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthViewVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One step of {@code mlops-benchmarks/parquet-readers.sh}, one per JVM so that each reader's peak RSS
 * is its own (Arrow's dataset module, the third reader, needs Arrow 18.3.0 and runs from its own
 * project, mlops-benchmarks/arrow-dataset):
 *
 * <ul>
 *   <li>{@code write FILE SIZE_MIB}: writes {@link ParquetTableMeasurement}'s file (the same writer,
 *       columns and codec) unless it is there;
 *   <li>{@code bare FILE}: parquet-java's bare read, as {@link ParquetTableMeasurement} times it;
 *   <li>{@code mlops FILE}: mlops's Parquet to Arrow reader alone (ParquetTableMeasurement's "reader
 *       alone"), touching every value of every batch as the Arrow dataset read does.
 * </ul>
 *
 * <p>A read prints one {@code RESULT} line: rows, a hash of the columns' sums and the {@code balance}
 * column's sum (the same sums in the three readers: non-null 64-bit values, doubles by their bits,
 * string lengths), wall and process CPU seconds of the read, the Java threads' CPU, the process's
 * threads at the end of the read and the peak RSS (VmHWM).
 */
public final class ParquetReadersRun {
  private ParquetReadersRun() {}

  /**
   * Runs one step.
   *
   * @param args {@code write FILE SIZE_MIB}, {@code bare FILE} or {@code mlops FILE}
   */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "write" -> {
        if (!Files.exists(file)) {
          long start = System.nanoTime();
          Files.createDirectories(file.toAbsolutePath().getParent());
          long rows = BenchParquet.write(file, Long.parseLong(args[2]) << 20);
          System.out.printf("wrote %s: %,d bytes, %,d rows in %.1f s (parquet-java's writer)%n", file,
              Files.size(file), rows, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("file %,d bytes, %s%n", Files.size(file), BenchParquet.describe(file));
      }
      case "bare", "mlops" -> read(args[0], file);
      default -> throw new IllegalArgumentException("write, bare or mlops: " + args[0]);
    }
  }

  private static void read(String which, Path file) throws IOException {
    long[] sums = new long[20];
    long rows = 0;
    long cpu = processCpuNanos();
    long javaCpu = javaThreadsCpuNanos();
    long start = System.nanoTime();
    int threads;
    if (which.equals("bare")) {
      rows = BenchParquet.bareRead(file, sums);
      threads = procStatus("Threads:");
    } else {
      try (BufferAllocator allocator = new RootAllocator();
          ParquetArrowReader reader = new ParquetArrowReader(allocator, List.of(file))) {
        while (reader.loadNextBatch()) {
          VectorSchemaRoot root = reader.getVectorSchemaRoot();
          rows += root.getRowCount();
          touch(root, sums);
        }
        threads = procStatus("Threads:");
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
    double javaCpuSeconds = (javaThreadsCpuNanos() - javaCpu) / 1e9;
    System.out.printf("RESULT reader=%s rows=%d hash=%016x balance=%d wall=%.3f cpu=%.3f javacpu=%.3f threads=%d"
        + " rss_mib=%d%n", which.equals("bare") ? "parquet-java" : "mlops", rows, hash(sums), sums[5], wall,
        cpuSeconds, javaCpuSeconds, threads, procStatus("VmHWM:") >> 10);
  }

  /**
   * Every value of every column: 64-bit values summed by their bits, strings by their lengths (the
   * same code as mlops-benchmarks/arrow-dataset's ArrowDatasetRead, which cannot share it: other
   * Arrow version).
   */
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
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }
}
