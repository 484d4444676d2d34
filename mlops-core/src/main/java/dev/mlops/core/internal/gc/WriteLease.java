package dev.mlops.core.internal.gc;

import dev.mlops.api.ConflictException;
import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A content writer's side of the lease protocol. A writer that stores content objects (or finds
 * them already stored) and then publishes a ref to them holds a lease, an object under
 * {@value #PREFIX}, from before its first existence check until after its publishing write. The
 * garbage collector waits until no trusted lease is left before it marks, and writers do not start
 * while a collection sweeps, so a collection never deletes an object that a writer found, or
 * wrote, and is about to point to. The argument is in {@code docs/architecture.md}.
 *
 * <p>Thread-safe: the threads of one commit share its lease.
 */
public final class WriteLease implements AutoCloseable {
  /** Where writers' leases live. */
  public static final String PREFIX = "refs/gc/writers/";

  private final ObjectStore store;
  private final LeaseTerms terms;
  private final String key;
  private final HeldLease lease;
  private boolean closed;

  private WriteLease(ObjectStore store, LeaseTerms terms, String key, LeaseDoc doc,
      VersionToken token, long renewedAt) {
    this.store = store;
    this.terms = terms;
    this.key = key;
    this.lease = new HeldLease(store, key, terms, doc, token, renewedAt, this::lapsed);
  }

  /**
   * Takes a lease, first waiting while a collection sweeps.
   *
   * @param store the store written to
   * @param purpose what the writer does, for the collector's messages
   * @return the lease, to close after the publishing write
   * @throws StorageUnavailableException if a collection sweeps for longer than the wait allows
   */
  public static WriteLease acquire(ObjectStore store, String purpose) {
    return acquire(store, purpose, LeaseTerms.DEFAULT);
  }

  static WriteLease acquire(ObjectStore store, String purpose, LeaseTerms terms) {
    long start = System.nanoTime();
    long pause = TimeUnit.MILLISECONDS.toNanos(20);
    while (true) {
      LeaseDoc doc = LeaseDoc.of("writing", UUID.randomUUID().toString(), purpose);
      String key = PREFIX + doc.holder();
      long before = System.nanoTime();
      store.putIfAbsent(key, doc.encode());
      // Written before the state is read: a collection that starts later lists this lease.
      Optional<CollectorState.Snapshot> state = CollectorState.read(store);
      Optional<ObjectInfo> mine = store.stat(key);
      if (mine.isEmpty()) {
        continue; // removed as expired by a collection: this process paused for a whole lease
      }
      if (state.isEmpty() || !state.get().sweeping() || state.get().doc().holderEnded()
          || state.get().expiredAt(mine.get().lastModified(), terms)) {
        VersionToken token = mine.get().token().orElseGet(() -> store.get(key).orElseThrow().token());
        return new WriteLease(store, terms, key, doc, token, before);
      }
      store.delete(key); // a live collection sweeps: let it finish
      if (System.nanoTime() - start > terms.maxWait().toNanos()) {
        throw new StorageUnavailableException("A garbage collection (" + state.get().doc().describe()
            + ") has been sweeping this store for more than " + terms.maxWait().toMinutes()
            + " minutes, and writes wait for it; retry when it has ended");
      }
      sleep(pause);
      pause = Math.min(pause * 2, TimeUnit.SECONDS.toNanos(1));
    }
  }

  /** Renews the lease when a renewal is due; a long write calls this as it goes. */
  public synchronized void renewIfDue() {
    if (!closed) {
      lease.renewIfDue();
    }
  }

  /**
   * Fails unless the lease is still trusted; called right before the write that publishes, so a
   * writer that paused past its lease (a collection may have run meanwhile) publishes nothing.
   *
   * @throws ConflictException if the lease may have lapsed
   */
  public synchronized void checkBeforePublish() {
    lease.check();
  }

  private ConflictException lapsed() {
    return new ConflictException("This write paused for longer than its lease ("
        + terms.ttl().minus(terms.margin()).toSeconds() + " s) while a garbage collection could run,"
        + " so it published nothing: objects it found stored may be gone. Run it again");
  }

  /** Ends the lease (idempotent). */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      store.delete(key);
    }
  }

  /** The lease's key, for tests. */
  String key() {
    return key;
  }

  /** Tells whether a lease's last renewal is more than a lease ago by the store's clock. */
  static boolean expired(ObjectInfo lease, Instant storeNow, LeaseTerms terms) {
    return lease.lastModified().plus(terms.ttl()).isBefore(storeNow);
  }

  private static void sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("Interrupted while waiting for a garbage collection to"
          + " end; nothing was written");
    }
  }
}
