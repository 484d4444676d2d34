package dev.mlops.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.util.Optional;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Content written with either primitive comes back whole through get, open, stat and list. */
abstract class RoundTripTests extends ContractGroup {

  @Test
  @DisplayName("get returns the stored bytes with the token stat reports")
  void getReturnsStoredBytesAndToken() {
    ObjectStore store = store();
    assertTrue(store.putIfAbsent("refs/main", utf8("hello")));

    StoredBytes got = store.get("refs/main").orElseThrow();
    ObjectInfo info = store.stat("refs/main").orElseThrow();

    assertEquals("hello", got.utf8());
    assertFalse(got.token().isAbsent());
    assertEquals(Optional.of(got.token()), info.token(), "stat always carries the token");
    assertEquals("refs/main", info.key());
    assertEquals(5, info.size());
  }

  @Test
  @DisplayName("open streams every byte value back unchanged")
  void openStreamsEveryByteValue() {
    byte[] content = new byte[256 * 40];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 7 + i / 256);
    }
    assertTrue(store().putIfAbsent("objects/all-bytes", content));

    assertContent(store(), "objects/all-bytes", content);
  }

  @Test
  @DisplayName("an empty object is stored, read, listed and stat'ed as zero bytes")
  void emptyObjectRoundTrips() throws IOException {
    ObjectStore store = store();
    assertTrue(store.putIfAbsent("empty", new byte[0]));

    assertEquals(0, store.get("empty").orElseThrow().size());
    try (InputStream in = store.open("empty")) {
      assertEquals(-1, in.read());
    }
    assertEquals(0, store.stat("empty").orElseThrow().size());
    assertEquals(List.of("empty"), keys(store, ""));
  }

  @Test
  @DisplayName("putIfAbsent from a stream reads it to its end and leaves it open")
  void putFromStreamReadsToEndWithoutClosing() throws IOException {
    byte[] content = utf8("streamed content");
    TrackingInputStream in = new TrackingInputStream(content);

    assertTrue(store().putIfAbsent("streamed", in));

    assertTrue(in.consumed(), "the stream was read to its end");
    assertFalse(in.closed, "the caller's stream was closed");
    assertContent(store(), "streamed", content);
  }

  @Test
  @DisplayName("changing the caller's array after a write does not change the object")
  void writesCopyTheCallersArray() {
    byte[] put = utf8("put");
    byte[] cas = utf8("cas");
    store().putIfAbsent("a", put);
    store().compareAndSet("b", VersionToken.ABSENT, cas);

    Arrays.fill(put, (byte) 'x');
    Arrays.fill(cas, (byte) 'x');

    assertContent(store(), "a", utf8("put"));
    assertContent(store(), "b", utf8("cas"));
  }

  @Test
  @DisplayName("an open stream keeps reading the content it started with after a replace")
  void openStreamReadsSnapshot() throws IOException {
    ObjectStore store = store();
    byte[] first = new byte[1 << 20];
    Arrays.fill(first, (byte) 1);
    VersionToken token = store.compareAndSetOrThrow("ref", VersionToken.ABSENT, first);

    try (InputStream in = store.open("ref")) {
      byte[] head = in.readNBytes(1000);
      store.compareAndSetOrThrow("ref", token, utf8("replaced"));
      byte[] rest = in.readAllBytes();

      assertEquals(first.length, head.length + rest.length);
      assertTrue(allEqual(head, (byte) 1) && allEqual(rest, (byte) 1), "read the old content");
    }
    assertContent(store, "ref", utf8("replaced"));
  }

  private static boolean allEqual(byte[] bytes, byte value) {
    for (byte b : bytes) {
      if (b != value) {
        return false;
      }
    }
    return true;
  }

  /** Tells whether all of its bytes were consumed and whether it was closed. */
  static final class TrackingInputStream extends FilterInputStream {
    boolean closed;

    TrackingInputStream(byte[] content) {
      super(new ByteArrayInputStream(content));
    }

    boolean consumed() throws IOException {
      return in.available() == 0;
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }
}
