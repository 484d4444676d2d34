package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Under injected faults (a share of connections answered with 503 SlowDown, cut in the request or
 * the response, or answered after the socket timeout; see {@link FaultyProxy}), every operation
 * either succeeds after retries or fails with a {@link StorageUnavailableException} naming the
 * bucket and the key; never a partially visible object, never a conflict that did not happen, and
 * no lost or doubled compare-and-set increment. The outcome is checked through a client that
 * bypasses the proxy. Run against S3Proxy, whose conditional writes a test wrapper serializes as
 * S3 does ({@link FaultInjectionTest}), and against Ceph's radosgw, which serializes them itself
 * ({@link RadosgwFaultInjectionTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FaultInjectionCases {
  private static final int THREADS = 4;

  private FaultyProxy proxy;

  /** Starts the server behind the proxy (or finds it); returns its endpoint. */
  abstract URI startServer() throws Exception;

  /** A client of the server that bypasses the proxy, for checking outcomes. */
  abstract S3Client rawClient();

  /** Stops what {@link #startServer} started. */
  abstract void stopServer() throws Exception;

  /** The key prefix of the test's objects: unique on a server other runs may share. */
  abstract String prefix(String name);

  @BeforeAll
  void start() throws Exception {
    proxy = new FaultyProxy(startServer(), 0.2, 1500, 42);
  }

  @AfterAll
  void stop() throws Exception {
    proxy.close();
    stopServer();
  }

  private S3ObjectStore faultyStore(String prefix) {
    return S3TestServer.storeBuilder(proxy.endpoint()).prefix(prefix(prefix))
        .socketTimeout(Duration.ofSeconds(1))
        .connectionTimeout(Duration.ofSeconds(1))
        .partSize(5 << 20)
        .retries(10, Duration.ofMillis(10), Duration.ofMillis(200))
        .build();
  }

  /** What one call did: its result, or that it failed with the clear exception. */
  private record Outcome<T>(Optional<T> result, boolean failed) {}

  private static final AtomicInteger FAILURES = new AtomicInteger();

  private static <T> Outcome<T> attempt(String key, java.util.concurrent.Callable<T> call)
      throws Exception {
    try {
      return new Outcome<>(Optional.ofNullable(call.call()), false);
    } catch (StorageUnavailableException e) {
      assertTrue(e.getMessage().contains(S3TestServer.BUCKET) && e.getMessage().contains(key),
          "names bucket and key: " + e.getMessage());
      assertFalse(e.getMessage().contains(S3TestServer.SECRET_KEY), e.getMessage());
      FAILURES.incrementAndGet();
      return new Outcome<>(Optional.empty(), true);
    }
  }

  @Test
  void putIfAbsentNeverReportsAFalseConflictNorLeavesPartialObjects() throws Exception {
    int faultsBefore = proxy.faultsInjected();
    Map<String, byte[]> created = new ConcurrentHashMap<>();
    Map<String, byte[]> failed = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (S3ObjectStore store = faultyStore("puts")) {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        work.add(pool.submit(() -> {
          Random random = new Random(thread);
          for (int i = 0; i < 15; i++) {
            String key = "objects/" + thread + "-" + i;
            // every fifth object is larger than a part, so it goes up as a multipart upload
            int size = i % 5 == 4 ? (6 << 20) + random.nextInt(1 << 20) : random.nextInt(200_000);
            byte[] content = new byte[size];
            random.nextBytes(content);
            Outcome<Boolean> outcome =
                attempt(key, () -> store.putIfAbsent(key, new ByteArrayInputStream(content)));
            assertFalse(outcome.result().equals(Optional.of(false)),
                "nobody else writes " + key + ", so 'already exists' is a false conflict");
            (outcome.failed() ? failed : created).put(key, content);
          }
          return null;
        }));
      }
      for (Future<?> each : work) {
        each.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    try (S3Client raw = rawClient()) {
      for (Map.Entry<String, byte[]> entry : created.entrySet()) {
        assertArrayEquals(entry.getValue(), rawRead(raw, prefix("puts") + "/" + entry.getKey()),
            entry.getKey());
      }
      for (Map.Entry<String, byte[]> entry : failed.entrySet()) {
        byte[] stored = rawReadIfPresent(raw, prefix("puts") + "/" + entry.getKey());
        assertTrue(stored == null || Arrays.equals(entry.getValue(), stored),
            "a failed put leaves nothing or the whole object: " + entry.getKey());
      }
    }
    System.out.println("puts: created " + created.size() + ", failed " + failed.size() + "; "
        + proxy);
    assertTrue(proxy.faultsInjected() > faultsBefore, "faults were injected: " + proxy);
    assertTrue(created.size() > failed.size(), "most writes got through: created "
        + created.size() + ", failed " + failed.size());
  }

  @Test
  void compareAndSetIncrementsAreNeitherLostNorDoubled() throws Exception {
    int faultsBefore = proxy.faultsInjected();
    AtomicInteger won = new AtomicInteger();
    AtomicInteger unknown = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (S3ObjectStore store = faultyStore("cas")) {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        work.add(pool.submit(() -> {
          for (int i = 0; i < 15; i++) {
            increment(store, won, unknown);
          }
          return null;
        }));
      }
      for (Future<?> each : work) {
        each.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    long value;
    try (S3Client raw = rawClient()) {
      value = Long.parseLong(new String(rawRead(raw, prefix("cas") + "/counter"),
          StandardCharsets.US_ASCII));
    }
    // Every reported success is in the count; a failure whose outcome was unknown may be too.
    assertTrue(value >= won.get() && value <= won.get() + unknown.get(), "counter " + value
        + " after " + won.get() + " reported increments and " + unknown.get() + " unknown");
    System.out.println("cas: counter " + value + ", reported " + won.get() + ", unknown "
        + unknown.get() + "; " + proxy);
    assertTrue(won.get() > 0);
    assertTrue(proxy.faultsInjected() > faultsBefore, "faults were injected: " + proxy);
  }

  /** One read-CAS increment, retried after lost races; a clear failure ends it as unknown. */
  private static void increment(ObjectStore store, AtomicInteger won, AtomicInteger unknown)
      throws Exception {
    while (true) {
      Outcome<Optional<StoredBytes>> read = attempt("counter", () -> store.get("counter"));
      if (read.failed()) {
        continue; // nothing was written: try again
      }
      Optional<StoredBytes> current = read.result().orElseThrow();
      long next = current.map(b -> Long.parseLong(b.utf8()) + 1).orElse(1L);
      VersionToken expected = current.map(StoredBytes::token).orElse(VersionToken.ABSENT);
      Outcome<Optional<VersionToken>> cas = attempt("counter", () -> store.compareAndSet(
          "counter", expected, Long.toString(next).getBytes(StandardCharsets.US_ASCII)));
      if (cas.failed()) {
        unknown.incrementAndGet();
        return;
      }
      if (cas.result().orElseThrow().isPresent()) {
        won.incrementAndGet();
        return;
      }
    }
  }

  @Test
  void readsReturnWholeObjectsOrFailClearly() throws Exception {
    byte[] content = new byte[3 << 20];
    new Random(7).nextBytes(content);
    try (S3Client raw = rawClient()) {
      raw.putObject(b -> b.bucket(S3TestServer.BUCKET).key(prefix("reads") + "/blob"),
          software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));
    }
    int faultsBefore = proxy.faultsInjected();
    int whole = 0;
    try (S3ObjectStore store = faultyStore("reads")) {
      for (int i = 0; i < 20; i++) {
        Outcome<byte[]> read = attempt("blob", () -> {
          try (InputStream in = store.open("blob")) {
            return in.readAllBytes();
          } catch (IOException e) {
            return null; // a stream that could not resume reports it, and returns no bytes
          }
        });
        if (read.result().isPresent()) {
          assertArrayEquals(content, read.result().get(), "a read returns the whole object");
          whole++;
        }
      }
    }
    System.out.println("reads: " + whole + " of 20 whole; " + proxy);
    assertTrue(whole > 0);
    assertTrue(proxy.faultsInjected() > faultsBefore, "faults were injected: " + proxy);
  }

  private static byte[] rawRead(S3Client raw, String key) {
    return raw.getObjectAsBytes(b -> b.bucket(S3TestServer.BUCKET).key(key)).asByteArray();
  }

  private static byte[] rawReadIfPresent(S3Client raw, String key) {
    try {
      return rawRead(raw, key);
    } catch (SdkException e) {
      return null;
    }
  }
}
