package dev.mlops.core.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sealed view seals documents, checks them on every read, and leaves everything else alone. */
class SealedDocumentStoreTest {
  private final InMemoryObjectStore stored = InMemoryObjectStore.create();
  private final ObjectStore sealed = SealedDocumentStore.wrap(stored);

  @Test
  @DisplayName("documents under refs/ and logs/ are stored sealed and read back as written")
  void documentsAreSealed() throws Exception {
    assertTrue(sealed.putIfAbsent("refs/a", utf8("one")));
    assertTrue(sealed.putIfAbsent("logs/a/1", new ByteArrayInputStream(utf8("two"))));

    assertEquals("one", sealed.get("refs/a").orElseThrow().utf8());
    try (InputStream in = sealed.open("logs/a/1")) {
      assertEquals("two", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertTrue(stored.get("refs/a").orElseThrow().utf8().startsWith(DocumentSeal.MAGIC));
    assertArrayEquals(DocumentSeal.seal(utf8("two")), stored.get("logs/a/1").orElseThrow().bytes());
  }

  @Test
  @DisplayName("content objects, metric segments and other keys pass through unchanged")
  void everythingElsePassesThrough() {
    for (String key : new String[] {"objects/sha256/ab/ab00", "objects/sketches/x",
        "logs/runs/r1/metrics/0000000001", "other/key"}) {
      sealed.putIfAbsent(key, utf8("raw"));
      assertEquals("raw", stored.get(key).orElseThrow().utf8(), key);
      assertEquals("raw", sealed.get(key).orElseThrow().utf8(), key);
    }
  }

  @Test
  @DisplayName("compare-and-set works on the sealed bytes' tokens, as on the store below")
  void compareAndSetUsesTheStoredTokens() {
    VersionToken first = sealed.compareAndSetOrThrow("refs/head", VersionToken.ABSENT, utf8("v1"));
    assertEquals(first, sealed.get("refs/head").orElseThrow().token());
    assertEquals(first, stored.get("refs/head").orElseThrow().token());
    VersionToken second = sealed.compareAndSetOrThrow("refs/head", first, utf8("v2"));
    assertTrue(sealed.compareAndSet("refs/head", first, utf8("stale")).isEmpty());
    assertEquals("v2", sealed.get("refs/head").orElseThrow().utf8());
    assertEquals(second, sealed.stat("refs/head").orElseThrow().token().orElseThrow());
  }

  @Test
  @DisplayName("a damaged document is an integrity error on get and on open, naming its key")
  void damagedDocumentsAreRefused() {
    byte[] damaged = DocumentSeal.seal(utf8("{\"active\":true}"));
    damaged[damaged.length - 5] ^= 0x20; // "active" -> "actIve"
    stored.putIfAbsent("refs/retrain/requests/p-1", damaged);
    stored.putIfAbsent("refs/empty", new byte[0]);

    for (String key : new String[] {"refs/retrain/requests/p-1", "refs/empty"}) {
      IntegrityException onGet = assertThrows(IntegrityException.class, () -> sealed.get(key));
      assertTrue(onGet.getMessage().contains("'" + key + "'"), onGet.getMessage());
      assertTrue(onGet.getMessage().contains("mlops store verify"), onGet.getMessage());
      assertThrows(IntegrityException.class, () -> sealed.open(key));
    }
  }

  @Test
  @DisplayName("a document written before seals reads as it is")
  void documentsFromBeforeSealsRead() {
    stored.putIfAbsent("refs/datasets/d/heads/main", utf8("ab".repeat(32)));
    assertEquals("ab".repeat(32), sealed.get("refs/datasets/d/heads/main").orElseThrow().utf8());
  }

  @Test
  @DisplayName("wrapping twice gives the same view; unwrap gives the store below")
  void wrapIsIdempotent() {
    assertSame(sealed, SealedDocumentStore.wrap(sealed));
    assertSame(stored, SealedDocumentStore.unwrap(sealed));
    assertSame(stored, SealedDocumentStore.unwrap(stored));
    assertFalse(SealedDocumentStore.isDocument("logs/runs/r/metrics/0000000001"));
    assertTrue(SealedDocumentStore.isDocument("logs/runs/r/other"));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
