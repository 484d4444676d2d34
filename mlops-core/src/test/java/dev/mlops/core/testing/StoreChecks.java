package dev.mlops.core.testing;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.MlOps;
import dev.mlops.core.VerifyReport;
import dev.mlops.core.internal.gc.GarbageCollector;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fault tests check after every crash and every concurrent run: the store verifies
 * ({@code store verify}: no damaged object or document, no reference to a missing object), and,
 * asked of the collector's own roots, every object that some concern's refs reach exists.
 */
public final class StoreChecks {
  private StoreChecks() {}

  /**
   * Lists what is wrong with the store: damaged objects, and objects that a ref reaches but that
   * are not there. Every version record counts as a root here (a cutoff of {@link Instant#MIN}), so
   * a record left by a crashed commit must be whole too.
   *
   * @param mlops the SDK over the store
   * @return one line per problem; empty when the store is intact
   */
  public static List<String> problems(MlOps mlops) {
    List<String> problems = new ArrayList<>();
    VerifyReport report = mlops.inspector().verify();
    report.corrupt().forEach(key -> problems.add("corrupt: " + key));
    report.missing().forEach(m -> problems.add("missing: " + m.key() + " (referred to by "
        + m.referrer() + ")"));
    problems.addAll(missing(mlops));
    return problems;
  }

  /**
   * Lists the objects that some concern's refs reach but that are not in the store. Sound while
   * writers work (they publish a ref only after what it reaches), not while a collection deletes.
   *
   * @param mlops the SDK over the store
   * @return one line per missing object
   */
  public static List<String> missing(MlOps mlops) {
    List<String> missing = new ArrayList<>();
    ObjectStore store = mlops.store();
    for (String key : GarbageCollector.withRegisteredRoots(store, Clock.systemUTC())
        .markAll(Instant.MIN).objects()) {
      if (store.stat(key).isEmpty()) {
        missing.add("reached but missing: " + key);
      }
    }
    return missing;
  }
}
