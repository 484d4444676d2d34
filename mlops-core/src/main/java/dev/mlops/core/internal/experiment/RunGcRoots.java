package dev.mlops.core.internal.experiment;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.gc.GcRoots;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The runs' roots: every artifact content object a run document names. Metric segments live
 * under {@code logs/} and are never collected.
 */
public final class RunGcRoots implements GcRoots {
  /** Creates the roots; found by {@link java.util.ServiceLoader}. */
  public RunGcRoots() {}

  @Override
  public String name() {
    return "runs";
  }

  @Override
  public void markReachable(ObjectStore store, Consumer<String> reachable) {
    List<String> ids = new ArrayList<>();
    try (Stream<ObjectInfo> refs = store.list(RunKeys.RUNS)) {
      refs.forEach(info -> {
        String id = RunKeys.runIdOf(info.key());
        if (id != null) {
          ids.add(id);
        }
      });
    }
    RunDocs docs = new RunDocs(store);
    for (String id : ids) {
      docs.read(id).ifPresent(doc -> doc.artifacts.values().forEach(artifact ->
          reachable.accept(ContentKeys.keyOf(HexFormat.of().parseHex(artifact.sha256)))));
    }
  }
}
