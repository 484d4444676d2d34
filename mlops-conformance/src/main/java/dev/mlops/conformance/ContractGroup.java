package dev.mlops.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Base of the kit's {@code @Nested} groups: reaches the store of the enclosing kit instance and
 * offers the small helpers the groups share.
 */
abstract class ContractGroup {
  /** The kit instance that opened the store; each nested class returns its enclosing instance. */
  abstract ObjectStoreContract kit();

  final ObjectStore store() {
    return kit().store();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static List<String> keys(ObjectStore store, String prefix) {
    try (Stream<ObjectInfo> listing = store.list(prefix)) {
      return listing.map(ObjectInfo::key).toList();
    }
  }

  static byte[] readAll(ObjectStore store, String key) {
    try (InputStream in = store.open(key)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that get and open both return {@code expected} for {@code key}. */
  static void assertContent(ObjectStore store, String key, byte[] expected) {
    Optional<StoredBytes> got = store.get(key);
    assertTrue(got.isPresent(), () -> "expected an object at '" + key + "'");
    assertArrayEquals(expected, got.get().bytes(), "get('" + key + "')");
    assertArrayEquals(expected, readAll(store, key), "open('" + key + "')");
  }
}
