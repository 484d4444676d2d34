package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.StorageUnavailableException;
import dev.mlops.conformance.GeneratedContent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * {@code removeAbandonedWrites()} aborts the unfinished multipart uploads under the store's prefix
 * that are older than {@code abandonedUploadAge}, removes as old write-probe objects, and touches
 * nothing else. S3Proxy answers {@code ListMultipartUploads} (with the upload's initiation time
 * and a prefix) and {@code AbortMultipartUpload}, so this runs against it as against S3. Ages are
 * not waited for: an age of zero takes every upload that exists for abandoned, the default age
 * none that was just started.
 */
@DisplayName("Removing what crashed writers left on S3")
class AbandonedWritesTest {
  private static final int PART = 5 << 20;

  private static HeldPartBlobStore held;
  private static S3TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.startInMemory(store -> held = new HeldPartBlobStore(store));
  }

  @AfterAll
  static void stop() throws Exception {
    held.release();
    server.close();
  }

  private static String startUpload(S3Client raw, String key) {
    return raw.createMultipartUpload(b -> b.bucket(S3TestServer.BUCKET).key(key)).uploadId();
  }

  private static List<String> uploads(S3Client raw) {
    return raw.listMultipartUploads(b -> b.bucket(S3TestServer.BUCKET)).uploads().stream()
        .map(MultipartUpload::key).sorted().toList();
  }

  @Test
  @DisplayName("aborts old uploads to store keys and removes old probe objects, nothing else")
  void removesOnlyTheStoresOldLeftovers() throws Exception {
    try (S3Client raw = server.rawClient();
        S3ObjectStore store = S3TestServer.storeBuilder(server.endpoint()).prefix("dead")
            .abandonedUploadAge(Duration.ZERO).build()) {
      startUpload(raw, "dead/objects/sha256/ab/abc");
      startUpload(raw, "dead/.tmp/not-a-store-key");
      startUpload(raw, "other/objects/sha256/ab/abc");
      raw.putObject(b -> b.bucket(S3TestServer.BUCKET).key("dead/" + WriteProbe.FOLDER + "old"),
          RequestBody.fromString("left by a probe that died"));
      raw.putObject(b -> b.bucket(S3TestServer.BUCKET).key("dead/refs/main"),
          RequestBody.fromString("a store object"));

      assertEquals(2, store.removeAbandonedWrites());

      assertEquals(List.of("dead/.tmp/not-a-store-key", "other/objects/sha256/ab/abc"),
          uploads(raw).stream().filter(k -> k.startsWith("dead/") || k.startsWith("other/"))
              .toList());
      assertEquals(List.of("dead/refs/main"), raw.listObjectsV2(b -> b.bucket(S3TestServer.BUCKET)
          .prefix("dead/")).contents().stream().map(o -> o.key()).toList());
      assertEquals(0, store.removeAbandonedWrites(), "nothing left to remove");
    }
  }

  @Test
  @DisplayName("with the default age, an upload just started is not abandoned")
  void leavesYoungUploads() throws Exception {
    try (S3Client raw = server.rawClient();
        S3ObjectStore store = S3TestServer.storeBuilder(server.endpoint()).prefix("young")
            .build()) {
      String id = startUpload(raw, "young/objects/sha256/cd/cde");

      assertEquals(0, store.removeAbandonedWrites());
      assertTrue(uploads(raw).contains("young/objects/sha256/cd/cde"));
      raw.abortMultipartUpload(b -> b.bucket(S3TestServer.BUCKET)
          .key("young/objects/sha256/cd/cde").uploadId(id));
    }
  }

  @Test
  @DisplayName("a writer whose upload is aborted under it stores nothing and says why")
  void aWriterWhoseUploadWasAbortedFailsClearly() throws Exception {
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try (S3ObjectStore writer = S3TestServer.storeBuilder(server.endpoint()).prefix("held")
            .partSize(PART).uploadConcurrency(1).build();
        S3ObjectStore collector = S3TestServer.storeBuilder(server.endpoint()).prefix("held")
            .abandonedUploadAge(Duration.ZERO).build()) {
      Future<Boolean> upload = caller.submit(
          () -> writer.putIfAbsent("objects/" + HeldPartBlobStore.HELD,
              new GeneratedContent(3L * PART)));
      held.awaitHeldPart();

      assertEquals(1, collector.removeAbandonedWrites());
      held.release();

      Exception e = assertThrows(Exception.class, () -> upload.get(60, TimeUnit.SECONDS));
      StorageUnavailableException cause =
          assertInstanceOf(StorageUnavailableException.class, e.getCause());
      System.out.println(cause.getMessage());
      assertTrue(cause.getMessage().contains("was aborted while it ran"), cause.getMessage());
      assertTrue(cause.getMessage().contains("abandonedUploadAge"), cause.getMessage());
      assertTrue(writer.stat("objects/" + HeldPartBlobStore.HELD).isEmpty(), "nothing stored");
    } finally {
      caller.shutdownNow();
    }
  }

  @Test
  @DisplayName("a read-only store refuses to remove anything")
  void readOnlyStoreRefuses() {
    try (S3ObjectStore store = S3TestServer.storeBuilder(server.endpoint()).prefix("ro")
        .readOnly(true).build()) {
      StorageUnavailableException e =
          assertThrows(StorageUnavailableException.class, store::removeAbandonedWrites);
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    }
  }
}
