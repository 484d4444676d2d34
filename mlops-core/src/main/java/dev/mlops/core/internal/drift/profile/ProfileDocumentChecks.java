package dev.mlops.core.internal.drift.profile;

import dev.mlops.core.internal.storage.DocumentChecks;

/** The drift detector's documents: the refs that name saved profiles. */
public final class ProfileDocumentChecks implements DocumentChecks {
  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public ProfileDocumentChecks() {}

  @Override
  public String name() {
    return "drift profiles";
  }

  @Override
  public boolean owns(String key) {
    return key.startsWith(ProfileStore.REF_PREFIX);
  }

  @Override
  public void check(String key, byte[] body) {
    ProfileStore.contentKey(key, body);
  }
}
