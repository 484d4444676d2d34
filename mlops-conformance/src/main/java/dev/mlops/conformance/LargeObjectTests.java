package dev.mlops.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Objects of any size stream in and out; memory does not grow with their size. */
abstract class LargeObjectTests extends ContractGroup {
  /** How much more live heap a streaming store may hold at any point of the transfer. */
  static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;

  private static final int MIB = 1024 * 1024;

  @Test
  @DisplayName("a large object streams in and out whole, with live heap that stays flat")
  void largeObjectStreamsWithFlatHeap() throws IOException {
    ObjectStore store = store();
    long size = kit().largeObjectSize();
    HeapPeak heap = new HeapPeak(kit().streamsWithFlatMemory());
    GeneratedContent content = new GeneratedContent(size, 4, heap::sample);
    assertTrue(store.putIfAbsent("objects/large", content));
    assertEquals(size, content.position(), "putIfAbsent read the whole stream");
    assertEquals(size, store.stat("objects/large").orElseThrow().size());

    MessageDigest digest = GeneratedContent.sha256();
    long read = 0;
    try (InputStream in = store.open("objects/large")) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        if ((read + n) / (size / 2 + 1) > read / (size / 2 + 1)) {
          heap.sample();
        }
        read += n;
      }
      heap.sample();
    }

    assertEquals(size, read, "bytes read back");
    assertArrayEquals(content.sha256OfContent(), digest.digest(), "SHA-256 of the read-back");
    if (heap.enabled) {
      assumeTrue(heap.measurable, "System.gc() did not collect (-XX:+DisableExplicitGC?):"
          + " the content was verified, live heap could not be measured");
      long growth = heap.peak - heap.baseline;
      assertTrue(growth < HEAP_GROWTH_LIMIT, () -> "live heap grew by " + growth / MIB
          + " MiB while streaming " + size / MIB + " MiB; a store must stream, not buffer");
    }
  }

  /** The highest live heap seen at the sample points, relative to the heap before the test. */
  private static final class HeapPeak {
    final boolean enabled;
    final long baseline;
    boolean measurable;
    long peak;

    HeapPeak(boolean enabled) {
      this.enabled = enabled;
      this.baseline = enabled ? ResourceProbe.liveHeap() : 0;
      this.measurable = baseline >= 0;
      this.peak = baseline;
    }

    void sample() {
      if (enabled) {
        long live = ResourceProbe.liveHeap();
        measurable &= live >= 0;
        peak = Math.max(peak, live);
      }
    }
  }

  @Test
  @DisplayName("get refuses an object larger than MAX_GET_SIZE, and open streams it")
  void getRefusesObjectsAboveMaxGetSize() throws IOException {
    ObjectStore store = store();
    long size = ObjectStore.MAX_GET_SIZE + 1L;
    assertTrue(store.putIfAbsent("objects/huge", new GeneratedContent(size)));

    assertThrows(MlOpsException.class, () -> store.get("objects/huge"));
    try (InputStream in = store.open("objects/huge")) {
      assertEquals(size, in.transferTo(OutputStream.nullOutputStream()));
    }
  }
}
