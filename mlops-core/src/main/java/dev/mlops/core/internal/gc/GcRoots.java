package dev.mlops.core.internal.gc;

import java.util.List;

/**
 * One concern's part of the garbage collector's root set. Each concern that keeps refs or logs in
 * a store registers an implementation as a service
 * ({@code META-INF/services/dev.mlops.core.internal.gc.GcRoots} in mlops-core) and names the areas
 * it owns, so the collector knows every area of a store: when a store holds an area no registered
 * roots own (written by a newer mlops, or by a concern missing from the class path), the collector
 * deletes nothing rather than guess what that area references.
 *
 * <p>Implementations must report every content object their refs reach, or throw: a collector
 * that cannot mark completely deletes nothing.
 */
public interface GcRoots {
  /**
   * Names the concern, for reports and errors.
   *
   * @return a short name such as {@code datasets}
   */
  String name();

  /**
   * Returns the areas of the store this concern owns: key prefixes of two segments under
   * {@code refs/} or {@code logs/}, such as {@code refs/datasets/}.
   *
   * @return the prefixes, each ending in {@code /}
   */
  List<String> areas();

  /**
   * Reports every content object (key under {@code objects/}) and every dataset version that this
   * concern's refs reach. Reporting a key twice is fine.
   *
   * @param scope the store and the grace cutoff
   * @param marks receives what is reachable
   */
  void mark(GcScope scope, GcMarks marks);

  /**
   * Called once every concern has marked: reports the objects that the marked dataset versions
   * reach (their manifests, chunks, parents, bases). Only the datasets' roots do this.
   *
   * @param scope the store and the grace cutoff
   * @param marks what is reachable so far; receives more
   */
  default void expand(GcScope scope, GcMarks marks) {}

  /**
   * Returns refs of this concern that point only at what the collection is about to delete (a
   * dataset's records of versions nothing reaches); they are deleted before the objects, so a
   * crash in between never leaves a ref to a missing object.
   *
   * @param scope the store and the grace cutoff
   * @param marks everything reachable
   * @return the ref keys to delete
   */
  default List<String> unreachableRefs(GcScope scope, GcMarks marks) {
    return List.of();
  }
}
