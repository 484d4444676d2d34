package dev.mlops.core.internal.storage;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.conformance.ObjectStoreProperties;

/** The in-memory store keeps the conformance kit's invariants for any input. */
class InMemoryObjectStorePropertiesTest extends ObjectStoreProperties {
  @Override
  protected ObjectStore newStore() {
    return InMemoryObjectStore.create();
  }
}
