package dev.mlops.core.internal.gc;

import dev.mlops.core.internal.storage.PrefixDocumentChecks;

/** The collector's documents: its state and the writers' leases. */
public final class GcDocumentChecks extends PrefixDocumentChecks {
  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public GcDocumentChecks() {
    super("garbage collection", CollectorState.KEY, WriteLease.PREFIX);
  }

  @Override
  public void check(String key, byte[] body) {
    LeaseDoc.decode(body, key);
  }
}
