package dev.mlops.core.internal.gc;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.ConflictException;
import dev.mlops.api.MlOpsException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.GcReport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Mark and sweep over the whole store. Every concern's {@link GcRoots} marks what its refs reach;
 * objects under the collected prefixes that nothing reaches and that are older than the grace
 * period are deleted, with the refs that pointed only at them.
 *
 * <p>Safe beside writers in other processes and machines: a collection takes the
 * {@link CollectorState}, waits until no writer holds a {@link WriteLease}, and only then marks
 * and deletes, while new writers wait for it to end. The grace period is therefore not what keeps
 * writers safe (it may be zero); it keeps what was written recently, as git's prune does.
 *
 * <p>It deletes nothing when the store holds an area ({@code refs/x/}, {@code logs/x/}) that no
 * registered roots own, or when a concern cannot mark.
 */
public final class GarbageCollector {
  /** The default grace period: 24 hours. */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

  /** The prefixes whose objects a collection may delete: content objects and table sketches. */
  static final List<String> COLLECTED = List.of("objects/sha256/", "objects/sketches/");

  private final ObjectStore store;
  private final List<GcRoots> roots;
  private final Clock clock;
  private final LeaseTerms terms;

  /**
   * Creates a collector over explicit roots.
   *
   * @param store the store to collect
   * @param roots every concern's roots
   * @param clock the clock the grace period is measured by
   */
  public GarbageCollector(ObjectStore store, List<GcRoots> roots, Clock clock) {
    this(store, roots, clock, LeaseTerms.DEFAULT);
  }

  GarbageCollector(ObjectStore store, List<GcRoots> roots, Clock clock, LeaseTerms terms) {
    this.store = requireNonNull(store, "store");
    this.roots = List.copyOf(roots);
    this.clock = requireNonNull(clock, "clock");
    this.terms = requireNonNull(terms, "terms");
  }

  /**
   * Creates a collector over the roots registered as services.
   *
   * @param store the store to collect
   * @param clock the clock the grace period is measured by
   * @return the collector
   */
  public static GarbageCollector withRegisteredRoots(ObjectStore store, Clock clock) {
    return new GarbageCollector(store, registeredRoots(), clock);
  }

  /**
   * Returns the roots registered as services.
   *
   * @return every concern's roots
   */
  public static List<GcRoots> registeredRoots() {
    return ServiceLoader.load(GcRoots.class, GarbageCollector.class.getClassLoader())
        .stream().map(ServiceLoader.Provider::get).toList();
  }

