package dev.mlops.core.internal.registry;

import dev.mlops.core.internal.storage.PrefixDocumentChecks;

/** The registry's documents: version documents, stored gate versions and the entries of each model's history. */
public final class RegistryDocumentChecks extends PrefixDocumentChecks {
  private static final String LOGS = "logs/models/";

  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public RegistryDocumentChecks() {
    super("models", RegistryKeys.MODELS, LOGS);
  }

  @Override
  public void check(String key, byte[] body) {
    if (key.startsWith(LOGS)) {
      Docs.logEntry(body, key);
    } else if (RegistryKeys.isGate(key)) {
      Docs.gate(body, key);
    } else if (Docs.isSeal(body)) {
      Docs.seal(body, key);
    } else {
      Docs.version(body, key);
    }
  }
}
