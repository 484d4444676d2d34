package dev.mlops.core.internal.storage;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * An append-only log of objects numbered 1, 2, 3… under one prefix ({@code <prefix><12 digits>}),
 * each number claimed by putIfAbsent, so writers in any number of threads and processes never
 * overwrite each other. The highest number known is a hint, checked forward on every read, so the
 * log follows other writers' appends.
 */
public final class NumberedObjects {
  private final ObjectStore store;
  private final String prefix;
  /** The highest number known to exist; -1 until the prefix was listed once. */
  private final AtomicLong knownLast = new AtomicLong(-1);

  /**
   * A log under a prefix; reads nothing yet.
   *
   * @param store the store
   * @param prefix the prefix, ending with {@code /}
   */
  public NumberedObjects(ObjectStore store, String prefix) {
    this.store = store;
    this.prefix = prefix;
  }

  /**
   * The key of a number.
   *
   * @param prefix the log's prefix
   * @param number the number
   * @return {@code prefix} and the number in 12 digits
   */
  public static String key(String prefix, long number) {
    return prefix + String.format("%012d", number);
  }

  /**
   * The key of a number in this log.
   *
   * @param number the number
   * @return its key
   */
  public String key(long number) {
    return key(prefix, number);
  }

  /**
   * The highest number stored, following other writers' appends past the known one.
   *
   * @return the number, 0 when the log is empty
   */
  public long last() {
    long last = knownLast.get();
    if (last < 0) {
      last = scanLast();
    }
    while (store.stat(key(last + 1)).isPresent()) {
      last++;
    }
    knownLast.accumulateAndGet(last, Math::max);
    return last;
  }

  /**
   * Stores an object under a number unless another writer took it.
   *
   * @param number the number to claim
   * @param bytes the object
   * @return {@code true} if this call stored it
   */
  public boolean claim(long number, byte[] bytes) {
    boolean created = store.putIfAbsent(key(number), bytes);
    if (created) {
      knownLast.accumulateAndGet(number, Math::max);
    }
    return created;
  }

  private long scanLast() {
    try (Stream<ObjectInfo> keys = store.list(prefix)) {
      return keys.map(info -> info.key().substring(prefix.length()))
          .filter(rest -> rest.matches("[0-9]{12}"))
          .mapToLong(Long::parseLong).max().orElse(0);
    }
  }
}
