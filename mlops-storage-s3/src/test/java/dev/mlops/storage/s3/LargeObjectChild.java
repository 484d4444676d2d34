package dev.mlops.storage.s3;

import dev.mlops.conformance.GeneratedContent;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The child JVM of {@link FlatMemoryTest}: streams an object of the given size into the store and
 * back out, and prints one line with what it saw. Exits non-zero on any mismatch (and with an
 * OutOfMemoryError if the store buffers instead of streaming).
 */
public final class LargeObjectChild {
  private LargeObjectChild() {}

  /**
   * Runs the round trip.
   *
   * @param args the server's endpoint, the store prefix, the object size in bytes
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    long size = Long.parseLong(args[2]);
    try (S3ObjectStore store = S3TestServer.storeBuilder(endpoint).prefix(args[1]).build()) {
      GeneratedContent content = new GeneratedContent(size);
      if (!store.putIfAbsent("objects/large", content) || content.position() != size) {
        System.out.println("FAILED: not created, or the stream was not read to its end");
        System.exit(2);
      }
      byte[] written = content.sha256OfContent();
      MessageDigest digest = GeneratedContent.sha256();
      long read = 0;
      try (InputStream in = store.open("objects/large")) {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          digest.update(buffer, 0, n);
          read += n;
        }
      }
      boolean same = Arrays.equals(written, digest.digest());
      System.out.println("size=" + size + " read=" + read + " sha256Match=" + same
          + " peakHeapMiB=" + peakHeap() / (1024 * 1024)
          + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
      System.exit(same && read == size ? 0 : 3);
    }
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
