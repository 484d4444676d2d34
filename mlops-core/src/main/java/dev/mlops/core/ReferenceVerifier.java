package dev.mlops.core;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.dataset.SketchObjects;
import dev.mlops.core.internal.gc.GarbageCollector;
import dev.mlops.core.internal.gc.GcMarks;
import dev.mlops.core.internal.gc.GcRoots;
import dev.mlops.core.internal.gc.GcScope;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The reference part of {@link StoreInspector#verify()}: every object the garbage collector's
 * roots reach must exist. Each concern's {@link GcRoots} marks through a {@link ReferenceTracer},
 * which also tells which document named a missing object, with a scope in which every record
 * counts (so every committed version is checked, not only those a head or tag keeps).
 *
 * <p>Memory stays flat in the number of objects: a reached object is looked up when it is marked,
 * never collected into a set, and only a bounded number of keys found present are remembered (so
 * chunks shared by many versions are not looked up again and again). Dataset versions are kept,
 * as the collector keeps them. Derived objects (table sketches) may be absent: they are rebuilt
 * when read. A version whose manifest is absent is missing when the datasets' own refs or another
 * manifest name it; a run's or a model's lineage may name versions of other stores.
 */
final class ReferenceVerifier {
  private static final int REMEMBERED = 100_000;
  private static final String DATASETS = "datasets";
  private static final String DATASET_REFS = "refs/datasets/";

  private final ObjectStore store;
  private final List<GcRoots> roots = GarbageCollector.registeredRoots();
  private final Map<String, Boolean> present = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };
  private final Set<String> reported = new HashSet<>();
  private final List<VerifyReport.Missing> missing = new ArrayList<>();
  /** The dataset versions the datasets' refs or manifests name, with what named them. */
  private final Map<String, String> versionsNamedHere = new HashMap<>();
  private ReferenceTracer tracer;
  private GcRoots concern;

  /** @param store the sealed view of the store, as the concerns read it */
  ReferenceVerifier(ObjectStore store) {
    this.store = store;
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
    GcMarks marks = GcMarks.passingTo(this::reached, this::versionNamed);
    List<String> failures = new ArrayList<>();
    for (GcRoots root : roots) {
      follow(root, scope -> root.mark(scope, marks), failures);
    }
    for (GcRoots root : roots) {
      follow(root, scope -> root.expand(scope, marks), failures);
    }
    versionsNamedHere.forEach((id, referrer) -> {
      String manifest = ContentKeys.keyOf(HexFormat.of().parseHex(id));
      if (!exists(manifest) && reported.add(manifest)) {
        missing.add(new VerifyReport.Missing(manifest, referrer.equals(DATASETS)
            ? recordOf(id).orElse(referrer) : referrer));
      }
    });
    if (!failures.isEmpty() && !damaged && missing.isEmpty()) {
      throw new MlOpsException("store verify could not follow the references of "
          + String.join("; ", failures) + ". Nothing was changed; fix that, then verify again");
    }
    missing.sort(Comparator.comparing(VerifyReport.Missing::key));
    return missing;
  }

  private void follow(GcRoots root, Consumer<GcScope> step, List<String> failures) {
    concern = root;
    tracer = new ReferenceTracer(store, root.name());
    try {
      step.accept(new GcScope(tracer, Instant.MIN)); // every record is "young": all are checked
    } catch (StorageUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      // A document or manifest on the way is missing or damaged: stop this concern's walk.
      tracer.missingReads().stream().filter(m -> reported.add(m.key())).forEach(missing::add);
      if (tracer.missingReads().isEmpty()) {
        failures.add(root.name() + ": " + e.getMessage());
      }
    }
  }

  private void reached(String key) {
    if (!key.startsWith(SketchObjects.PREFIX) && !exists(key) && reported.add(key)) {
      missing.add(new VerifyReport.Missing(key, tracer.referrerOf(key)));
    }
  }

  private void versionNamed(String id) {
    if (concern.name().equals(DATASETS) && id.matches("[0-9a-f]{64}")) {
      versionsNamedHere.putIfAbsent(id, tracer.referrerOf(id));
    }
  }

  /** The version record that names a version: records are listed, not read, by the roots. */
  private Optional<String> recordOf(String id) {
    try (Stream<ObjectInfo> refs = store.list(DATASET_REFS)) {
      return refs.map(ObjectInfo::key).filter(key -> key.endsWith("/versions/" + id)).findFirst();
    }
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
