package dev.mlops.conformance;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.api.storage.ObjectStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A store knows its URI, closes idempotently and refuses work once closed. */
abstract class LifecycleTests extends ContractGroup {

  @Test
  @DisplayName("uri names the store with a scheme")
  void uriHasScheme() {
    assertNotNull(store().uri().getScheme());
  }

  @Test
  @DisplayName("close can be called more than once")
  void closeIsIdempotent() throws Exception {
    ObjectStore store = kit().openStore();

    store.close();
    store.close();
  }

  @Test
  @DisplayName("calls after close fail")
  void callsAfterCloseFail() throws Exception {
    ObjectStore store = kit().openStore();
    store.putIfAbsent("k", utf8("v"));
    store.close();

    assertThrows(RuntimeException.class, () -> store.get("k"));
    assertThrows(RuntimeException.class, () -> store.putIfAbsent("j", utf8("v")));
  }
}
