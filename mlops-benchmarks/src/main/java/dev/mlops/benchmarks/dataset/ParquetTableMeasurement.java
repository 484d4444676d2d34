package dev.mlops.benchmarks.dataset;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.dataset.ParquetArrowReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A Parquet table of about {@code sizeMiB} (20 columns: longs, doubles and strings with nulls,
 * dictionary-encoded and plain, Snappy, row groups of 64 MiB, written by parquet-java), committed
 * through the public API and read back as Arrow batches with {@code openTable}, against
 * parquet-java's bare read of the same file (every value of every column through
 * {@code ColumnReader}, no records built) in the same run, and mlops's Parquet reader alone (the
 * first step of a commit, internal). The four are alternated, each
 * {@code repetitions} times, and the medians compared; the target is our commit and our
 * read at no less than half the bare read's throughput. Heap peaks are the JVM's (run it with
 * {@code -Xmx256m}: the heap bound). A plain program rather than JMH so that the peers
 * alternate within one run.
 *
 * <pre>
 * java -Xmx256m --add-opens=java.base/java.nio=ALL-UNNAMED -cp mlops-benchmarks/target/benchmarks.jar \
 *     dev.mlops.benchmarks.dataset.ParquetTableMeasurement [sizeMiB=1024] [repetitions=5] [directory]
 * </pre>
 *
 * <p>A directory given as third argument keeps the generated file there for the next run (a new
 * one is written when the size differs); otherwise everything goes in a temporary directory that is
 * removed at the end.
 */
public final class ParquetTableMeasurement {
  private ParquetTableMeasurement() {}

  /**
   * Runs the measurement and prints one line per repetition and the medians.
   *
   * @param args size in MiB (1024), repetitions (5), and optionally a directory for the file
   */
  public static void main(String[] args) throws IOException {
    int sizeMiB = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    boolean keep = args.length > 2;
    Path directory = keep ? Files.createDirectories(Path.of(args[2])) : Files.createTempDirectory("mlops-bench-pq-");
    try {
      run(directory, sizeMiB, repetitions);
    } finally {
      BenchTrees.delete(directory.resolve("store"));
      if (!keep) {
        BenchTrees.delete(directory);
      }
    }
  }

