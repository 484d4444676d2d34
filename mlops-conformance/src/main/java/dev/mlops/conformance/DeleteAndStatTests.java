package dev.mlops.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import java.util.Optional;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** delete removes an object from every view; stat describes one without reading it. */
abstract class DeleteAndStatTests extends ContractGroup {

  @Test
  @DisplayName("delete returns true, then false, and the object is gone from every view")
  void deleteRemovesEverywhere() {
    ObjectStore store = store();
    store.putIfAbsent("a/1", utf8("one"));
    store.putIfAbsent("a/2", utf8("two"));

    assertTrue(store.delete("a/1"));
    assertFalse(store.delete("a/1"));

    assertTrue(store.get("a/1").isEmpty());
    assertTrue(store.stat("a/1").isEmpty());
    assertThrows(NotFoundException.class, () -> store.open("a/1"));
    assertEquals(List.of("a/2"), keys(store, ""));
  }

  @Test
  @DisplayName("a deleted key can be created again")
  void deletedKeyIsFreeAgain() {
    store().putIfAbsent("k", utf8("old"));
    store().delete("k");

    assertTrue(store().putIfAbsent("k", utf8("new")));
    assertContent(store(), "k", utf8("new"));
  }

  @Test
  @DisplayName("stat reports the size and the token get returns")
  void statMatchesGet() {
    store().putIfAbsent("objects/x", new byte[12_345]);

    ObjectInfo info = store().stat("objects/x").orElseThrow();
    StoredBytes got = store().get("objects/x").orElseThrow();

    assertEquals("objects/x", info.key());
    assertEquals(12_345, info.size());
    assertEquals(Optional.of(got.token()), info.token());
  }

  @Test
  @DisplayName("a missing key: get and stat are empty, open throws NotFoundException")
  void missingKey() {
    ObjectStore store = store();

    assertTrue(store.get("nothing/here").isEmpty());
    assertTrue(store.stat("nothing/here").isEmpty());
    assertFalse(store.delete("nothing/here"));
    assertThrows(NotFoundException.class, () -> store.open("nothing/here"));
  }

  @Test
  @DisplayName("a missing key under an existing object's key is missing too")
  void missingKeyBelowAnObject() {
    store().putIfAbsent("file", utf8("x"));

    assertTrue(store().get("file/child").isEmpty());
    assertTrue(store().stat("file/child").isEmpty());
    assertThrows(NotFoundException.class, () -> store().open("file/child"));
  }
}
