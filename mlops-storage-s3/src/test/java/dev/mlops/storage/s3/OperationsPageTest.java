package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Java line of docs/operations-s3.md, run as written: a child JVM opens
 * {@code s3://my-bucket/teams/vision} with the endpoint and credentials in its environment, as an
 * operator would give them, against a real S3 server (S3Proxy).
 */
@DisplayName("docs/operations-s3.md")
class OperationsPageTest {
  private static S3TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.start();
    try (var client = server.rawClient()) {
      client.createBucket(b -> b.bucket("my-bucket"));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** The page's snippet, run as a program. */
  public static final class OpenAnS3Store {
    private OpenAnS3Store() {}

    /**
     * Opens the page's store and logs one run in it.
     *
     * @param args none
     */
    public static void main(String[] args) {
      // snippet:s3-open
      try (MlOps mlops = MlOps.open(URI.create("s3://my-bucket/teams/vision"))) {
        try (Run run = mlops.experiments().start(RunSpec.builder().experiment("vision").build())) {
          run.log("accuracy", 0.91);
        }
      }
      // end:s3-open
    }
  }

  @Test
  @DisplayName("MlOps.open(s3://my-bucket/teams/vision) writes under the prefix teams/vision")
  void opensTheStoreTheUriNames() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OpenAnS3Store.class.getName()))
        .redirectErrorStream(true);
    builder.environment().putAll(Map.of(
        S3StorageProvider.ENDPOINT_VARIABLE, server.endpoint().toString(),
        S3StorageProvider.PATH_STYLE_VARIABLE, "true",
        "AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY));
    Process child = builder.start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.waitFor(), out);

    try (var client = server.rawClient()) {
      List<String> keys = client.listObjectsV2Paginator(b -> b.bucket("my-bucket")).contents()
          .stream().map(o -> o.key()).toList();
      assertEquals(true, keys.stream().anyMatch(k -> k.startsWith("teams/vision/refs/runs/")), keys::toString);
      assertEquals(true, keys.stream().allMatch(k -> k.startsWith("teams/vision/")), keys::toString);
    }
  }
}
