package dev.mlops.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3Proxy 4.1 server in this JVM on a free loopback port, with one bucket, for the tests. Its
 * store is S3Proxy's file-system store in a temporary directory (so that large objects do not
 * sit in the test's heap) or, for server-side encryption, which only it answers, the in-memory
 * "transient" store. Either is wrapped in {@link FlatKeysBlobStore} (S3's flat namespace) and
 * {@link AtomicConditionalBlobStore} (S3's atomic conditional writes); see their javadoc for why.
 *
 * <p>S3Proxy's own JUnit {@code S3ProxyExtension} is not used: it cannot wrap the store, and it
 * starts a server per test.
 */
final class S3TestServer implements AutoCloseable {
  static final String BUCKET = "mlops-test";
  static final String ACCESS_KEY = "test-access-key";
  static final String SECRET_KEY = "test-secret-key-never-logged";

  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private final S3Proxy proxy;
  private final Path directory;
  private final URI endpoint;

  private S3TestServer(boolean inMemory, boolean authenticated,
      UnaryOperator<BlobStore> outermost) throws Exception {
    directory = Files.createTempDirectory("s3proxy");
    BlobStore store = inMemory ? new TransientNio2BlobStore()
        : new FilesystemNio2BlobStore(directory.toString());
    BlobStore wrapped =
        outermost.apply(new AtomicConditionalBlobStore(new FlatKeysBlobStore(store)));
    proxy = S3Proxy.builder()
        .blobStore(wrapped)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(authenticated ? AuthenticationType.AWS_V2_OR_V4
            : AuthenticationType.NONE, ACCESS_KEY, SECRET_KEY)
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

  /** Starts a server whose objects live in a temporary directory. */
  static S3TestServer start() throws Exception {
    return new S3TestServer(false, true, UnaryOperator.identity());
  }

  /** Starts a server whose objects live in memory (it answers server-side encryption). */
  static S3TestServer startInMemory() throws Exception {
    return new S3TestServer(true, true, UnaryOperator.identity());
  }

  /** Starts a server whose objects live in memory, behind one more test wrapper. */
  static S3TestServer startInMemory(UnaryOperator<BlobStore> outermost) throws Exception {
    return new S3TestServer(true, true, outermost);
  }

  /**
   * Starts a server whose objects live in memory and that accepts any request without checking
   * its signature, so that a {@link HeaderDroppingProxy} in front may remove signed headers.
   */
  static S3TestServer startWithoutAuthentication() throws Exception {
    return new S3TestServer(true, false, UnaryOperator.identity());
  }

  URI endpoint() {
    return endpoint;
  }

  static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  /** A builder for a store on this server under a prefix no other store of the JVM uses. */
  S3ObjectStore.Builder storeBuilder() {
    return storeBuilder(endpoint).prefix("store-" + PREFIXES.incrementAndGet());
  }

  /** A builder for a store of the test bucket at {@code endpoint}; timeouts are the defaults. */
  static S3ObjectStore.Builder storeBuilder(URI endpoint) {
    return S3ObjectStore.builder()
        .bucket(BUCKET)
        .endpointOverride(endpoint)
        .pathStyle(true)
        .credentialsProvider(credentials());
  }

  /** A plain SDK client of this server, for checks that bypass the store. */
  S3Client rawClient() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .build();
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
