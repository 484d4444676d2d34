package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * On a service that honours the conditions (the usual test server), the write probe passes, costs
 * ten requests once per store instance whatever the number of writes and writers, and leaves
 * nothing behind. Requests are counted by a {@link HeaderDroppingProxy} that drops nothing.
 */
@DisplayName("The write probe on a service that honours the conditions")
class WriteProbeTest {
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

  private static S3TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.startInMemory();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  @DisplayName("passes once per store: ten requests before the first write, none after")
  void probesOncePerStore() throws Exception {
    try (HeaderDroppingProxy proxy = new HeaderDroppingProxy(server.endpoint());
        S3Client raw = server.rawClient()) {
      try (ObjectStore store = S3TestServer.storeBuilder(proxy.endpoint()).prefix("once")
          .build()) {
        assertTrue(store.get("refs/a").isEmpty());
        assertEquals(0, proxy.requestsContaining(WriteProbe.FOLDER), "reads never probe");

        assertTrue(store.putIfAbsent("refs/a", HELLO));
        assertEquals(10, proxy.requestsContaining(WriteProbe.FOLDER));
        VersionToken token = store.stat("refs/a").orElseThrow().token().orElseThrow();
        assertTrue(store.compareAndSet("refs/a", token, HELLO).isPresent());
        assertFalse(store.putIfAbsent("refs/a", HELLO));
        assertTrue(store.delete("refs/a"));
        assertEquals(0, store.removeAbandonedWrites());
        assertEquals(10, proxy.requestsContaining(WriteProbe.FOLDER), "no probe after the first");
        assertEquals(10, proxy.requestsContaining("/once/.mlops-probe/"),
            "probe objects live under the store's prefix");
      }
      try (ObjectStore again = S3TestServer.storeBuilder(proxy.endpoint()).prefix("once")
          .build()) {
        assertTrue(again.putIfAbsent("refs/b", HELLO));
        assertEquals(20, proxy.requestsContaining(WriteProbe.FOLDER), "a new store probes again");
      }
      assertEquals(List.of("once/refs/b"), raw.listObjectsV2(b -> b.bucket(S3TestServer.BUCKET)
          .prefix("once/")).contents().stream().map(o -> o.key()).toList(),
          "no probe object is left");
    }
  }

  @Test
  @DisplayName("writers that start together all wait for the one probe")
  void concurrentFirstWritesShareOneProbe() throws Exception {
    int writers = 8;
    ExecutorService threads = Executors.newFixedThreadPool(writers);
    try (HeaderDroppingProxy proxy = new HeaderDroppingProxy(server.endpoint());
        ObjectStore store = S3TestServer.storeBuilder(proxy.endpoint()).prefix("together")
            .build()) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> created = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String key = "refs/" + i;
        Callable<Boolean> write = () -> {
          go.await();
          return store.putIfAbsent(key, HELLO);
        };
        created.add(threads.submit(write));
      }
      go.countDown();
      for (Future<Boolean> each : created) {
        assertTrue(each.get());
      }
      assertEquals(10, proxy.requestsContaining(WriteProbe.FOLDER));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  @DisplayName("a probe that cannot reach the service decides nothing: the next write probes")
  void unreachableServiceIsNotAVerdict() throws Exception {
    try (HeaderDroppingProxy proxy = new HeaderDroppingProxy(server.endpoint());
        ObjectStore store = S3TestServer.storeBuilder(proxy.endpoint()).prefix("later")
            .retries(1, Duration.ofMillis(1), Duration.ofMillis(1)).build()) {
      proxy.refuseConnections(true);
      StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
          () -> store.putIfAbsent("refs/a", HELLO));
      assertFalse(e.getMessage().contains("this S3 service"), e.getMessage());

      proxy.refuseConnections(false);
      assertTrue(store.putIfAbsent("refs/a", HELLO));
      assertEquals(10, proxy.requestsContaining(WriteProbe.FOLDER),
          "the refused connections never reached the server");
    }
  }
}
