package dev.mlops.storage.s3;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.conformance.ObjectStoreProperties;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The S3 store keeps the conformance kit's invariants against S3Proxy 4.1 in this JVM (conditional
 * writes serialized per key as on Amazon S3, see {@link AtomicConditionalBlobStore}); each try gets
 * a store under a fresh prefix of one bucket. The server keeps objects in memory, for speed.
 */
class S3ObjectStorePropertiesTest extends ObjectStoreProperties {
  private static S3TestServer server;

  @BeforeContainer
  static void startServer() throws Exception {
    server = S3TestServer.startInMemory();
  }

  @AfterContainer
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  protected ObjectStore newStore() {
    return server.storeBuilder().build();
  }
}
