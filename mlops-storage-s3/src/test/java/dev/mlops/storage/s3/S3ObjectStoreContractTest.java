package dev.mlops.storage.s3;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.conformance.ObjectStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The S3 store passes the conformance kit's examples, large objects and concurrency included,
 * against S3Proxy 4.1 in this JVM. The server serializes conditional writes per key ({@link
 * AtomicConditionalBlobStore}), as Amazon S3 does and S3Proxy alone does not; without that, the
 * kit's racing putIfAbsent and compare-and-set tests fail on S3Proxy's race, not on the store. The
 * kit's assertions are unchanged. Each test gets a store under a fresh prefix of one bucket.
 *
 * <p>The server keeps its objects in memory, because S3Proxy's file-system store syncs every write
 * to disk and made the kit's 4,000 compare-and-set increments take minutes. So the server's copy of
 * the 300 MiB object sits in this JVM's heap and the kit cannot tell the store's heap from the
 * server's: {@link #streamsWithFlatMemory()} is off here, and flat memory is checked instead by
 * {@link FlatMemoryTest}, which streams 1 GiB through the store in a child JVM limited to 256 MiB
 * of heap, against a disk-backed server in this JVM.
 */
class S3ObjectStoreContractTest extends ObjectStoreContract {
  private static S3TestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.startInMemory();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  protected boolean streamsWithFlatMemory() {
    return false;
  }

  @Override
  protected ObjectStore newStore() {
    return server.storeBuilder().build();
  }
}
