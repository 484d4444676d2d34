package dev.mlops.core.internal.gc;

import java.time.Duration;

/**
 * The timing of the leases that keep the garbage collector and content writers apart (see
 * {@link WriteLease} and {@link CollectorState}).
 *
 * <p>A lease object's age is read from the store's own clock (the object's last-modified time
 * against a fresh object's), so clocks of different machines never meet. Its holder counts with
 * its own monotonic clock from just before its last write of the lease, and stops trusting the
 * lease {@code margin} before {@code ttl} has passed: the margin covers a request still in flight
 * when the holder checked, S3's one-second truncation of times, and a store clock running a
 * little fast.
 *
 * @param ttl how long a lease lives after its last renewal, by the store's clock
 * @param margin how long before the end of {@code ttl} its holder stops trusting it
 * @param renewEvery how often a busy holder renews it
 * @param maxWait how long a writer waits for a collection, or a collection for writers, before
 *     giving up
 */
record LeaseTerms(Duration ttl, Duration margin, Duration renewEvery, Duration maxWait) {
  /** 60 s leases, trusted for 40 s, renewed every 10 s; waits of up to 10 minutes. */
  static final LeaseTerms DEFAULT = new LeaseTerms(Duration.ofSeconds(60), Duration.ofSeconds(20),
      Duration.ofSeconds(10), Duration.ofMinutes(10));

  LeaseTerms {
    if (margin.compareTo(ttl) >= 0 || renewEvery.compareTo(ttl.minus(margin)) >= 0) {
      throw new IllegalArgumentException("a lease must be renewed before it stops being trusted: "
          + "ttl " + ttl + ", margin " + margin + ", renewEvery " + renewEvery);
    }
  }

  /** Tells whether a lease last renewed at {@code renewedAt} (System.nanoTime) is still trusted. */
  boolean trusted(long renewedAt, long now) {
    return now - renewedAt < ttl.minus(margin).toNanos();
  }

  /** Tells whether a lease last renewed at {@code renewedAt} is due for renewal. */
  boolean due(long renewedAt, long now) {
    return now - renewedAt >= renewEvery.toNanos();
  }
}
