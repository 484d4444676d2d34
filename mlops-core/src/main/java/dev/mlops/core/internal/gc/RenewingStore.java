package dev.mlops.core.internal.gc;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.storage.ForwardingObjectStore;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The store as the roots see it during a collection: read-only, and every call first renews the
 * collection's state when a renewal is due, so marking a large store never outlives the
 * collection's lease however long a concern's marking takes.
 */
final class RenewingStore extends ForwardingObjectStore {
  private final CollectorState state;

  RenewingStore(ObjectStore store, CollectorState state) {
    super(store);
    this.state = state;
  }

  @Override
  public InputStream open(String key) {
    state.renewIfDue();
    return super.open(key);
  }

  @Override
  public Optional<StoredBytes> get(String key) {
    state.renewIfDue();
    return super.get(key);
  }

  @Override
  public boolean putIfAbsent(String key, InputStream content) {
    throw readOnly();
  }

  @Override
  public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content) {
    throw readOnly();
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    state.renewIfDue();
    return super.list(prefix).peek(info -> state.renewIfDue());
  }

  @Override
  public boolean delete(String key) {
    throw readOnly();
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    state.renewIfDue();
    return super.stat(key);
  }

  @Override
  public boolean exists(String key) {
    state.renewIfDue();
    return super.exists(key);
  }

  @Override
  public long removeAbandonedWrites() {
    throw readOnly();
  }

  @Override
  public void close() {
    // the collector's caller owns the store
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("garbage collection roots only read the store");
  }
}
