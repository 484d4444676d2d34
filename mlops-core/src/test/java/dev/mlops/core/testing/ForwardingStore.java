package dev.mlops.core.testing;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.ForwardingObjectStore;

/**
 * A real store that a test wraps to step in on some calls: everything goes to the real store
 * unless a subclass overrides it.
 */
public abstract class ForwardingStore extends ForwardingObjectStore {
  /** The store that does the work; closed with this one. */
  protected final ObjectStore real;

  /**
   * Wraps a store.
   *
   * @param real the store that does the work
   */
  protected ForwardingStore(ObjectStore real) {
    super(real);
    this.real = real;
  }
}