  private static void run(Path directory, int sizeMiB, int repetitions) throws IOException {
    Path file = directory.resolve("bench-" + sizeMiB + "mib.parquet");
    if (!Files.exists(file)) {
      long start = System.nanoTime();
      long rows = BenchParquet.write(file, (long) sizeMiB << 20);
      System.out.printf("wrote %s: %,d bytes, %,d rows in %.1f s (parquet-java's writer)%n", file, Files.size(file),
          rows, seconds(start));
    }
    double mb = Files.size(file) / 1e6;
    System.out.printf("file %,d bytes, %s; load average %.2f; JDK %s, max heap %d MiB%n", Files.size(file),
        BenchParquet.describe(file), loadAverage(),
        Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
    double[] commit = new double[repetitions];
    double[] read = new double[repetitions];
    double[] bare = new double[repetitions];
    double[] decode = new double[repetitions];
    double[] decodeCpu = new double[repetitions];
    double[] commitCpu = new double[repetitions];
    double[] readCpu = new double[repetitions];
    double[] bareCpu = new double[repetitions];
    String[] threads = new String[repetitions];
    long[] heap = new long[repetitions];
    long rows = 0;
    Path store = directory.resolve("store");
    for (int i = 0; i < repetitions; i++) {
      // A fresh store each time: committing the same file again would find it unchanged.
      BenchTrees.delete(store);
      try (MlOps mlops = MlOps.local(store); BufferAllocator allocator = new RootAllocator()) {
        System.gc();
        resetHeapPeaks();
        java.util.Map<Long, Long> threadsBefore = threadCpu();
        long cpu = cpuNanos();
        long start = System.nanoTime();
        DatasetFile table = mlops.datasets().commit(CommitRequest.builder().dataset("pq")
            .addTable("t.parquet", new TableSource.FromParquet(file)).build()).files().get(0);
        commit[i] = seconds(start);
        commitCpu[i] = (cpuNanos() - cpu) / 1e9;
        threads[i] = threadBusy(threadsBefore);
        heap[i] = heapPeak();
        rows = table.rows().orElseThrow();

        cpu = cpuNanos();
        start = System.nanoTime();
        long read0 = readArrow(mlops, allocator);
        read[i] = seconds(start);
        readCpu[i] = (cpuNanos() - cpu) / 1e9;
        cpu = cpuNanos();
        start = System.nanoTime();
        long bare0 = BenchParquet.bareRead(file);
        bare[i] = seconds(start);
        bareCpu[i] = (cpuNanos() - cpu) / 1e9;
        cpu = cpuNanos();
        start = System.nanoTime();
        long decode0 = decode(file, allocator);
        decode[i] = seconds(start);
        decodeCpu[i] = (cpuNanos() - cpu) / 1e9;
        if (read0 != rows || bare0 != rows || decode0 != rows) {
          throw new IllegalStateException("rows: committed " + rows + ", read " + read0 + ", parquet-java " + bare0
              + ", mlops's Parquet reader " + decode0);
        }
      }
      System.out.printf("#%d commit %.2f s (CPU %.2f s; %s; heap peak %d MiB), openTable %.2f s (CPU %.2f s),"
          + " parquet-java bare read %.2f s (CPU %.2f s), mlops's Parquet reader alone %.2f s (CPU %.2f s);"
          + " load average %.2f%n", i + 1, commit[i], commitCpu[i], threads[i], heap[i] >> 20, read[i], readCpu[i], bare[i],
          bareCpu[i], decode[i], decodeCpu[i], loadAverage());
    }
    double c = median(commit);
    double r = median(read);
    double b = median(bare);
    System.out.printf("median of %d: commit %.2f s = %.0f MB/s, %.2f M rows/s (heap peak max %d MiB)%n", repetitions,
        c, mb / c, rows / c / 1e6, Arrays.stream(heap).max().orElse(0) >> 20);
    System.out.printf("median of %d: openTable %.2f s = %.0f MB/s of file, %.2f M rows/s%n", repetitions, r, mb / r,
        rows / r / 1e6);
    System.out.printf("median of %d: parquet-java bare read %.2f s = %.0f MB/s, %.2f M rows/s%n", repetitions, b,
        mb / b, rows / b / 1e6);
    System.out.printf("ratios to the bare read's throughput: commit %.0f %%, openTable %.0f %%, commit + openTable"
        + " %.0f %% (target >= 50 %%)%n", 100 * b / c, 100 * b / r, 100 * b / (c + r));
    double d = median(decode);
    System.out.printf("median of %d: mlops's Parquet reader alone (the first step of a commit) %.2f s = %.0f MB/s,"
        + " %.0f %% of the bare read's throughput%n", repetitions, d, mb / d, 100 * b / d);
    double bc = median(bareCpu);
    System.out.printf("by CPU time (the process's, medians): commit %.2f s, openTable %.2f s, bare read %.2f s,"
        + " reader alone %.2f s; ratios commit %.0f %%, openTable %.0f %%, reader alone %.0f %%%n",
        median(commitCpu), median(readCpu), bc, median(decodeCpu), 100 * bc / median(commitCpu),
        100 * bc / median(readCpu), 100 * bc / median(decodeCpu));
  }

  /** Reads every batch of the committed table; the rows read. */
  private static long readArrow(MlOps mlops, BufferAllocator allocator) throws IOException {
    long rows = 0;
    try (ArrowReader reader = mlops.datasets().openTable("pq", "t.parquet", allocator)) {
      while (reader.loadNextBatch()) {
        rows += reader.getVectorSchemaRoot().getRowCount();
      }
    }
    return rows;
  }

  /**
   * The file through mlops's own Parquet reader into Arrow batches, as a commit reads it before it
   * profiles the batches and stores them as an Arrow stream; the rows read.
   */
  private static long decode(Path file, BufferAllocator allocator) throws IOException {
    long rows = 0;
    try (ParquetArrowReader reader = new ParquetArrowReader(allocator, List.of(file))) {
      while (reader.loadNextBatch()) {
        rows += reader.getVectorSchemaRoot().getRowCount();
      }
    }
    return rows;
  }

  private static void resetHeapPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The sum of the heap pools' peaks since the last reset: an upper bound of the heap used at once. */
  private static long heapPeak() {
    return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    List<MemoryPoolMXBean> pools = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pools.add(pool);
      }
    }
    return pools;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** CPU time of the whole process (all threads: the commit uses the store's executor too). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU time per live thread, by id. */
  private static java.util.Map<Long, Long> threadCpu() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
    for (long id : mx.getAllThreadIds()) {
      long t = mx.getThreadCpuTime(id);
      if (t >= 0) {
        cpu.put(id, t);
      }
    }
    return cpu;
  }

  /**
   * The CPU seconds each Java thread spent since {@code before}, busiest first, those above 0.05 s
   * (the commit's calling thread and the store's workers: which one limits the commit's time).
   * JVM threads (GC, JIT) are not Java threads and are left out; the process's CPU counts them.
   */
  private static String threadBusy(java.util.Map<Long, Long> before) {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<String> busy = new ArrayList<>();
    threadCpu().entrySet().stream()
        .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 50_000_000L)
        .sorted(java.util.Map.Entry.<Long, Long>comparingByValue().reversed())
        .forEach(e -> {
          java.lang.management.ThreadInfo info = mx.getThreadInfo(e.getKey());
          busy.add(String.format("%s %.2f s", info == null ? "?" : info.getThreadName(), e.getValue() / 1e9));
        });
    return "threads: " + String.join(", ", busy);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
