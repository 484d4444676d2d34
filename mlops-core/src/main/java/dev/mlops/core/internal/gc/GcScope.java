package dev.mlops.core.internal.gc;

import dev.mlops.api.storage.ObjectStore;
import java.time.Instant;

/**
 * What a collection's roots work on.
 *
 * @param store the store, read by the roots
 * @param cutoff what was written at or after this instant is young and kept (the grace period)
 */
public record GcScope(ObjectStore store, Instant cutoff) {
  /**
   * Tells whether something written at {@code time} is young enough to keep.
   *
   * @param time when it was written
   * @return whether it is within the grace period
   */
  public boolean young(Instant time) {
    return !time.isBefore(cutoff);
  }
}
