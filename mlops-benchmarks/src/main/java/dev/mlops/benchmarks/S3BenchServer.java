package dev.mlops.benchmarks;

import dev.mlops.storage.s3.S3ObjectStore;
import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3Proxy server in the benchmark's JVM on a free loopback port, keeping objects in memory, with
 * one bucket; the store under test and the raw SDK baseline both talk to it, through equally
 * configured HTTP clients.
 */
final class S3BenchServer implements AutoCloseable {
  static final String BUCKET = "bench";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench-secret"));

  private final S3Proxy proxy;
  private final URI endpoint;

  S3BenchServer() throws Exception {
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
    try (S3Client client = rawClient()) {
      client.createBucket(b -> b.bucket(BUCKET));
    }
  }

  /** The store under test, on this server, with its default settings otherwise. */
  S3ObjectStore store(String prefix) {
    return storeBuilder(prefix).build();
  }

  /** A builder of the store under test on this server, for benchmarks of other settings. */
  S3ObjectStore.Builder storeBuilder(String prefix) {
    return S3ObjectStore.builder().bucket(BUCKET).prefix(prefix).endpointOverride(endpoint)
        .pathStyle(true).credentialsProvider(CREDENTIALS);
  }

  /** The baseline: a plain SDK client with the same HTTP client and pool size as the store's. */
  S3Client rawClient() {
    return S3Client.builder()
        .httpClient(Apache5HttpClient.builder()
            .maxConnections(S3ObjectStore.Builder.DEFAULT_MAX_CONNECTIONS).build())
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .build();
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
