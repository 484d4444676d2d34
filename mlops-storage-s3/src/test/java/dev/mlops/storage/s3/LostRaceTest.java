package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Ceph's radosgw answers a compare-and-set that passed its check but lost the race inside the
 * cluster with {@code 500 UnknownError}, and never applies it (see {@link RadosgwQuirksTest} for
 * the real thing, which no test can make happen on demand). Here a {@link LostRaceProxy} gives
 * that answer on demand in front of the usual test server: the store reads it as the failed
 * condition it is, never as a success and never as an outage, and does not retry it blindly.
 */
@DisplayName("A compare-and-set answered 500 UnknownError (radosgw's lost race)")
class LostRaceTest {
  private static final byte[] MINE = "mine".getBytes(StandardCharsets.US_ASCII);

  private static S3TestServer server;
  private static LostRaceProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.startInMemory();
    proxy = new LostRaceProxy(server.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    server.close();
  }

  @Test
  @DisplayName("after another writer moved the object, is a lost race: empty, the other's bytes"
      + " stay")
  void lostToAnotherWriter() throws Exception {
    try (ObjectStore store = S3TestServer.storeBuilder(proxy.endpoint()).prefix("moved").build();
        S3Client raw = server.rawClient()) {
      VersionToken first = store.compareAndSet("refs/head", VersionToken.ABSENT,
          "first".getBytes(StandardCharsets.US_ASCII)).orElseThrow();
      proxy.cancelNext(1, () -> raw.putObject(b -> b.bucket(S3TestServer.BUCKET)
          .key("moved/refs/head"), RequestBody.fromString("theirs")));
      int before = proxy.compareAndSets();

      assertEquals(Optional.empty(), store.compareAndSet("refs/head", first, MINE));
      assertEquals("theirs", new String(store.get("refs/head").orElseThrow().bytes(),
          StandardCharsets.US_ASCII));
      assertEquals(1, proxy.compareAndSets() - before, "not retried");
    }
  }

  @Test
  @DisplayName("with the object unchanged (nobody won), is sent again and succeeds")
  void nobodyWonIsSentAgain() throws Exception {
    try (ObjectStore store = S3TestServer.storeBuilder(proxy.endpoint()).prefix("unchanged")
        .build()) {
      VersionToken first = store.compareAndSet("refs/head", VersionToken.ABSENT,
          "first".getBytes(StandardCharsets.US_ASCII)).orElseThrow();
      proxy.cancelNext(1, () -> {});
      int before = proxy.compareAndSets();

      VersionToken mine = store.compareAndSet("refs/head", first, MINE).orElseThrow();
      assertEquals(mine, store.get("refs/head").orElseThrow().token());
      assertTrue(new String(store.get("refs/head").orElseThrow().bytes(),
          StandardCharsets.US_ASCII).equals("mine"));
      assertEquals(2, proxy.compareAndSets() - before, "the cancelled one and the one sent again");
    }
  }
}
