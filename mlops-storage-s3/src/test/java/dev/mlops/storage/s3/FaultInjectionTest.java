package dev.mlops.storage.s3;

import java.net.URI;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link FaultInjectionCases} against S3Proxy 4.1 in this JVM, in memory, its conditional writes
 * serialized as Amazon S3 does them ({@link AtomicConditionalBlobStore}).
 */
class FaultInjectionTest extends FaultInjectionCases {
  private S3TestServer server;

  @Override
  URI startServer() throws Exception {
    server = S3TestServer.startInMemory();
    return server.endpoint();
  }

  @Override
  S3Client rawClient() {
    return server.rawClient();
  }

  @Override
  void stopServer() throws Exception {
    server.close();
  }

  @Override
  String prefix(String name) {
    return name;
  }
}
