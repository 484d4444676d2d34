package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A store refuses to write to a service that ignores the conditional headers, and can still read
 * it, or be opened read-only. The service is S3Proxy without authentication behind a {@link
 * HeaderDroppingProxy} that removes the headers on the way, as such a service behaves.
 */
@DisplayName("An S3 service that ignores conditional writes")
class IgnoredConditionsTest {
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

  private static S3TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.startWithoutAuthentication();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** Every write of the store, each of which must be refused. */
  private static Stream<Executable> writes(ObjectStore store) {
    return Stream.of(
        () -> store.putIfAbsent("refs/a", HELLO),
        () -> store.putIfAbsent("refs/b", new ByteArrayInputStream(HELLO)),
        () -> store.compareAndSet("refs/c", VersionToken.ABSENT, HELLO),
        () -> store.delete("refs/d"),
        store::removeAbandonedWrites);
  }

  private static void assertEveryWriteRefused(ObjectStore store, String... phrases) {
    writes(store).forEach(write -> {
      StorageUnavailableException e = assertThrows(StorageUnavailableException.class, write);
      System.out.println(e.getMessage()); // the surefire report keeps what a user would read
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
      for (String phrase : phrases) {
        assertTrue(e.getMessage().contains(phrase), "'" + phrase + "' in: " + e.getMessage());
      }
    });
  }

  private static List<String> rawKeys(S3Client raw, String prefix) {
    return raw.listObjectsV2(b -> b.bucket(S3TestServer.BUCKET).prefix(prefix)).contents()
        .stream().map(o -> o.key()).toList();
  }

  @Test
  @DisplayName("ignoring If-None-Match: every write is refused naming it, and nothing is left")
  void ignoredIfNoneMatchRefusesEveryWrite() throws Exception {
    try (HeaderDroppingProxy proxy = new HeaderDroppingProxy(server.endpoint(), "If-None-Match");
        ObjectStore store = S3TestServer.storeBuilder(proxy.endpoint()).prefix("inm").build();
        S3Client raw = server.rawClient()) {
      assertEveryWriteRefused(store, "this S3 service ignores If-None-Match on PutObject",
          "readOnly=true", "S3ObjectStore.Builder.readOnly(true)", S3TestServer.BUCKET);

      assertEquals(List.of(), rawKeys(raw, "inm/"), "no store object and no probe object left");
      assertEquals(3, proxy.requestsContaining(WriteProbe.FOLDER),
          "one probe (create, create again, delete) for all the writes of the store");
    }
  }

  @Test
  @DisplayName("ignoring If-Match: every write is refused naming it")
  void ignoredIfMatchRefusesEveryWrite() throws Exception {
    try (HeaderDroppingProxy proxy = new HeaderDroppingProxy(server.endpoint(), "If-Match");
        ObjectStore store = S3TestServer.storeBuilder(proxy.endpoint()).prefix("im").build();
        S3Client raw = server.rawClient()) {
      assertEveryWriteRefused(store, "this S3 service ignores If-Match on PutObject",
          "readOnly=true");

      assertEquals(List.of(), rawKeys(raw, "im/"));
    }
  }

  @Test
  @DisplayName("ignoring both: the store still reads what is there, without probing")
  void readsWorkWithoutAProbe() throws Exception {
    try (HeaderDroppingProxy proxy =
            new HeaderDroppingProxy(server.endpoint(), "If-None-Match", "If-Match");
        ObjectStore store = S3TestServer.storeBuilder(proxy.endpoint()).prefix("reads").build();
        S3Client raw = server.rawClient()) {
      raw.putObject(b -> b.bucket(S3TestServer.BUCKET).key("reads/refs/main"),
          RequestBody.fromBytes(HELLO));

      assertArrayEquals(HELLO, store.get("refs/main").orElseThrow().bytes());
      assertArrayEquals(HELLO, store.open("refs/main").readAllBytes());
      assertEquals(HELLO.length, store.stat("refs/main").orElseThrow().size());
      try (Stream<ObjectInfo> listed = store.list("")) {
        assertEquals(List.of("refs/main"), listed.map(ObjectInfo::key).toList());
      }
      assertEquals(0, proxy.requestsContaining(WriteProbe.FOLDER), "reads never probe");

      assertEveryWriteRefused(store, "this S3 service ignores If-None-Match on PutObject");
    }
  }

  @Test
  @DisplayName("readOnly=true opens the store, reads it, refuses every write, never probes")
  void readOnlyStoreReadsAndRefusesWrites() throws Exception {
    try (HeaderDroppingProxy proxy =
            new HeaderDroppingProxy(server.endpoint(), "If-None-Match", "If-Match");
        S3Client raw = server.rawClient()) {
      raw.putObject(b -> b.bucket(S3TestServer.BUCKET).key("ro/refs/main"),
          RequestBody.fromBytes(HELLO));
      URI uri = URI.create("s3://" + S3TestServer.BUCKET + "/ro?readOnly=true&pathStyle=true"
          + "&endpoint=" + URLEncoder.encode(proxy.endpoint().toString(), StandardCharsets.UTF_8));
      System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
      try (ObjectStore store = new S3StorageProvider(name -> null).open(uri)) {
        assertArrayEquals(HELLO, store.get("refs/main").orElseThrow().bytes());

        assertEveryWriteRefused(store, "was opened read-only (readOnly=true)",
            "without readOnly=true in the store URI");
      } finally {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
      }
      assertEquals(List.of("ro/refs/main"), rawKeys(raw, "ro/"));
      assertEquals(0, proxy.requestsContaining(WriteProbe.FOLDER), "a read-only store never probes");
    }
  }
}
