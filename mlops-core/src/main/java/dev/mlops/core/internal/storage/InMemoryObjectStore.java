package dev.mlops.core.internal.storage;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectKeys;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.content.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * An {@link ObjectStore} that holds every object in the heap, for tests and quick experiments. It
 * is a real store, not a mock: it passes the conformance kit, except that it is not durable (the
 * content is lost when the JVM exits) and that content lives in memory by design, so
 * {@link #putIfAbsent(String, InputStream)} buffers the whole stream.
 *
 * <p>Every in-memory store has a name. {@link #named} (what {@code mem:name} URIs open) returns a
 * new view of the objects registered under that name, so two {@code MlOps} instances in one JVM
 * opened on {@code mem:shared} see each other's writes; named objects stay until the JVM exits.
 * {@link #create()} makes a store under a fresh name, unregistered when that store is closed.
 * Closing a view makes only that view unusable.
 *
 * <p>Thread-safe. {@link #compareAndSet} is linearizable; tokens are the hex SHA-256 of the
 * content, as in the file system store. Objects are limited to {@link #MAX_OBJECT_SIZE} bytes.
 */
public final class InMemoryObjectStore implements ObjectStore {
  /** The largest object this store holds: the largest Java array. */
  public static final int MAX_OBJECT_SIZE = Integer.MAX_VALUE - 8;

  private static final ConcurrentMap<String, ConcurrentNavigableMap<String, Entry>> NAMED =
      new ConcurrentHashMap<>();
  private static final AtomicLong ANONYMOUS = new AtomicLong();

  private final URI uri;
  private final String name;
  private final ConcurrentNavigableMap<String, Entry> objects;
  private final boolean owner;
  private volatile boolean closed;

  private InMemoryObjectStore(URI uri, String name, ConcurrentNavigableMap<String, Entry> objects,
      boolean owner) {
    this.uri = uri;
    this.name = name;
    this.objects = objects;
    this.owner = owner;
  }

  /**
   * Creates an empty store under a fresh name {@code anonymous-N}. While it is open,
   * {@code mem:anonymous-N} opens views of it; closing it unregisters the name.
   *
   * @return the new store
   */
  public static InMemoryObjectStore create() {
    while (true) {
      String name = "anonymous-" + ANONYMOUS.incrementAndGet();
      ConcurrentNavigableMap<String, Entry> objects = new ConcurrentSkipListMap<>();
      if (NAMED.putIfAbsent(name, objects) == null) {
        return new InMemoryObjectStore(URI.create("mem:" + name), name, objects, true);
      }
    }
  }

  /**
   * Opens a view of the objects registered under {@code name}, registering an empty set of
   * objects if the name is new.
   *
   * @param uri the URI the store was opened from, returned by {@link #uri()}
   * @param name the store's name, one key segment of {@link ObjectKeys}
   * @return a new view
   * @throws IllegalArgumentException if the name is not one key segment
   */
  public static InMemoryObjectStore named(URI uri, String name) {
    requireNonNull(uri, "uri");
    requireNonNull(name, "name");
    if (name.contains("/") || !ObjectKeys.isValidKey(name)) {
      throw new IllegalArgumentException("Invalid in-memory store name '" + name + "' in '" + uri
          + "': use 1 to " + ObjectKeys.MAX_SEGMENT_LENGTH + " of A-Z a-z 0-9 _ - . =, starting"
          + " with a letter, digit or '_', as in mem:experiments");
    }
    return new InMemoryObjectStore(uri, name,
        NAMED.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>()), false);
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public InputStream open(String key) {
    Entry entry = objects.get(checked(key));
    if (entry == null) {
      throw new NotFoundException("No object '" + key + "' in " + uri + "; list the store to see"
          + " what exists");
    }
    return new ByteArrayInputStream(entry.content);
  }

  @Override
  public Optional<StoredBytes> get(String key) {
    Entry entry = objects.get(checked(key));
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.content.length > MAX_GET_SIZE) {
      throw new MlOpsException("Object '" + key + "' in " + uri + " is " + entry.content.length
          + " bytes, more than get() returns (" + MAX_GET_SIZE + "); read it with open(key)");
    }
    return Optional.of(StoredBytes.of(entry.content, entry.token));
  }

  @Override
  public boolean putIfAbsent(String key, InputStream content) {
    checked(key);
    requireNonNull(content, "content");
    return objects.putIfAbsent(key, new Entry(readAll(key, content))) == null;
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    checked(key);
    requireNonNull(content, "content");
    return objects.putIfAbsent(key, new Entry(content.clone())) == null;
  }

  @Override
  public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content) {
    checked(key);
    requireNonNull(expected, "expected");
    requireNonNull(content, "content");
    if (content.length > MAX_GET_SIZE) {
      throw new IllegalArgumentException("compareAndSet takes at most " + MAX_GET_SIZE
          + " bytes, got " + content.length + "; store large content with putIfAbsent");
    }
    Entry next = new Entry(content.clone());
    if (expected.isAbsent()) {
      return objects.putIfAbsent(key, next) == null ? Optional.of(next.token) : Optional.empty();
    }
    while (true) {
      Entry current = objects.get(key);
      if (current == null || !current.token.equals(expected)) {
        return Optional.empty();
      }
      // Entries compare by identity: this fails if another writer replaced the entry, even with
      // equal content, and the loop then decides again on what is there now.
      if (objects.replace(key, current, next)) {
        return Optional.of(next.token);
      }
    }
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    ObjectKeys.requireValidPrefix(prefix);
    ensureOpen();
    return objects.tailMap(prefix, true).entrySet().stream()
        .takeWhile(e -> e.getKey().startsWith(prefix))
        .map(e -> e.getValue().info(e.getKey()));
  }

  @Override
  public boolean delete(String key) {
    return objects.remove(checked(key)) != null;
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    return Optional.ofNullable(objects.get(checked(key))).map(e -> e.info(key));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (owner) {
        NAMED.remove(name, objects);
      }
    }
  }

  @Override
  public String toString() {
    return "InMemoryObjectStore[" + uri + ", " + objects.size() + " objects]";
  }

  private String checked(String key) {
    ObjectKeys.requireValidKey(key);
    ensureOpen();
    return key;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The in-memory store " + uri + " is closed; open "
          + uri + " again for a new view of its objects");
    }
  }

  private byte[] readAll(String key, InputStream content) {
    try {
      byte[] bytes = content.readNBytes(MAX_OBJECT_SIZE);
      if (content.read() >= 0) {
        throw new MlOpsException("Object '" + key + "' is larger than the in-memory store holds ("
            + MAX_OBJECT_SIZE + " bytes); nothing was stored. Use a file: or s3: store");
      }
      return bytes;
    } catch (IOException e) {
      throw new MlOpsException("Could not read the content for '" + key + "' in " + uri + ": "
          + e.getMessage() + "; nothing was stored", e);
    }
  }

  /** One object: its content, never exposed or changed, and what stat reports about it. */
  private static final class Entry {
    final byte[] content;
    final VersionToken token;
    final Instant written = Instant.now();

    Entry(byte[] content) {
      this.content = content;
      this.token = VersionToken.of(Sha256.hex(content));
    }

    ObjectInfo info(String key) {
      return new ObjectInfo(key, content.length, Optional.of(token), written);
    }
  }
}
