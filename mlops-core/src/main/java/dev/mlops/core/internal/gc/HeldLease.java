package dev.mlops.core.internal.gc;

import dev.mlops.api.ConflictException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import java.util.function.Supplier;

/**
 * A lease document this process holds (the collector's state, or a writer's lease): renewed by
 * compare-and-set, and trusted for {@code ttl - margin} after the start of its last successful
 * write, by this process's monotonic clock (see {@link LeaseTerms}). Not thread-safe: its owner
 * serializes the calls.
 */
final class HeldLease {
  private final ObjectStore store;
  private final String key;
  private final LeaseTerms terms;
  private final Supplier<ConflictException> lost;
  private LeaseDoc doc;
  private VersionToken token;
  private long renewedAt;

  /**
   * @param renewedAt {@link System#nanoTime()} taken before the write that created the lease
   * @param lost the failure to throw once the lease can no longer be trusted
   */
  HeldLease(ObjectStore store, String key, LeaseTerms terms, LeaseDoc doc, VersionToken token,
      long renewedAt, Supplier<ConflictException> lost) {
    this.store = store;
    this.key = key;
    this.terms = terms;
    this.doc = doc;
    this.token = token;
    this.renewedAt = renewedAt;
    this.lost = lost;
  }

  /** Renews the lease when a renewal is due. */
  void renewIfDue() {
    if (terms.due(renewedAt, System.nanoTime())) {
      renew();
    }
  }

  /** Renews the lease now; fails if it is no longer trusted or someone else changed it. */
  void renew() {
    requireTrusted();
    LeaseDoc next = doc.renewed();
    long before = System.nanoTime();
    token = store.compareAndSet(key, token, next.encode()).orElseThrow(lost);
    doc = next;
    renewedAt = before;
  }

  /** Renews the lease if due, then fails unless it is still trusted. */
  void check() {
    renewIfDue();
    requireTrusted();
  }

  private void requireTrusted() {
    if (!terms.trusted(renewedAt, System.nanoTime())) {
      throw lost.get();
    }
  }

  LeaseDoc doc() {
    return doc;
  }

  VersionToken token() {
    return token;
  }
}
