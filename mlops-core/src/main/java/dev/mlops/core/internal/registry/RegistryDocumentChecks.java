package dev.mlops.core.internal.registry;

import dev.mlops.core.internal.storage.DocumentChecks;

/** The registry's documents: version documents and the entries of each model's history. */
public final class RegistryDocumentChecks implements DocumentChecks {
  private static final String LOGS = "logs/models/";

  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public RegistryDocumentChecks() {}

  @Override
  public String name() {
    return "models";
  }

  @Override
  public boolean owns(String key) {
    return key.startsWith(RegistryKeys.MODELS) || key.startsWith(LOGS);
  }

  @Override
  public void check(String key, byte[] body) {
    if (key.startsWith(LOGS)) {
      Docs.logEntry(body, key);
    } else {
      Docs.version(body, key);
    }
  }
}
