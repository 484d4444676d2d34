package dev.mlops.core.testing;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real store that a test wraps to step in on some calls: everything goes to the real store
 * unless a subclass overrides it.
 */
public abstract class ForwardingStore implements ObjectStore {
  /** The store that does the work; closed with this one. */
  protected final ObjectStore real;

  /**
   * Wraps a store.
   *
   * @param real the store that does the work
   */
  protected ForwardingStore(ObjectStore real) {
    this.real = real;
  }

  @Override
  public URI uri() {
    return real.uri();
  }

  @Override
  public InputStream open(String key) {
    return real.open(key);
  }

  @Override
  public Optional<StoredBytes> get(String key) {
    return real.get(key);
  }

  @Override
  public boolean putIfAbsent(String key, InputStream content) {
    return real.putIfAbsent(key, content);
  }

  @Override
  public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content) {
    return real.compareAndSet(key, expected, content);
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    return real.list(prefix);
  }

  @Override
  public boolean delete(String key) {
    return real.delete(key);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    return real.stat(key);
  }

  @Override
  public long removeAbandonedWrites() {
    return real.removeAbandonedWrites();
  }

  @Override
  public void close() {
    real.close();
  }
}
