package dev.mlops.core.internal.gc;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Mark and sweep over content objects: mark everything the registered {@link GcRoots} reach, then
 * delete objects under {@code objects/} that nothing reaches and that are older than the grace
 * period. The grace period protects writers in flight: they store objects first and point to them
 * last, so a young unreferenced object may be about to be referenced.
 *
 * <p>Limitation: a writer that re-uses an old unreferenced chunk (deduplication found it) while a
 * collection deletes it would point to a missing chunk; readers then fail with an integrity error
 * naming it. Collect when no commit of the same data is running, or keep the default grace period.
 */
public final class GarbageCollector {
  /** The default grace period: 24 hours. */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

  private static final String OBJECTS = "objects/";

  private final ObjectStore store;
  private final List<GcRoots> roots;
  private final Clock clock;

  /**
   * Creates a collector over explicit roots.
   *
   * @param store the store to collect
   * @param roots every concern's roots
   * @param clock the clock the grace period is measured by
   */
  public GarbageCollector(ObjectStore store, List<GcRoots> roots, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.roots = List.copyOf(roots);
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Creates a collector over the roots registered as services.
   *
   * @param store the store to collect
   * @param clock the clock the grace period is measured by
   * @return the collector
   */
  public static GarbageCollector withRegisteredRoots(ObjectStore store, Clock clock) {
    List<GcRoots> found = ServiceLoader.load(GcRoots.class, GarbageCollector.class.getClassLoader())
        .stream().map(ServiceLoader.Provider::get).toList();
    return new GarbageCollector(store, found, clock);
  }

  /**
   * Runs one collection.
   *
   * @param grace objects younger than this are kept even when unreachable; not negative
   * @param dryRun report only, delete nothing
   * @return what was (or would be) collected
   * @throws MlOpsException if a concern cannot mark its objects; then nothing is deleted
   */
  public GcReport collect(Duration grace, boolean dryRun) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative, got " + grace);
    }
    Instant cutoff = clock.instant().minus(grace);
    Set<String> marked = new HashSet<>();
    for (GcRoots root : roots) {
      try {
        root.markReachable(store, marked::add);
      } catch (RuntimeException e) {
        throw new MlOpsException("Garbage collection stopped before deleting anything: the "
            + root.name() + " roots could not be marked (" + e.getMessage() + "); fix that first,"
            + " for example with 'mlops store verify'", e);
      }
    }
    long reachable = 0;
    long young = 0;
    long collected = 0;
    long bytes = 0;
    try (Stream<ObjectInfo> objects = store.list(OBJECTS)) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) objects::iterator) {
        if (marked.contains(info.key())) {
          reachable++;
        } else if (!info.lastModified().isBefore(cutoff)) {
          young++;
        } else {
          if (!dryRun) {
            store.delete(info.key());
          }
          collected++;
          bytes += info.size();
        }
      }
    }
    return new GcReport(dryRun, reachable, young, collected, bytes);
  }
}
