package dev.mlops.storage.s3;

import java.net.URI;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link FaultInjectionCases} against Ceph's radosgw 16 ({@link Radosgw}): retried writes that
 * meet their own earlier attempt, and radosgw's own answers to racing conditional writes, under
 * the same faults.
 */
@ExtendWith(RadosgwExtension.class)
class RadosgwFaultInjectionTest extends FaultInjectionCases {
  private final String run = "rgw-faults-" + ProcessHandle.current().pid() + "-";

  @Override
  URI startServer() {
    return Radosgw.endpoint();
  }

  @Override
  S3Client rawClient() {
    return Radosgw.rawClient();
  }

  @Override
  void stopServer() {
    // the gateway outlives the class; its shutdown hook stops it
  }

  @Override
  String prefix(String name) {
    return run + name;
  }
}
