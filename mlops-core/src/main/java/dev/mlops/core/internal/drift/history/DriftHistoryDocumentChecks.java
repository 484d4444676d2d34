package dev.mlops.core.internal.drift.history;

import dev.mlops.core.internal.storage.PrefixDocumentChecks;

/** The drift histories' documents: one recorded report each. */
public final class DriftHistoryDocumentChecks extends PrefixDocumentChecks {
  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public DriftHistoryDocumentChecks() {
    super("drift histories", DriftHistoryLog.ROOT);
  }

  @Override
  public void check(String key, byte[] body) {
    DriftRecordCodec.decode(key, body);
  }
}
