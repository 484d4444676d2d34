package dev.mlops.core.internal.gc;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A store that records the writes made through it, in the order the store saw them, so tests can
 * assert what happened before what without depending on timing.
 */
final class RecordingStore implements ObjectStore {
  private final ObjectStore store;
  private final List<String> events = new ArrayList<>();

  RecordingStore(ObjectStore store) {
    this.store = store;
  }

  /** Returns the events so far: "put KEY", "cas KEY", "delete KEY", "list PREFIX". */
  synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** Returns the index of the first event equal to {@code event} or starting with it, or -1. */
  synchronized int indexOf(String event) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).startsWith(event)) {
        return i;
      }
    }
    return -1;
  }

  /** Counts the events that start with {@code event}. */
  synchronized long count(String event) {
    return events.stream().filter(e -> e.startsWith(event)).count();
  }

  private synchronized void record(String event) {
    events.add(event);
  }

  @Override
  public URI uri() {
    return store.uri();
  }

  @Override
  public InputStream open(String key) {
    return store.open(key);
  }

  @Override
  public Optional<StoredBytes> get(String key) {
    return store.get(key);
  }

  @Override
  public synchronized boolean putIfAbsent(String key, InputStream content) {
    boolean created = store.putIfAbsent(key, content);
    if (created) {
      record("put " + key);
    }
    return created;
  }

  @Override
  public synchronized Optional<VersionToken> compareAndSet(String key, VersionToken expected,
      byte[] content) {
    Optional<VersionToken> token = store.compareAndSet(key, expected, content);
    token.ifPresent(t -> record("cas " + key + " " + new String(content,
        java.nio.charset.StandardCharsets.UTF_8)));
    return token;
  }

  @Override
  public synchronized Stream<ObjectInfo> list(String prefix) {
    record("list " + prefix);
    return store.list(prefix).toList().stream();
  }

  @Override
  public synchronized boolean delete(String key) {
    boolean deleted = store.delete(key);
    if (deleted) {
      record("delete " + key);
    }
    return deleted;
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
