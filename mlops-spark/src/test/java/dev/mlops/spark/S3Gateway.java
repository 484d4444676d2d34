package dev.mlops.spark;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Ceph's S3 gateway (radosgw) for the Spark tests, started once per test JVM by the S3 store's own
 * script ({@code mlops-storage-s3/src/test/scripts/radosgw.sh}, about 15 s) and stopped by a
 * shutdown hook. A separate process, because an S3 server in this JVM cannot share Spark's class
 * path (S3Proxy's Jetty 12 needs Servlet 6, Spark 4.0's driver Servlet 5).
 *
 * <p>As a JUnit extension it skips a test class where radosgw is not installed, and fails it when
 * {@code MLOPS_REQUIRE_RADOSGW=1} (set by {@code .ci/run}), as the S3 store's radosgw tests do;
 * {@code MLOPS_RADOSGW_ENDPOINT} names a gateway already running (started with the script).
 *
 * <p>The stores and Spark reach the gateway as a cluster's driver and executors reach S3: the
 * store through the AWS SDK's default credentials chain (here the {@code aws.accessKeyId} and
 * {@code aws.secretAccessKey} system properties, since local mode's executors are this JVM), Spark
 * through its Hadoop configuration's {@code fs.s3a.*} keys.
 */
final class S3Gateway implements BeforeAllCallback {
  static final String BUCKET = "mlops-spark";

  /** The S3 store's script, from this module's directory (Surefire's working directory). */
  private static final Path SCRIPT = Path.of("..", "mlops-storage-s3", "src", "test", "scripts", "radosgw.sh");
  private static final String REQUIRE_VARIABLE = "MLOPS_REQUIRE_RADOSGW";

  private static Map<String, String> started;
  private static String unavailable;

  @Override
  public void beforeAll(ExtensionContext context) {
    String reason = start();
    if (reason != null && "1".equals(System.getenv(REQUIRE_VARIABLE))) {
      fail(REQUIRE_VARIABLE + "=1 but " + reason);
    }
    assumeTrue(reason == null, reason);
  }

  /** The gateway's HTTP endpoint. */
  static URI endpoint() {
    return URI.create(started.get("MLOPS_RADOSGW_ENDPOINT"));
  }

  /** An {@code s3:} store URI on the gateway, as a user writes it: bucket, prefix, endpoint. */
  static URI storeUri(String prefix) {
    return URI.create("s3://" + BUCKET + "/" + prefix + "?region=us-east-1&pathStyle=true&endpoint="
        + URLEncoder.encode(endpoint().toString(), StandardCharsets.UTF_8));
  }

  /**
   * Points Spark's {@code s3a:} file system at the gateway, as a cluster's {@code spark.hadoop.fs.s3a.*}
   * settings do.
   */
  static void configureS3a(Configuration hadoop) {
    hadoop.set("fs.s3a.endpoint", endpoint().toString());
    hadoop.set("fs.s3a.endpoint.region", "us-east-1");
    hadoop.set("fs.s3a.path.style.access", "true");
    hadoop.set("fs.s3a.connection.ssl.enabled", "false");
    hadoop.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    hadoop.set("fs.s3a.access.key", started.get("MLOPS_RADOSGW_ACCESS_KEY"));
    hadoop.set("fs.s3a.secret.key", started.get("MLOPS_RADOSGW_SECRET_KEY"));
    hadoop.set("fs.s3a.http.signer.enabled", "true"); // radosgw 16 over HTTP: see UnchunkedSigner
    hadoop.set("fs.s3a.http.signer.class", UnchunkedSigner.class.getName());
  }

  /** A plain SDK client of the gateway, for checks that bypass the store and Spark. */
  static S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .httpClientBuilder(Apache5HttpClient.builder()) // hadoop-aws brings a second HTTP client: choose one
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            started.get("MLOPS_RADOSGW_ACCESS_KEY"), started.get("MLOPS_RADOSGW_SECRET_KEY"))))
        // radosgw 16 refuses the SDK's CRC32 upload trailers (XAmzContentSHA256Mismatch)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .build();
  }

  /** Starts the gateway on first use; returns why it cannot run here, or null. */
  private static synchronized String start() {
    if (started != null || unavailable != null) {
      return unavailable;
    }
    String given = System.getenv("MLOPS_RADOSGW_ENDPOINT");
    if (given != null && !given.isBlank()) { // a gateway started by hand with radosgw.sh (its keys)
      configure(Map.of("MLOPS_RADOSGW_ENDPOINT", given.trim(), "MLOPS_RADOSGW_ACCESS_KEY", "test-access-key",
          "MLOPS_RADOSGW_SECRET_KEY", "test-secret-key-never-logged"));
      return null;
    }
    String missing = Stream.of("radosgw", "ceph-mon", "ceph-osd", "ceph").filter(t -> !onPath(t)).findFirst()
        .orElse(null);
    if (missing != null) {
      unavailable = "radosgw is not installed here (no " + missing + " on the PATH); install Debian's radosgw,"
          + " ceph-mon, ceph-osd and ceph-common to run the Spark tests against a real S3 gateway (.ci/run does)";
      return unavailable;
    }
    Map<String, String> values = run("start");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> run("stop", values.get("MLOPS_RADOSGW_DIR")),
        "radosgw-stop"));
    configure(values);
    return null;
  }

  private static void configure(Map<String, String> values) {
    started = values;
    // The store opened on executors finds its credentials as on a cluster: the SDK's default chain.
    System.setProperty("aws.accessKeyId", values.get("MLOPS_RADOSGW_ACCESS_KEY"));
    System.setProperty("aws.secretAccessKey", values.get("MLOPS_RADOSGW_SECRET_KEY"));
    try (S3Client client = client()) {
      client.createBucket(b -> b.bucket(BUCKET)); // ~4.5 s: the gateway's first bucket makes its pools
    } catch (S3Exception e) {
      if (!"BucketAlreadyOwnedByYou".equals(e.awsErrorDetails().errorCode())) {
        throw e;
      }
    }
  }

  private static Map<String, String> run(String... arguments) {
    try {
      Path log = Files.createTempFile("radosgw", ".log");
      Process process = new ProcessBuilder(Stream.concat(Stream.of("bash", SCRIPT.toAbsolutePath().toString()),
          Stream.of(arguments)).toList()).redirectError(log.toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("radosgw.sh " + arguments[0] + " failed: " + out + Files.readString(log));
      }
      Files.delete(log);
      Map<String, String> values = new HashMap<>();
      out.lines().filter(l -> l.contains("=")).forEach(
          l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null && Stream.of(path.split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }
}
