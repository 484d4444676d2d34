package dev.mlops.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Ceph's S3 gateway (radosgw 16) on a single-node cluster, once per test JVM, for the tests that
 * must run against a real S3 implementation: conditional writes serialized by the server itself,
 * and the quirks of S3-compatible services (see docs/operations-s3.md).
 *
 * <p>Started by {@code src/test/scripts/radosgw.sh} in a temporary directory on loopback ports
 * (about 15 s), stopped and removed by a shutdown hook; or, where {@value #ENDPOINT_VARIABLE} is
 * set, the gateway started there (by {@code .ci/run}) is used and left running. The gateway's user
 * has {@link S3TestServer}'s keys and a bucket named {@link S3TestServer#BUCKET}, so {@link
 * S3TestServer#storeBuilder(URI)} builds stores on it.
 *
 * <p>Where radosgw is not installed the tests are skipped with a message, unless {@value
 * #REQUIRE_VARIABLE}=1 (set by {@code .ci/run}): then they fail.
 */
final class Radosgw {
  /** Names a running gateway to use instead of starting one. */
  static final String ENDPOINT_VARIABLE = "MLOPS_RADOSGW_ENDPOINT";
  /** When {@code 1}, a missing or failing radosgw fails the tests instead of skipping them. */
  static final String REQUIRE_VARIABLE = "MLOPS_REQUIRE_RADOSGW";

  private static final Path SCRIPT = Path.of("src", "test", "scripts", "radosgw.sh");
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  /** The gateway, or why there is none; decided once per JVM. */
  private static Availability availability;

  /**
   * A running gateway, or the reason none runs here.
   *
   * @param broken whether radosgw is installed but did not start (a failure, never a skip)
   */
  record Availability(Optional<URI> endpoint, String reason, boolean broken) {}

  private Radosgw() {}

  /** Whether a missing gateway must fail the tests (CI) rather than skip them. */
  static boolean required() {
    return "1".equals(System.getenv(REQUIRE_VARIABLE));
  }

  /** Starts the gateway on first use (or finds the one named by the environment). */
  static synchronized Availability availability() {
    if (availability == null) {
      try {
        availability = find();
      } catch (RuntimeException e) {
        availability = new Availability(Optional.empty(), "radosgw is installed but did not"
            + " start: " + e, true);
      }
    }
    return availability;
  }

  /** The gateway's endpoint; call only after {@link RadosgwExtension} let a test run. */
  static URI endpoint() {
    return availability().endpoint().orElseThrow(
        () -> new IllegalStateException(availability().reason()));
  }

  /** A builder for a store on the gateway under a prefix no other store of the JVM uses. */
  static S3ObjectStore.Builder storeBuilder() {
    return S3TestServer.storeBuilder(endpoint()).prefix("rgw-" + ProcessHandle.current().pid()
        + "-" + PREFIXES.incrementAndGet());
  }

  /**
   * The URI a child JVM opens a store under {@code prefix} on the gateway with, as users do:
   * endpoint and path style only; the child needs {@link #childEnvironment()} too.
   */
  static String childUri(String prefix) {
    return "s3://" + S3TestServer.BUCKET + "/" + prefix + "?pathStyle=true&endpoint="
        + URLEncoder.encode(endpoint().toString(), StandardCharsets.UTF_8);
  }

  /** The gateway's keys and region, for a child JVM's environment. */
  static Map<String, String> childEnvironment() {
    return Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY, "AWS_REGION", "us-east-1");
  }

  /** A plain SDK client of the gateway, for checks that bypass the store. */
  static S3Client rawClient() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(S3TestServer.credentials())
        // radosgw 16 refuses the SDK's default CRC32 trailers (XAmzContentSHA256Mismatch)
        .requestChecksumCalculation(
            software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
        .build();
  }

  private static Availability find() {
    String given = System.getenv(ENDPOINT_VARIABLE);
    if (given != null && !given.isBlank()) {
      URI endpoint = URI.create(given.trim());
      createBucket(endpoint);
      return new Availability(Optional.of(endpoint), "", false);
    }
    Optional<String> missing = Stream.of("radosgw", "ceph-mon", "ceph-osd", "ceph")
        .filter(tool -> !onPath(tool)).findFirst();
    if (missing.isPresent()) {
      return new Availability(Optional.empty(), "radosgw is not installed here (no "
          + missing.get() + " on the PATH); install Debian's radosgw, ceph-mon, ceph-osd and"
          + " ceph-common to run the tests against a real S3 gateway (.ci/run does)", false);
    }
    Map<String, String> started = start();
    URI endpoint = URI.create(started.get(ENDPOINT_VARIABLE));
    String directory = started.get("MLOPS_RADOSGW_DIR");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(directory), "radosgw-stop"));
    createBucket(endpoint);
    return new Availability(Optional.of(endpoint), "", false);
  }

  private static Map<String, String> start() {
    try {
      Path log = Files.createTempFile("radosgw-start", ".log");
      Process process = new ProcessBuilder("bash", SCRIPT.toAbsolutePath().toString(), "start")
          .redirectError(log.toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("radosgw.sh start failed (exit "
            + (process.isAlive() ? "none" : process.exitValue()) + "): " + out
            + Files.readString(log));
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

  private static void stop(String directory) {
    try {
      new ProcessBuilder("bash", SCRIPT.toAbsolutePath().toString(), "stop", directory)
          .inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Creates the test bucket; the gateway's first bucket takes ~4.5 s while it makes its pools. */
  private static void createBucket(URI endpoint) {
    try (S3Client client = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true)
        .region(Region.US_EAST_1).credentialsProvider(S3TestServer.credentials()).build()) {
      client.createBucket(b -> b.bucket(S3TestServer.BUCKET));
    } catch (S3Exception e) {
      if (!"BucketAlreadyOwnedByYou".equals(e.awsErrorDetails().errorCode())
          && !"BucketAlreadyExists".equals(e.awsErrorDetails().errorCode())) {
        throw e;
      }
    }
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null && Stream.of(path.split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }
}
