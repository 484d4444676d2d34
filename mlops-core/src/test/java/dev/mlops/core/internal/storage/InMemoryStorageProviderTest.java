package dev.mlops.core.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StorageProvider;
import dev.mlops.api.storage.VersionToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mem: scheme: lookup, sharing by name, and refusal of malformed URIs. */
class InMemoryStorageProviderTest {
  private final StorageProvider provider = new InMemoryStorageProvider();
  private final String name = "t-" + UUID.randomUUID();

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("ServiceLoader finds the provider for the mem scheme")
  void foundByServiceLoader() {
    assertTrue(ServiceLoader.load(StorageProvider.class).stream()
        .anyMatch(p -> p.type() == InMemoryStorageProvider.class));
    assertEquals(Set.of("mem"), provider.schemes());
  }

  @Test
  @DisplayName("two opens of one name share objects, in both URI forms")
  void opensOfOneNameShareObjects() {
    try (ObjectStore first = provider.open(URI.create("mem:" + name));
        ObjectStore second = provider.open(URI.create("mem://" + name))) {
      VersionToken token = first.compareAndSetOrThrow("refs/head", VersionToken.ABSENT, utf8("1"));

      assertEquals("1", second.get("refs/head").orElseThrow().utf8());
      assertTrue(second.compareAndSet("refs/head", token, utf8("2")).isPresent());
      assertEquals("2", first.get("refs/head").orElseThrow().utf8());
      assertEquals(URI.create("mem:" + name), first.uri());
    }
  }

  @Test
  @DisplayName("closing one view leaves the objects to the others and to later opens")
  void closingAViewKeepsObjects() {
    ObjectStore first = provider.open(URI.create("mem:" + name));
    first.putIfAbsent("k", utf8("v"));
    first.close();

    try (ObjectStore later = provider.open(URI.create("mem:" + name))) {
      assertEquals("v", later.get("k").orElseThrow().utf8());
    }
  }

  @Test
  @DisplayName("different names are different stores")
  void namesAreSeparate() {
    try (ObjectStore a = provider.open(URI.create("mem:" + name + "-a"));
        ObjectStore b = provider.open(URI.create("mem:" + name + "-b"))) {
      a.putIfAbsent("k", utf8("v"));

      assertTrue(b.get("k").isEmpty());
    }
  }

  @Test
  @DisplayName("a created store is reachable by its URI while it is open")
  void createdStoreReachableByUri() {
    try (InMemoryObjectStore created = InMemoryObjectStore.create();
        ObjectStore view = provider.open(created.uri())) {
      created.putIfAbsent("k", utf8("v"));

      assertEquals("v", view.get("k").orElseThrow().utf8());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem://a/b", "mem://a?x=1", "mem:a#f", "mem:a/b", "mem:.hidden",
      "mem:a%20b", "file:/tmp/x", "mem:///x"})
  @DisplayName("a malformed URI is refused with IllegalArgumentException")
  void malformedUrisAreRefused(String uri) {
    assertThrows(IllegalArgumentException.class, () -> provider.open(URI.create(uri)));
  }

  @Test
  @DisplayName("get of an object above MAX_GET_SIZE says to use open")
  void getAboveLimitSaysToUseOpen() {
    try (InMemoryObjectStore store = InMemoryObjectStore.create()) {
      store.putIfAbsent("big", new byte[ObjectStore.MAX_GET_SIZE + 1]);

      MlOpsException e = assertThrows(MlOpsException.class, () -> store.get("big"));
      assertTrue(e.getMessage().contains("open(key)"), e.getMessage());
    }
  }
}
