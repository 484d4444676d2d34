package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.conformance.GeneratedContent;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The store owns the threads that send the parts of its uploads and ends them in {@code close()}:
 * once it returns, no {@code mlops-s3-} thread of the store is left, even if an upload was in
 * flight (held at the server by {@link HeldPartBlobStore}). The stores here use a bucket of their
 * own, whose name is in their threads' names, so that other tests' stores do not count.
 */
@DisplayName("The threads of an S3 store")
class StoreThreadsTest {
  private static final String BUCKET = "mlops-threads";
  private static final int PART = 5 << 20;

  private static HeldPartBlobStore held;
  private static S3TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.startInMemory(store -> held = new HeldPartBlobStore(store));
    try (S3Client raw = server.rawClient()) {
      raw.createBucket(b -> b.bucket(BUCKET));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    held.release();
    server.close();
  }

  private static S3ObjectStore store(String prefix) {
    return S3ObjectStore.builder().bucket(BUCKET).endpointOverride(server.endpoint())
        .pathStyle(true).credentialsProvider(S3TestServer.credentials()).prefix(prefix)
        .partSize(PART).uploadConcurrency(4).build();
  }

  private static List<String> storeThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .map(Thread::getName).filter(n -> n.startsWith("mlops-s3-") && n.contains(BUCKET))
        .toList();
  }

  @Test
  @DisplayName("after close no part thread is left, though idle ones would live a minute")
  void closeEndsIdlePartThreads() throws Exception {
    GeneratedContent content = new GeneratedContent(4L * PART);
    S3ObjectStore store = store("idle");
    assertTrue(store.putIfAbsent("objects/large", content));
    assertFalse(storeThreads().isEmpty(), "the upload ran on part threads");

    store.close();

    assertEquals(List.of(), storeThreads());
  }

  @Test
  @DisplayName("closing during an upload cuts it, stores nothing, and leaves no thread")
  void closeDuringAnUploadEndsItsThreads() throws Exception {
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      S3ObjectStore store = store("busy");
      Future<Boolean> upload = caller.submit(
          () -> store.putIfAbsent("objects/" + HeldPartBlobStore.HELD,
              new GeneratedContent(6L * PART)));
      held.awaitHeldPart();

      store.close();

      assertEquals(List.of(), storeThreads());
      ExecutionException failed = assertThrows(
          ExecutionException.class, () -> upload.get(60, TimeUnit.SECONDS));
      System.out.println(failed.getCause());
      held.release();
      try (S3ObjectStore fresh = store("busy")) {
        assertTrue(fresh.stat("objects/" + HeldPartBlobStore.HELD).isEmpty(), "nothing stored");
        assertTrue(fresh.putIfAbsent("objects/after", new byte[] {1}));
        assertArrayEquals(new byte[] {1}, fresh.get("objects/after").orElseThrow().bytes());
      }
    } finally {
      caller.shutdownNow();
    }
  }
}