  /**
   * Runs one collection.
   *
   * @param grace objects younger than this are kept even when unreachable; not negative
   * @param dryRun report only, delete nothing (and do not wait for writers)
   * @return what was (or would be) collected
   * @throws MlOpsException if the store holds an area no concern owns, or a concern cannot mark
   *     its objects; then nothing is deleted
   * @throws ConflictException if another collection is running, or writers hold their leases for
   *     longer than the wait allows
   */
  public GcReport collect(Duration grace, boolean dryRun) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative, got " + grace);
    }
    requireKnownAreas();
    if (dryRun) {
      return sweep(store, new GcScope(store, clock.instant().minus(grace)), null);
    }
    try (CollectorState state = CollectorState.take(store, terms, "garbage collection")) {
      waitForWriters(state);
      ObjectStore renewing = new RenewingStore(store, state);
      return sweep(renewing, new GcScope(renewing, clock.instant().minus(grace)), state);
    }
  }

  /**
   * Marks everything reachable from every concern's refs, without deleting anything.
   *
   * @param cutoff what was written at or after this instant counts as young
   * @return the marks
   * @throws MlOpsException if a concern cannot mark
   */
  public GcMarks markAll(java.time.Instant cutoff) {
    return mark(new GcScope(store, cutoff));
  }

  private void requireKnownAreas() {
    Set<String> owned = new HashSet<>();
    owned.add("refs/gc/");
    roots.forEach(root -> owned.addAll(root.areas()));
    Set<String> unknown = StoreAreas.unknown(store, owned);
    if (!unknown.isEmpty()) {
      throw new MlOpsException("Garbage collection deleted nothing: the store holds " + unknown
          + ", which no part of this mlops version owns, so it cannot know what they reference."
          + " Collect with the mlops version (or with the modules on the class path) that wrote them");
    }
  }

  /** Waits until no trusted writer lease is left, removing leases whose writers died. */
  private void waitForWriters(CollectorState state) {
    long start = System.nanoTime();
    long pause = TimeUnit.MILLISECONDS.toNanos(20);
    while (true) {
      var storeNow = state.renewAndReadStoreTime();
      List<String> live = new ArrayList<>();
      try (Stream<ObjectInfo> leases = store.list(WriteLease.PREFIX)) {
        for (ObjectInfo lease : (Iterable<ObjectInfo>) leases::iterator) {
          if (WriteLease.expired(lease, storeNow, terms) || writerEnded(lease.key())) {
            store.delete(lease.key()); // its writer died or paused: it will publish nothing
          } else {
            live.add(lease.key());
          }
        }
      }
      if (live.isEmpty()) {
        return;
      }
      if (System.nanoTime() - start > terms.maxWait().toNanos()) {
        throw new ConflictException("Garbage collection deleted nothing: " + live.size()
            + " writer(s) held their leases for more than " + terms.maxWait().toMinutes()
            + " minutes (" + live + "); collect again when the long writes have ended");
      }
      try {
        TimeUnit.NANOSECONDS.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MlOpsException("Garbage collection interrupted while waiting for writers;"
            + " nothing was deleted", e);
      }
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(500));
    }
  }

  /** Tells whether a lease's writer was a process of this machine that has ended. */
  private boolean writerEnded(String leaseKey) {
    return store.get(leaseKey).map(bytes -> LeaseDoc.decode(bytes.bytes(), leaseKey).holderEnded())
        .orElse(true);
  }

  private GcMarks mark(GcScope scope) {
    GcMarks marks = new GcMarks();
    for (GcRoots root : roots) {
      guarded(root, () -> root.mark(scope, marks));
    }
    for (GcRoots root : roots) {
      guarded(root, () -> root.expand(scope, marks));
    }
    return marks;
  }

  private static void guarded(GcRoots root, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      throw new MlOpsException("Garbage collection stopped before deleting anything: the "
          + root.name() + " roots could not be marked (" + e.getMessage() + "); fix that first,"
          + " for example with 'mlops store verify'", e);
    }
  }

  /** Marks, then deletes (unless {@code state} is null: a dry run) what nothing reaches. */
  private GcReport sweep(ObjectStore reader, GcScope scope, CollectorState state) {
    GcMarks marks = mark(scope);
    List<String> refs = new ArrayList<>();
    for (GcRoots root : roots) {
      guarded(root, () -> refs.addAll(root.unreachableRefs(scope, marks)));
    }
    for (String ref : refs) {
      if (state != null) {
        state.checkHeld();
        store.delete(ref);
      }
    }
    long reachable = 0;
    long young = 0;
    long collected = 0;
    long bytes = 0;
    for (String prefix : COLLECTED) {
      try (Stream<ObjectInfo> objects = reader.list(prefix)) {
        for (ObjectInfo info : (Iterable<ObjectInfo>) objects::iterator) {
          if (marks.reaches(info.key())) {
            reachable++;
          } else if (scope.young(info.lastModified())) {
            young++;
          } else {
            if (state != null) {
              state.checkHeld();
              store.delete(info.key());
            }
            collected++;
            bytes += info.size();
          }
        }
      }
    }
    long leftovers = state == null ? 0 : store.removeAbandonedWrites();
    return new GcReport(state == null, reachable, young, collected, bytes, refs.size(), leftovers);
  }
}
