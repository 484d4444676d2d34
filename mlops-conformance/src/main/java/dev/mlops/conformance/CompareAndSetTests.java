package dev.mlops.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ConflictException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** compareAndSet replaces only what was read, and is linearizable. */
abstract class CompareAndSetTests extends ContractGroup {
  private static final int THREADS = 8;

  @Test
  @DisplayName("with ABSENT, creates the object only if it does not exist")
  void absentCreatesOnlyOnce() {
    ObjectStore store = store();

    Optional<VersionToken> created = store.compareAndSet("refs/head", VersionToken.ABSENT,
        utf8("v1"));
    Optional<VersionToken> again = store.compareAndSet("refs/head", VersionToken.ABSENT,
        utf8("v2"));

    assertTrue(created.isPresent());
    assertTrue(again.isEmpty(), "a second create with ABSENT must lose");
    assertContent(store, "refs/head", utf8("v1"));
  }

  @Test
  @DisplayName("with ABSENT, does not replace an object created by putIfAbsent")
  void absentDoesNotReplacePut() {
    store().putIfAbsent("refs/head", utf8("put"));

    assertTrue(store().compareAndSet("refs/head", VersionToken.ABSENT, utf8("cas")).isEmpty());
    assertContent(store(), "refs/head", utf8("put"));
  }

  @Test
  @DisplayName("returns the token that get and stat report afterwards")
  void returnedTokenMatchesReads() {
    ObjectStore store = store();
    VersionToken first = store.compareAndSetOrThrow("refs/head", VersionToken.ABSENT, utf8("v1"));
    assertEquals(first, store.get("refs/head").orElseThrow().token());
    assertEquals(Optional.of(first), store.stat("refs/head").orElseThrow().token());

    VersionToken second = store.compareAndSetOrThrow("refs/head", first, utf8("v2"));

    assertNotEquals(first, second);
    assertEquals(second, store.get("refs/head").orElseThrow().token());
    assertEquals(Optional.of(second), store.stat("refs/head").orElseThrow().token());
    assertContent(store, "refs/head", utf8("v2"));
  }

  @Test
  @DisplayName("replaces an object created by putIfAbsent when given the token get read")
  void replacesPutWithReadToken() {
    store().putIfAbsent("refs/head", utf8("put"));
    VersionToken read = store().get("refs/head").orElseThrow().token();

    assertTrue(store().compareAndSet("refs/head", read, utf8("cas")).isPresent());
    assertContent(store(), "refs/head", utf8("cas"));
  }

  @Test
  @DisplayName("with a stale token, returns empty and leaves the content unchanged")
  void staleTokenLoses() {
    ObjectStore store = store();
    VersionToken v1 = store.compareAndSetOrThrow("refs/head", VersionToken.ABSENT, utf8("v1"));
    store.compareAndSetOrThrow("refs/head", v1, utf8("v2"));

    assertTrue(store.compareAndSet("refs/head", v1, utf8("v3")).isEmpty());
    assertContent(store, "refs/head", utf8("v2"));
  }

  @Test
  @DisplayName("compareAndSetOrThrow throws ConflictException when the race is lost")
  void orThrowThrowsConflict() {
    ObjectStore store = store();
    VersionToken v1 = store.compareAndSetOrThrow("refs/head", VersionToken.ABSENT, utf8("v1"));
    store.compareAndSetOrThrow("refs/head", v1, utf8("v2"));

    assertThrows(ConflictException.class,
        () -> store.compareAndSetOrThrow("refs/head", v1, utf8("v3")));
    assertThrows(ConflictException.class,
        () -> store.compareAndSetOrThrow("refs/head", VersionToken.ABSENT, utf8("v3")));
    assertContent(store, "refs/head", utf8("v2"));
  }

  @Test
  @DisplayName("with a token, does not create an absent object, even one that was deleted")
  void tokenDoesNotCreate() {
    ObjectStore store = store();
    VersionToken v1 = store.compareAndSetOrThrow("refs/head", VersionToken.ABSENT, utf8("v1"));
    assertTrue(store.delete("refs/head"));

    assertTrue(store.compareAndSet("refs/head", v1, utf8("v2")).isEmpty());
    assertTrue(store.compareAndSet("refs/other", v1, utf8("v2")).isEmpty());
    assertEquals(List.of(), keys(store, ""));
  }

  @Test
  @DisplayName("8 threads x N read-CAS-retry increments of one counter end at exactly 8 x N"
      + " (N = counterIncrements(), 500 by default)")
  void concurrentIncrementsAreLinearizable() throws Exception {
    ObjectStore store = store();
    int increments = kit().counterIncrements();
    assertTrue(increments >= ObjectStoreContract.MIN_COUNTER_INCREMENTS, "counterIncrements() is "
        + increments + "; return at least " + ObjectStoreContract.MIN_COUNTER_INCREMENTS
        + " so that the threads race");

    Race.run(THREADS, i -> () -> Counters.incrementWithCas(store, "counters/c", increments));

    assertEquals((long) THREADS * increments, Counters.read(store, "counters/c"));
  }
}
