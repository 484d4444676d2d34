package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * A real store whose content reads ({@code objects/...}: model artifacts among them) wait until
 * the test opens the gate, so a test can look at the application while a model is loading.
 */
final class GatedStore implements ObjectStore {
  private final ObjectStore store;
  final CountDownLatch gate = new CountDownLatch(1);
  /** Counted down by the first content read that waits at the gate. */
  final CountDownLatch waiting = new CountDownLatch(1);
  /** When set, listings fail as an unreachable store's would. */
  volatile boolean unreachable;

  GatedStore(ObjectStore store) {
    this.store = store;
  }

  private void pass(String key) {
    if (key.startsWith("objects/") && gate.getCount() > 0) {
      waiting.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public URI uri() {
    return store.uri();
  }

  @Override
  public InputStream open(String key) {
    pass(key);
    return store.open(key);
  }

  @Override
  public Optional<StoredBytes> get(String key) {
    pass(key);
    return store.get(key);
  }

  @Override
  public boolean putIfAbsent(String key, InputStream content) {
    return store.putIfAbsent(key, content);
  }

  @Override
  public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content) {
    return store.compareAndSet(key, expected, content);
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    if (unreachable) {
      throw new StorageUnavailableException("test: the store does not answer");
    }
    return store.list(prefix);
  }

  @Override
  public boolean delete(String key) {
    return store.delete(key);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    return store.stat(key);
  }

  @Override
  public void close() {
    store.close();
  }
}
