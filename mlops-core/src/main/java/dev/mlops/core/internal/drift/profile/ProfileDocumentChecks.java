package dev.mlops.core.internal.drift.profile;

import dev.mlops.core.internal.storage.PrefixDocumentChecks;

/** The drift detector's documents: the refs that name saved profiles. */
public final class ProfileDocumentChecks extends PrefixDocumentChecks {
  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public ProfileDocumentChecks() {
    super("drift profiles", ProfileStore.REF_PREFIX);
  }

  @Override
  public void check(String key, byte[] body) {
    ProfileStore.contentKey(key, body);
  }
}
