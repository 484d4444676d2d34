package dev.mlops.core;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.dataset.SketchObjects;
import dev.mlops.core.internal.gc.GcRoots;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The reference part of {@link StoreInspector#verify()}: every object the garbage collector's
 * roots reach must exist. Each concern's {@link GcRoots} reads its refs through a {@link
 * ReferenceTracer}, which also tells which document named a missing object. Memory stays flat: a
 * reached key is looked up when reported, and only a bounded number of keys already found present
 * are remembered (so shared chunks are not looked up again and again).
 *
 * <p>Derived objects (table sketches) may be absent: they are rebuilt when read.
 */
final class ReferenceVerifier {
  private static final int REMEMBERED = 100_000;

  private final ObjectStore store;
  private final List<GcRoots> roots;
  private final Map<String, Boolean> present = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };
  private final Set<String> reported = new HashSet<>();

  /** @param store the sealed view of the store, as the concerns read it */
  ReferenceVerifier(ObjectStore store) {
    this.store = store;
    this.roots = ServiceLoader.load(GcRoots.class, ReferenceVerifier.class.getClassLoader())
        .stream().map(ServiceLoader.Provider::get).toList();
  }

  /**
   * Follows every concern's references.
   *
   * @param damaged whether the other passes found damaged objects; a concern whose references
   *     cannot be followed is then explained by them
   * @return the missing objects, sorted by key
   * @throws MlOpsException if a concern's references cannot be followed and nothing explains why
   */
  List<VerifyReport.Missing> verify(boolean damaged) {
    List<VerifyReport.Missing> missing = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (GcRoots concern : roots) {
      ReferenceTracer tracer = new ReferenceTracer(store, concern.name());
      try {
        concern.markReachable(tracer, key -> {
          if (!key.startsWith(SketchObjects.PREFIX) && !exists(key) && reported.add(key)) {
            missing.add(new VerifyReport.Missing(key, tracer.referrerOf(key)));
          }
        });
      } catch (StorageUnavailableException e) {
        throw e;
      } catch (RuntimeException e) {
        // A document or manifest on the way is missing or damaged: stop this concern's walk.
        tracer.missingReads().stream().filter(m -> reported.add(m.key())).forEach(missing::add);
        if (tracer.missingReads().isEmpty()) {
          failures.add(concern.name() + ": " + e.getMessage());
        }
      }
    }
    if (!failures.isEmpty() && !damaged && missing.isEmpty()) {
      throw new MlOpsException("store verify could not follow the references of "
          + String.join("; ", failures) + ". Nothing was changed; fix that, then verify again");
    }
    missing.sort(Comparator.comparing(VerifyReport.Missing::key));
    return missing;
  }

  private boolean exists(String key) {
    if (present.containsKey(key)) {
      return true;
    }
    // open, not stat: some stores compute a token on stat by reading the whole object.
    try (InputStream in = store.open(key)) {
      present.put(key, Boolean.TRUE);
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (IOException e) {
      throw new StorageUnavailableException("Could not close '" + key + "' of " + store.uri(), e);
    }
  }
}
