package dev.mlops.core.internal.gc;

import dev.mlops.api.ConflictException;
import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The collector's side of the lease protocol: the document {@value #KEY}, which says whether a
 * collection is sweeping. A collection takes it (compare-and-set to {@code sweeping}), renews it
 * while it works, checks before every delete that it still holds it, and sets it back to
 * {@code idle}. Writers read it before they write content (see {@link WriteLease}).
 *
 * <p>Not thread-safe: one collection, one thread.
 */
final class CollectorState implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CollectorState.class);
  static final String KEY = "refs/gc/state";
  static final String CLOCK = "refs/gc/clock/";
  static final String SWEEPING = "sweeping";
  static final String IDLE = "idle";

  private final ObjectStore store;
  private final LeaseTerms terms;
  private final HeldLease lease;
  private boolean released;

  private CollectorState(ObjectStore store, LeaseTerms terms, LeaseDoc doc, VersionToken token,
      long renewedAt) {
    this.store = store;
    this.terms = terms;
    this.lease = new HeldLease(store, KEY, terms, doc, token, renewedAt, this::lost);
  }

  /** What a reader of the state sees: the document and when the store last wrote it. */
  record Snapshot(LeaseDoc doc, VersionToken token, Instant written) {
    boolean sweeping() {
      return doc.phase().equals(SWEEPING);
    }

    /**
     * Tells whether its holder stopped renewing it longer than a lease ago, by the store's clock.
     */
    boolean expiredAt(Instant storeNow, LeaseTerms terms) {
      return written.plus(terms.ttl()).isBefore(storeNow);
    }
  }

  /**
   * Reads the state: empty before the first collection of a store.
   */
  static Optional<Snapshot> read(ObjectStore store) {
    while (true) {
      Optional<ObjectInfo> info = store.stat(KEY);
      if (info.isEmpty()) {
        return Optional.empty();
      }
      Optional<StoredBytes> bytes = store.get(KEY);
      if (bytes.isPresent() && info.get().token().filter(bytes.get().token()::equals).isPresent()) {
        return Optional.of(new Snapshot(LeaseDoc.decode(bytes.get().bytes(), KEY),
            bytes.get().token(), info.get().lastModified()));
      }
      // Renewed between the two reads: read both again.
    }
  }

  /**
   * Reads the store's clock: writes a scratch object and returns the time the store gave it.
   */
  static Instant storeNow(ObjectStore store) {
    String key = CLOCK + UUID.randomUUID();
    store.putIfAbsent(key, new byte[0]);
    try {
      return store.stat(key).orElseThrow(() -> new StorageUnavailableException("The store lost '"
          + key + "' right after writing it; check the store's health")).lastModified();
    } finally {
      store.delete(key);
    }
  }

  /**
   * Takes the state for a collection.
   *
   * @throws ConflictException if another collection holds it and renews it
   */
  static CollectorState take(ObjectStore store, LeaseTerms terms, String purpose) {
    LeaseDoc mine = LeaseDoc.of(SWEEPING, UUID.randomUUID().toString(), purpose);
    while (true) {
      Optional<Snapshot> current = read(store);
      if (current.isPresent() && current.get().sweeping() && !current.get().doc().holderEnded()
          && !current.get().expiredAt(storeNow(store), terms)) {
        throw new ConflictException("Another garbage collection is running: "
            + current.get().doc().describe() + "; wait for it to end, then collect again");
      }
      VersionToken expected = current.map(Snapshot::token).orElse(VersionToken.ABSENT);
      long before = System.nanoTime();
      Optional<VersionToken> taken = store.compareAndSet(KEY, expected, mine.encode());
      if (taken.isPresent()) {
        return new CollectorState(store, terms, mine, taken.get(), before);
      }
      // Another collector changed it meanwhile: look again.
    }
  }

  /** Renews the state if a renewal is due; fails if it was lost (taken over after a long pause). */
  void renewIfDue() {
    lease.renewIfDue();
  }

  /**
   * Renews the state now and returns the store's time of the renewal: every lease written before
   * it has a time at or before it.
   */
  Instant renewAndReadStoreTime() {
    lease.renew();
    return store.stat(KEY).filter(info -> info.token().filter(lease.token()::equals).isPresent())
        .orElseThrow(this::lost).lastModified();
  }

  /**
   * Fails unless the state is still trusted: called before every delete, so a collection paused
   * past its lease never deletes (writers may have gone on meanwhile).
   */
  void checkHeld() {
    lease.check();
  }

  private ConflictException lost() {
    return new ConflictException("This garbage collection paused for longer than its lease ("
        + terms.ttl().minus(terms.margin()).toSeconds() + " s) and stopped before deleting more,"
        + " because writers may have gone on meanwhile; run it again");
  }

  /** Sets the state back to idle (idempotent); a lost state is left to whoever took it. */
  @Override
  public void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      store.compareAndSet(KEY, lease.token(), lease.doc().withPhase(IDLE).encode());
    } catch (RuntimeException e) {
      // Writers wait at most a lease for a state nobody renews; the collection's own outcome counts.
      LOG.warn("Could not mark the garbage collection as ended in {}; writers wait until its lease"
          + " ({}) runs out", KEY, terms.ttl(), e);
    }
  }

  /** How long a lease lives, for messages. */
  Duration ttl() {
    return terms.ttl();
  }
}
