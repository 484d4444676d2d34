package dev.mlops.core.internal.storage;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.conformance.ObjectStoreContract;

/** The in-memory store passes the conformance kit; it holds content in the heap by design. */
class InMemoryObjectStoreContractTest extends ObjectStoreContract {
  @Override
  protected ObjectStore newStore() {
    return InMemoryObjectStore.create();
  }

  @Override
  protected long largeObjectSize() {
    return 16L * 1024 * 1024;
  }

  @Override
  protected boolean streamsWithFlatMemory() {
    return false;
  }
}
