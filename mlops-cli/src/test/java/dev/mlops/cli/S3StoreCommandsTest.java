package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code mlops --store s3://...} works against an S3Proxy 4.1 server in this JVM (objects in
 * memory) on a free loopback port; credentials come from the AWS SDK default chain, here its
 * {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties.
 */
@DisplayName("The mlops command on an s3: store")
class S3StoreCommandsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BUCKET = "mlops-cli";
  private static final String SECRET = "cli-secret";
  private static final String SOUND =
      "objects/sha256/2c/2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
  private static final String CORRUPT = "objects/sha256/ab/ab" + "0".repeat(62);

  private static S3Proxy proxy;
  private static URI endpoint;

  @BeforeAll
  static void startServer() throws Exception {
    proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "cli", SECRET)
        .stopTimeout(0).build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    try (S3Client raw = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("cli", SECRET)))
        .build()) {
      raw.createBucket(b -> b.bucket(BUCKET));
      raw.putObject(b -> b.bucket(BUCKET).key("team/" + SOUND), RequestBody.fromString("hello"));
      raw.putObject(b -> b.bucket(BUCKET).key("team/" + CORRUPT),
          RequestBody.fromString("not what the key says"));
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    proxy.stop();
  }

  @BeforeEach
  void credentials() {
    System.setProperty("aws.accessKeyId", "cli");
    System.setProperty("aws.secretAccessKey", SECRET);
  }

  @AfterEach
  void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static String store(String bucket) {
    return "s3://" + bucket + "/team?endpoint=" + endpoint + "&pathStyle=true";
  }

  @Test
  @DisplayName("store info --json counts the objects under the store's prefix")
  void infoCountsTheObjects() throws Exception {
    CliRun run = CliRun.of("--store", store(BUCKET), "--json", "store", "info");

    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = MAPPER.readTree(run.out());
    // The store's URI with the options that locate it (S3ObjectStore.uri()), never credentials.
    assertEquals("s3://" + BUCKET + "/team?endpoint="
        + java.net.URLEncoder.encode(endpoint.toString(), java.nio.charset.StandardCharsets.UTF_8)
        + "&pathStyle=true&uploadChecksums=false", json.get("uri").asText());
    assertEquals(2, json.get("objects").asLong());
  }

  @Test
  @DisplayName("store verify reports the object whose bytes do not match its key, exit 1")
  void verifyFindsTheCorruptObject() throws Exception {
    CliRun run = CliRun.of("--store", store(BUCKET), "--json", "store", "verify");

    assertEquals(1, run.exitCode(), run.err());
    JsonNode json = MAPPER.readTree(run.out());
    assertEquals(2, json.get("objects").asLong());
    assertEquals(List.of(CORRUPT), MAPPER.convertValue(json.get("corrupt"), List.class));
  }

  @Test
  @DisplayName("readOnly=true reads the store and refuses a commit in one line that names it")
  void readOnlyStoreReadsAndRefusesWrites(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("f.txt"), "x");
    String readOnly = store(BUCKET) + "&readOnly=true";

    CliRun info = CliRun.of("--store", readOnly, "--json", "store", "info");
    CliRun commit = CliRun.of("--store", readOnly, "data", "commit", "ds", dir.toString());

    assertEquals(0, info.exitCode(), info.err());
    assertEquals(2, MAPPER.readTree(info.out()).get("objects").asLong());
    assertEquals(1, commit.exitCode(), commit.out());
    assertEquals(1, commit.errLines().size(), commit.err());
    assertTrue(commit.err().contains("opened read-only (readOnly=true)"), commit.err());
  }

  @Test
  @DisplayName("a missing bucket is one line on stderr that names it, exit 1")
  void missingBucketIsOneLine() {
    CliRun run = CliRun.of("--store", store("no-such-bucket"), "store", "info");

    assertEquals(1, run.exitCode(), run.out());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains("no-such-bucket"), run.err());
    assertFalse(run.err().contains(SECRET), run.err());
  }
}
