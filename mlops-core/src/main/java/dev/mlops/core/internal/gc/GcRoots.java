package dev.mlops.core.internal.gc;

import dev.mlops.api.storage.ObjectStore;
import java.util.function.Consumer;

/**
 * One concern's part of the garbage collector's root set: everything that concern's refs keep
 * alive. Each concern that stores content objects registers an implementation as a service
 * ({@code META-INF/services/dev.mlops.core.internal.gc.GcRoots} in mlops-core), so the collector
 * never deletes what a concern still points to. Implementations must report every reachable
 * content key, or throw: a collector that cannot mark completely deletes nothing.
 */
public interface GcRoots {
  /**
   * Names the concern, for reports and errors.
   *
   * @return a short name such as {@code datasets}
   */
  String name();

  /**
   * Reports every content object (key under {@code objects/}) reachable from this concern's refs.
   * Reporting a key twice is fine.
   *
   * @param store the store to read refs and manifests from
   * @param reachable receives reachable object keys
   */
  void markReachable(ObjectStore store, Consumer<String> reachable);
}
