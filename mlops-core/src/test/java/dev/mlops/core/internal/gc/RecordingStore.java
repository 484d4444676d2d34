package dev.mlops.core.internal.gc;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.storage.ForwardingObjectStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A store that records the writes made through it, in the order the store saw them, so tests can
 * assert what happened before what without depending on timing.
 */
final class RecordingStore extends ForwardingObjectStore {
  private final List<String> events = new ArrayList<>();

  RecordingStore(ObjectStore store) {
    super(store);
  }

  /** Returns the events so far: "put KEY", "cas KEY CONTENT", "delete KEY", "list PREFIX". */
  synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** Returns the index of the first event that starts with {@code event}, or -1. */
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

  private void record(String event) {
    events.add(event);
  }

  @Override
  public synchronized boolean putIfAbsent(String key, InputStream content) {
    boolean created = super.putIfAbsent(key, content);
    if (created) {
      record("put " + key);
    }
    return created;
  }

  @Override
  public synchronized Optional<VersionToken> compareAndSet(String key, VersionToken expected,
      byte[] content) {
    Optional<VersionToken> token = super.compareAndSet(key, expected, content);
    token.ifPresent(t -> record("cas " + key + " " + new String(content, StandardCharsets.UTF_8)));
    return token;
  }

  @Override
  public synchronized Stream<ObjectInfo> list(String prefix) {
    record("list " + prefix);
    return super.list(prefix).toList().stream();
  }

  @Override
  public synchronized boolean delete(String key) {
    boolean deleted = super.delete(key);
    if (deleted) {
      record("delete " + key);
    }
    return deleted;
  }
}
