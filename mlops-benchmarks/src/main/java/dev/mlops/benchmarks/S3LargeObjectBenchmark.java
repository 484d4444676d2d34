package dev.mlops.benchmarks;

import dev.mlops.storage.s3.S3ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Upload and download of one 64 MiB object through the S3 store ({@code putIfAbsent}, a multipart
 * upload of 8 MiB parts, four at once, with {@code If-None-Match: *}; {@code open}) against the raw
 * SDK ({@code S3Client.putObject} in one request, {@code getObject}), on an S3Proxy in the same
 * JVM, in the same run. A second store raises {@code multipartThreshold} to 64 MiB, so that it
 * uploads in one conditional {@code PutObject} too, as advised for such servers. Throughput in operations per second; multiply by 64 for MiB/s. The target: the
 * store reaches at least 80% of the raw SDK's throughput.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar S3LargeObject</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class S3LargeObjectBenchmark {
  private static final int SIZE = 64 * 1024 * 1024;

  private S3BenchServer server;
  private S3ObjectStore store;
  private S3ObjectStore storeOneRequest;
  private S3Client raw;
  private byte[] content;
  private long sequence;
  private String key;

  /** Starts the server and stores the object the download benchmarks read. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    server = new S3BenchServer();
    store = server.store("store");
    storeOneRequest = server.storeBuilder("one-request").multipartThreshold(SIZE).build();
    raw = server.rawClient();
    content = new byte[SIZE];
    new Random(42).nextBytes(content);
    store.putIfAbsent("download", content);
  }

  /** Picks a fresh key for the next upload, outside the measured time. */
  @Setup(Level.Invocation)
  public void nextKey() {
    key = "upload-" + ++sequence;
  }

  /**
   * Uploads 64 MiB through the store.
   *
   * @return whether the object was created
   */
  @Benchmark
  public boolean storeUpload() {
    return store.putIfAbsent(key, new ByteArrayInputStream(content));
  }

  /**
   * Uploads 64 MiB through the store with a multipart threshold of 64 MiB: one {@code PutObject}
   * with {@code If-None-Match: *}, the object held in memory first.
   *
   * @return whether the object was created
   */
  @Benchmark
  public boolean storeUploadOneRequest() {
    return storeOneRequest.putIfAbsent(key, new ByteArrayInputStream(content));
  }

  /**
   * Baseline: uploads 64 MiB with one raw {@code PutObject}.
   *
   * @return the ETag
   */
  @Benchmark
  public String rawUpload() {
    return raw.putObject(b -> b.bucket(S3BenchServer.BUCKET).key("raw/" + key),
        RequestBody.fromInputStream(new ByteArrayInputStream(content), SIZE)).eTag();
  }

  /**
   * Second baseline: the same multipart upload the store makes (8 MiB parts, then complete),
   * straight with the SDK. S3Proxy assembles a multipart object by copying its parts, which Amazon
   * S3 does not; comparing with this one separates the store's own cost from that.
   *
   * @return the ETag
   */
  @Benchmark
  public String rawMultipartUpload() {
    String rawKey = "raw/" + key;
    String uploadId = raw.createMultipartUpload(b -> b.bucket(S3BenchServer.BUCKET).key(rawKey))
        .uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    int partSize = S3ObjectStore.Builder.DEFAULT_PART_SIZE;
    for (int offset = 0, number = 1; offset < SIZE; offset += partSize, number++) {
      int n = number;
      int length = Math.min(partSize, SIZE - offset);
      String eTag = raw.uploadPart(b -> b.bucket(S3BenchServer.BUCKET).key(rawKey)
              .uploadId(uploadId).partNumber(n).contentLength((long) length),
          RequestBody.fromInputStream(new ByteArrayInputStream(content, offset, length), length))
          .eTag();
      parts.add(CompletedPart.builder().partNumber(n).eTag(eTag).build());
    }
    return raw.completeMultipartUpload(b -> b.bucket(S3BenchServer.BUCKET).key(rawKey)
        .uploadId(uploadId).multipartUpload(m -> m.parts(parts))).eTag();
  }

  /**
   * Downloads 64 MiB through the store.
   *
   * @return the bytes read
   * @throws IOException if the read fails
   */
  @Benchmark
  public long storeDownload() throws IOException {
    try (InputStream in = store.open("download")) {
      return in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /**
   * Baseline: downloads the same 64 MiB object with a raw {@code GetObject}. It reads the object
   * the store wrote, so that both read the same server-side layout (S3Proxy keeps a multipart
   * object differently from a single-request one).
   *
   * @return the bytes read
   * @throws IOException if the read fails
   */
  @Benchmark
  public long rawDownload() throws IOException {
    try (ResponseInputStream<GetObjectResponse> in =
        raw.getObject(b -> b.bucket(S3BenchServer.BUCKET).key("store/download"))) {
      return in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** Deletes what the upload wrote, so memory does not fill; outside the measured time. */
  @TearDown(Level.Invocation)
  public void deleteUploaded() {
    store.delete(key);
    storeOneRequest.delete(key);
    raw.deleteObject(b -> b.bucket(S3BenchServer.BUCKET).key("raw/" + key));
  }

  /** Stops the server. */
  @TearDown(Level.Trial)
  public void stop() throws Exception {
    store.close();
    storeOneRequest.close();
    raw.close();
    server.close();
  }
}
