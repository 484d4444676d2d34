package dev.mlops.core.internal.storage;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A store that passes every call to another one, for views that step in on some calls (the sealed
 * view of documents, the tracing view of store verification): a subclass overrides what it
 * changes. {@link #putIfAbsent(String, byte[])} is left to the interface's default, so it goes
 * through {@link #putIfAbsent(String, InputStream)}. {@link #close()} closes the store below.
 */
public abstract class ForwardingObjectStore implements ObjectStore {
  private final ObjectStore delegate;

  /**
   * Wraps a store.
   *
   * @param delegate the store that does the work
   */
  protected ForwardingObjectStore(ObjectStore delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  /**
   * Returns the store below this view.
   *
   * @return the store that does the work
   */
  protected final ObjectStore delegate() {
    return delegate;
  }

  @Override
  public URI uri() {
    return delegate.uri();
  }

  @Override
  public InputStream open(String key) {
    return delegate.open(key);
  }

  @Override
  public Optional<StoredBytes> get(String key) {
    return delegate.get(key);
  }

  @Override
  public boolean putIfAbsent(String key, InputStream content) {
    return delegate.putIfAbsent(key, content);
  }

  @Override
  public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content) {
    return delegate.compareAndSet(key, expected, content);
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    return delegate.list(prefix);
  }

  @Override
  public boolean delete(String key) {
    return delegate.delete(key);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    return delegate.stat(key);
  }

  @Override
  public boolean exists(String key) {
    return delegate.exists(key);
  }

  @Override
  public long removeAbandonedWrites() {
    return delegate.removeAbandonedWrites();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
