package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.StorageUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A wrong bucket, wrong credentials or an endpoint that cannot be reached fail when the store is
 * opened, within the configured timeouts, with one line that names the bucket and says what to
 * check, and never shows the secret key. The time bounds below are hang guards derived from the
 * configured timeouts and retries, with room for a loaded machine; they are not performance
 * targets.
 */
class BadConfigurationTest {
  private static S3TestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.startInMemory();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private static void assertOneActionableLine(StorageUnavailableException e, String... hints) {
    String message = e.getMessage();
    System.out.println(message); // the surefire report keeps what a user would read
    assertFalse(message.contains("\n"), "one line: " + message);
    assertFalse(message.contains(S3TestServer.SECRET_KEY), "no secret: " + message);
    assertFalse(message.contains("wrong-secret"), "no secret: " + message);
    for (String hint : hints) {
      assertTrue(message.contains(hint), "'" + hint + "' in: " + message);
    }
  }

  @Test
  void missingBucketSaysToCreateItOrFixTheName() {
    StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
        () -> S3ObjectStore.builder().bucket("no-such-bucket").endpointOverride(server.endpoint())
            .pathStyle(true).credentialsProvider(S3TestServer.credentials()).build());

    assertOneActionableLine(e, "no-such-bucket", "404", "bucket exists");
  }

  @Test
  void wrongCredentialsSayToCheckCredentialsAndPolicy() {
    StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
        () -> S3ObjectStore.builder().bucket(S3TestServer.BUCKET)
            .endpointOverride(server.endpoint()).pathStyle(true)
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, "wrong-secret")))
            .build());

    assertOneActionableLine(e, S3TestServer.BUCKET, "403", "credentials", "s3:ListBucket");
  }

  @Test
  void refusedConnectionSaysToCheckTheEndpoint() throws IOException {
    URI closedPort = URI.create("http://127.0.0.1:" + freePort());
    StorageUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(StorageUnavailableException.class,
            () -> S3TestServer.storeBuilder(closedPort)
                .retries(3, Duration.ofMillis(50), Duration.ofMillis(200)).build()));

    assertOneActionableLine(e, S3TestServer.BUCKET, closedPort.toString(), "Check the endpoint");
  }

  @Test
  void silentEndpointFailsWithinTheSocketTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // and never answer
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());

      // 2 attempts x 1 s socket timeout, plus backoff: the bound is a hang guard.
      StorageUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> assertThrows(StorageUnavailableException.class,
              () -> S3ObjectStore.builder().bucket(S3TestServer.BUCKET).endpointOverride(endpoint)
                  .pathStyle(true).credentialsProvider(S3TestServer.credentials())
                  .socketTimeout(Duration.ofSeconds(1))
                  .retries(2, Duration.ofMillis(50), Duration.ofMillis(100)).build()));

      assertOneActionableLine(e, S3TestServer.BUCKET, "did not answer in time", "PT1S");
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void builderRefusesBadValuesWithTheValueInTheMessage() {
    assertThrows(IllegalStateException.class, () -> S3ObjectStore.builder().build());
    IllegalArgumentException bucket = assertThrows(IllegalArgumentException.class,
        () -> S3ObjectStore.builder().bucket("UPPER"));
    assertTrue(bucket.getMessage().contains("UPPER"));
    assertThrows(IllegalArgumentException.class, () -> S3ObjectStore.builder().partSize(1));
    assertThrows(IllegalArgumentException.class,
        () -> S3ObjectStore.builder().prefix("a/../b"));
    assertThrows(IllegalArgumentException.class,
        () -> S3ObjectStore.builder().storageClass("COLD_AS_ICE"));
    assertThrows(IllegalArgumentException.class,
        () -> S3ObjectStore.builder().endpointOverride(URI.create("ftp://host")));
    assertThrows(IllegalArgumentException.class,
        () -> S3ObjectStore.builder().retries(0, Duration.ofMillis(1), Duration.ofMillis(1)));
    assertThrows(IllegalStateException.class,
        () -> S3ObjectStore.builder().bucket("a-bucket").bucket("b-bucket"));
    assertThrows(IllegalStateException.class,
        () -> S3ObjectStore.builder().sseS3().sseKms("key"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
