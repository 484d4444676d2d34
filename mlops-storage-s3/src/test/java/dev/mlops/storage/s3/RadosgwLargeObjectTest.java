package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A 40 MiB object through the store on Ceph's radosgw 16 ({@link Radosgw}): five times the part
 * size, so above the multipart threshold. On radosgw the write probe finds that {@code
 * CompleteMultipartUpload} ignores {@code If-None-Match}, so the store spools such content and
 * creates it with one conditional {@code PutObject} (docs/operations-s3.md); the object reads back
 * byte for byte through the store and through the plain SDK, and is a single-request object (an
 * ETag without the {@code -<parts>} suffix of a multipart one).
 */
@ExtendWith(RadosgwExtension.class)
class RadosgwLargeObjectTest {
  private static final int SIZE = 40 << 20;

  @Test
  @DisplayName("a 40 MiB object round-trips byte for byte through the store on radosgw")
  void fortyMebibytesRoundTrip() throws Exception {
    byte[] content = new byte[SIZE];
    new Random(40).nextBytes(content);
    try (S3ObjectStore store = Radosgw.storeBuilder().build(); S3Client raw = Radosgw.rawClient()) {
      assertTrue(store.putIfAbsent("large", new ByteArrayInputStream(content)));
      assertFalse(store.putIfAbsent("large", new ByteArrayInputStream(content)),
          "a second create of the key loses");

      try (InputStream in = store.open("large")) {
        assertArrayEquals(content, in.readAllBytes(), "read back through the store");
      }
      assertEquals(SIZE, store.stat("large").orElseThrow().size());
      String fullKey = store.uri().getPath().substring(1) + "/large"; // s3://bucket/prefix
      assertArrayEquals(content, raw.getObjectAsBytes(b -> b.bucket(S3TestServer.BUCKET)
          .key(fullKey)).asByteArray(), "read back with the plain SDK");
      String eTag = raw.headObject(b -> b.bucket(S3TestServer.BUCKET).key(fullKey)).eTag();
      assertFalse(eTag.contains("-"), "one PutObject on radosgw, not a multipart upload: " + eTag);
    }
  }
}
