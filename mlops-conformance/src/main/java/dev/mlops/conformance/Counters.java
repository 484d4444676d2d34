package dev.mlops.conformance;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A counter kept in one object and incremented with {@link ObjectStore#compareAndSet}: the
 * linearizability check of the kit, reusable by tests that race several processes on one store
 * (each child JVM calls {@link #incrementWithCas}, the parent checks {@link #read}).
 *
 * <p>The object holds the count as decimal ASCII; an absent object counts as zero.
 */
public final class Counters {
  private Counters() {}

  /**
   * Adds one to the counter {@code times} times, each with a read, a compare-and-set, and a
   * retry after every lost race, backing off with jitter between retries.
   *
   * @param store the store holding the counter
   * @param key the counter's key
   * @param times how many increments to make, not negative
   * @return how many compare-and-sets lost a race and were retried
   * @throws IllegalArgumentException if {@code times} is negative
   */
  public static long incrementWithCas(ObjectStore store, String key, int times) {
    requireNonNull(store, "store");
    requireNonNull(key, "key");
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative, got " + times);
    }
    long lostRaces = 0;
    for (int i = 0; i < times; i++) {
      for (int losses = 0; ; losses++) {
        Optional<StoredBytes> current = store.get(key);
        long value = current.map(Counters::parse).orElse(0L);
        VersionToken expected = current.map(StoredBytes::token).orElse(VersionToken.ABSENT);
        byte[] next = Long.toString(value + 1).getBytes(StandardCharsets.US_ASCII);
        if (store.compareAndSet(key, expected, next).isPresent()) {
          break;
        }
        lostRaces++;
        backOff(losses);
      }
    }
    return lostRaces;
  }

  /**
   * Waits a random time that grows with the losses in a row (full jitter, capped at 2 ms): racing
   * writers that retry at once mostly lose again, which over a network store turns contention into
   * a storm of wasted requests.
   */
  private static void backOff(int lossesInARow) {
    long boundNanos = Math.min(2_000_000L, 20_000L << Math.min(lossesInARow, 10));
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, boundNanos));
  }

  /**
   * Reads the counter.
   *
   * @param store the store holding the counter
   * @param key the counter's key
   * @return the count, zero if the object is absent
   */
  public static long read(ObjectStore store, String key) {
    return store.get(key).map(Counters::parse).orElse(0L);
  }

  private static long parse(StoredBytes stored) {
    return Long.parseLong(stored.utf8());
  }
}
