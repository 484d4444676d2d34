package dev.mlops.benchmarks;

import dev.mlops.storage.s3.S3ObjectStore;
import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 server the S3 benchmarks run against, with one bucket; the store under test and the raw
 * SDK baseline both talk to it, through equally configured HTTP clients.
 *
 * <p>By default an S3Proxy in the benchmark's JVM on a free loopback port, keeping objects in
 * memory. Where {@value #ENDPOINT_VARIABLE} is set (it is inherited by JMH's forks), the S3 service
 * there instead, such as the radosgw that {@code mlops-storage-s3/src/test/scripts/radosgw.sh
 * start} prints, with the keys in {@value #ACCESS_KEY_VARIABLE} and {@value #SECRET_KEY_VARIABLE}.
 * On such a service the store is opened as users open it (endpoint and path style: no CRC32
 * trailers), and the raw client sends no CRC32 either, because radosgw refuses it; the figures
 * compare the same requests.
 */
final class S3BenchServer implements AutoCloseable {
  /** Names an S3 endpoint to benchmark instead of the in-JVM S3Proxy. */
  static final String ENDPOINT_VARIABLE = "MLOPS_BENCH_S3_ENDPOINT";
  /**
   * The bucket: on an outside service one per JMH fork (a JVM), because the benchmarks' keys
   * restart in each fork and an outside service keeps the previous fork's objects.
   */
  static final String BUCKET = System.getenv(ENDPOINT_VARIABLE) == null ? "bench"
      : "bench-" + ProcessHandle.current().pid();
  static final String ACCESS_KEY_VARIABLE = "MLOPS_BENCH_S3_ACCESS_KEY";
  static final String SECRET_KEY_VARIABLE = "MLOPS_BENCH_S3_SECRET_KEY";

  private final S3Proxy proxy;
  private final URI endpoint;
  private final StaticCredentialsProvider credentials;

  S3BenchServer() throws Exception {
    String external = System.getenv(ENDPOINT_VARIABLE);
    if (external != null && !external.isBlank()) {
      proxy = null;
      endpoint = URI.create(external.trim());
      credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
          requiredVariable(ACCESS_KEY_VARIABLE), requiredVariable(SECRET_KEY_VARIABLE)));
    } else {
      credentials = StaticCredentialsProvider.create(
          AwsBasicCredentials.create("bench", "bench-secret"));
      proxy = S3Proxy.builder()
          .blobStore(new TransientNio2BlobStore())
          .endpoint(URI.create("http://127.0.0.1:0"))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "bench", "bench-secret")
          .stopTimeout(0)
          .build();
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        Thread.sleep(10);
      }
      endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }
    try (S3Client client = rawClient()) {
      client.createBucket(b -> b.bucket(BUCKET));
    } catch (S3Exception e) {
      if (proxy != null || !e.awsErrorDetails().errorCode().startsWith("BucketAlready")) {
        throw e;
      }
    }
  }

  private static String requiredVariable(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(ENDPOINT_VARIABLE + " is set but " + name + " is not: set"
          + " both keys of the S3 service to benchmark");
    }
    return value;
  }

  /** The store under test, on this server, with its default settings otherwise. */
  S3ObjectStore store(String prefix) {
    return storeBuilder(prefix).build();
  }

  /** A builder of the store under test on this server, for benchmarks of other settings. */
  S3ObjectStore.Builder storeBuilder(String prefix) {
    return S3ObjectStore.builder().bucket(BUCKET).prefix(prefix).endpointOverride(endpoint)
        .pathStyle(true).credentialsProvider(credentials);
  }

  /** The baseline: a plain SDK client with the same HTTP client and pool size as the store's. */
  S3Client rawClient() {
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(Apache5HttpClient.builder()
            .maxConnections(S3ObjectStore.Builder.DEFAULT_MAX_CONNECTIONS).build())
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials);
    if (proxy == null) {
      builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  @Override
  public void close() throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
  }
}
