package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.StorageUnavailableException;
import dev.mlops.conformance.GeneratedContent;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Multipart uploads send several parts at once ({@code uploadConcurrency}), never more than
 * configured, still publish the whole object, and abort without leaving anything behind when a
 * part is refused or the caller's stream fails while other parts are in flight; content up to
 * the {@code multipartThreshold} goes up in one request. The server side is watched by {@link
 * PartWatchingBlobStore}.
 */
class ParallelUploadTest {
  private static final int PART = 5 << 20;
  private static final long SIZE = 7L * PART + 12_345; // eight parts, the last one short

  private static PartWatchingBlobStore watcher;
  private static S3TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.startInMemory(store -> watcher = new PartWatchingBlobStore(store));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void resetWatcher() {
    watcher.reset();
  }

  private static S3ObjectStore store(int concurrency) {
    return server.storeBuilder().partSize(PART).uploadConcurrency(concurrency).build();
  }

  @Test
  void partsGoUpAtOnceUpToTheConcurrencyAndTheObjectIsWhole() throws Exception {
    watcher.holdUntilOverlap(); // the first part waits for a second: overlap does not hang on timing
    try (S3ObjectStore store = store(3)) {
      GeneratedContent content = new GeneratedContent(SIZE);
      assertTrue(store.putIfAbsent("objects/large", content));

      assertEquals(SIZE, store.stat("objects/large").orElseThrow().size());
      assertArrayEquals(content.sha256OfContent(), sha256(store.open("objects/large")));
    }
    assertTrue(watcher.mostInFlight() > 1, "parts overlapped: " + watcher.mostInFlight());
    assertTrue(watcher.mostInFlight() <= 3, "at most 3 at once: " + watcher.mostInFlight());
    assertNoUploadLeft();
  }

  @Test
  void aConcurrencyOfOneSendsThePartsOneAfterTheOther() throws Exception {
    try (S3ObjectStore store = store(1)) {
      GeneratedContent content = new GeneratedContent(SIZE);
      assertTrue(store.putIfAbsent("objects/sequential", content));

      assertArrayEquals(content.sha256OfContent(), sha256(store.open("objects/sequential")));
    }
    assertEquals(1, watcher.mostInFlight());
  }

  @Test
  void aRefusedPartAbortsTheUploadAndStoresNothing() {
    try (S3ObjectStore store = store(4)) {
      String key = "objects/" + PartWatchingBlobStore.REFUSED;
      StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
          () -> store.putIfAbsent(key, new GeneratedContent(SIZE)));

      assertTrue(e.getMessage().contains("part 3") && e.getMessage().contains(key),
          e.getMessage());
      assertTrue(store.stat(key).isEmpty(), "nothing is visible");
    }
    assertNoUploadLeft();
  }

  @Test
  void aSourceFailingWhilePartsAreInFlightAbortsTheUploadAndStoresNothing() {
    try (S3ObjectStore store = store(4)) {
      MlOpsException e = assertThrows(MlOpsException.class,
          () -> store.putIfAbsent("objects/broken", failingAfter(5L * PART + 1)));

      assertInstanceOf(IOException.class, e.getCause());
      assertTrue(store.stat("objects/broken").isEmpty(), "nothing is visible");
      assertTrue(store.putIfAbsent("objects/broken", new GeneratedContent(SIZE)),
          "the key is still free");
    }
    assertNoUploadLeft();
  }

  @Test
  void contentUpToTheThresholdGoesUpInOneRequest() throws Exception {
    long size = 3L * PART + 7; // four parts' worth of buffers, under a threshold of four parts
    try (S3ObjectStore store = server.storeBuilder().partSize(PART).uploadConcurrency(2)
        .multipartThreshold(4L * PART).build()) {
      GeneratedContent content = new GeneratedContent(size);
      assertTrue(store.putIfAbsent("objects/streamed", content));
      byte[] bytes = new byte[(int) size];
      assertTrue(store.putIfAbsent("objects/array", bytes));

      assertArrayEquals(content.sha256OfContent(), sha256(store.open("objects/streamed")));
      assertEquals(size, store.stat("objects/array").orElseThrow().size());
    }
    assertEquals(0, watcher.received(), "no part was sent");
  }

  @Test
  void contentAboveTheThresholdSendsItsHeldPartsNoMoreAtOnceThanTheConcurrency()
      throws Exception {
    try (S3ObjectStore store = server.storeBuilder().partSize(PART).uploadConcurrency(2)
        .multipartThreshold(4L * PART).build()) {
      GeneratedContent content = new GeneratedContent(SIZE);
      assertTrue(store.putIfAbsent("objects/over-threshold", content));

      assertArrayEquals(content.sha256OfContent(), sha256(store.open("objects/over-threshold")));
    }
    assertEquals(8, watcher.received(), "every part was sent once");
    assertEquals(2, watcher.mostInFlight(), "four parts held, two sent at once");
    assertNoUploadLeft();
  }

  @Test
  void aThresholdBelowThePartSizeIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> server.storeBuilder().partSize(2L * PART).multipartThreshold(PART).build());
    assertTrue(e.getMessage().contains("multipartThreshold"), e.getMessage());
  }

  @Test
  void theConcurrencyIsBounded() {
    assertThrows(IllegalArgumentException.class, () -> S3ObjectStore.builder()
        .uploadConcurrency(0));
    assertThrows(IllegalArgumentException.class, () -> S3ObjectStore.builder()
        .uploadConcurrency(S3ObjectStore.Builder.MAX_UPLOAD_CONCURRENCY + 1));
  }

  private static void assertNoUploadLeft() {
    try (S3Client raw = server.rawClient()) {
      assertEquals(List.of(), raw.listMultipartUploads(b -> b.bucket(S3TestServer.BUCKET))
          .uploads(), "no multipart upload is left behind");
    }
  }

  private static byte[] sha256(InputStream opened) throws IOException {
    MessageDigest digest = GeneratedContent.sha256();
    try (InputStream in = opened) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest();
  }

  /** Generated content whose read fails once {@code limit} bytes have been handed out. */
  private static InputStream failingAfter(long limit) {
    GeneratedContent content = new GeneratedContent(SIZE);
    return new InputStream() {
      @Override
      public int read() throws IOException {
        check();
        return content.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        check();
        return content.read(b, off, (int) Math.min(len, limit - content.position()));
      }

      private void check() throws IOException {
        if (content.position() >= limit) {
          throw new IOException("the caller's source failed");
        }
      }
    };
  }
}
