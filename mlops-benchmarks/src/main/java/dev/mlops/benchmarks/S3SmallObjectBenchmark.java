package dev.mlops.benchmarks;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.storage.s3.S3ObjectStore;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Small objects (4 KiB) through the S3 store against the raw SDK, on an S3Proxy in the same JVM,
 * in the same run: uploads ({@code putIfAbsent} with {@code If-None-Match: *} vs {@code
 * putObject}), downloads ({@code get} vs {@code getObjectAsBytes}) spread over 10,000 objects
 * the store wrote, and listing those 10,000 ({@code list} vs the {@code ListObjectsV2}
 * paginator); the baselines read the same objects.
 * Throughput in operations per second; the targets: the store reaches at least 80% of the
 * raw SDK, and lists 10,000 keys in at most one second.
 *
 * <p>Six warm-up iterations: with two, both the store and the raw client still doubled their rate
 * from the first to the last measured iteration (the in-process server's code warming up), so a
 * ratio depended on which iterations it compared.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar S3SmallObject</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class S3SmallObjectBenchmark {
  private static final int OBJECTS = 10_000;
  private static final int SIZE = 4 * 1024;

  /** The server, the store, the raw client and the content; every benchmark uses it. */
  @State(Scope.Benchmark)
  public static class Server {
    S3BenchServer server;
    S3ObjectStore store;
    S3Client raw;
    byte[] content;
    long uploads;
    int reads;

    /** Starts the server. */
    @Setup(Level.Trial)
    public void start() throws Exception {
      server = new S3BenchServer();
      store = server.store("store");
      raw = server.rawClient();
      content = new byte[SIZE];
      new Random(42).nextBytes(content);
    }

    /** Stops the server. */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
      store.close();
      raw.close();
      server.close();
    }
  }

  /**
   * 10,000 objects that the store wrote, for the download and listing benchmarks; the raw
   * baselines read and list the same objects (under the store's prefix).
   */
  @State(Scope.Benchmark)
  public static class Stored {
    /**
     * Stores the objects, in parallel.
     *
     * @param s the server
     * @throws Exception if a put fails
     */
    @Setup(Level.Trial)
    public void store(Server s) throws Exception {
      ForkJoinPool writers = new ForkJoinPool(16); // the puts wait on the network, not the CPU
      try {
        writers.submit(() -> IntStream.range(0, OBJECTS).parallel()
            .forEach(i -> s.store.putIfAbsent("listed/" + i, s.content))).get();
      } finally {
        writers.shutdown();
      }
    }
  }

  /**
   * Uploads one small object through the store.
   *
   * @param s the server
   * @return whether it was created
   */
  @Benchmark
  public boolean storeUpload(Server s) {
    return s.store.putIfAbsent("upload/" + ++s.uploads, s.content);
  }

  /**
   * Baseline: uploads one small object with a raw {@code PutObject}.
   *
   * @param s the server
   * @return the ETag
   */
  @Benchmark
  public String rawUpload(Server s) {
    long n = ++s.uploads;
    return s.raw.putObject(b -> b.bucket(S3BenchServer.BUCKET).key("raw/upload/" + n),
        RequestBody.fromBytes(s.content)).eTag();
  }

  /**
   * Second baseline: uploads one small object with a raw {@code PutObject} carrying {@code
   * If-None-Match: *}, the conditional create the store sends. Servers that check the condition
   * themselves (radosgw reads the object's head first) spend on it what an unconditional put does
   * not; comparing with this one separates the store's own cost from the condition's.
   *
   * @param s the server
   * @return the ETag
   */
  @Benchmark
  public String rawConditionalUpload(Server s) {
    long n = ++s.uploads;
    return s.raw.putObject(b -> b.bucket(S3BenchServer.BUCKET).key("raw/upload/" + n)
        .ifNoneMatch("*"), RequestBody.fromBytes(s.content)).eTag();
  }

  /**
   * Downloads one of the 10,000 small objects through the store.
   *
   * @param s the server
   * @param stored the stored objects
   * @return its size
   */
  @Benchmark
  public int storeDownload(Server s, Stored stored) {
    return s.store.get("listed/" + s.reads++ % OBJECTS).orElseThrow().size();
  }

  /**
   * Baseline: downloads one of the 10,000 small objects with a raw {@code GetObject}.
   *
   * @param s the server
   * @param stored the stored objects
   * @return its size
   */
  @Benchmark
  public int rawDownload(Server s, Stored stored) {
    int n = s.reads++ % OBJECTS;
    return s.raw.getObjectAsBytes(b -> b.bucket(S3BenchServer.BUCKET).key("store/listed/" + n))
        .asByteArray().length;
  }

  /**
   * Lists the 10,000 objects through the store.
   *
   * @param s the server
   * @param stored the stored objects
   * @return how many were listed
   */
  @Benchmark
  public long storeList10k(Server s, Stored stored) {
    try (Stream<ObjectInfo> listing = s.store.list("listed/")) {
      return listing.count();
    }
  }

  /**
   * Baseline: lists the 10,000 objects with the raw {@code ListObjectsV2} paginator.
   *
   * @param s the server
   * @param stored the stored objects
   * @return how many were listed
   */
  @Benchmark
  public long rawList10k(Server s, Stored stored) {
    return s.raw.listObjectsV2Paginator(b -> b.bucket(S3BenchServer.BUCKET)
        .prefix("store/listed/")).contents().stream().count();
  }
}
