package dev.mlops.core.internal.experiment;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.gc.GcMarks;
import dev.mlops.core.internal.gc.GcRoots;
import dev.mlops.core.internal.gc.GcScope;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runs' roots: every artifact content object a run document names, and the dataset versions
 * its inputs name. Metric segments live under {@code logs/} and are never collected.
 */
public final class RunGcRoots implements GcRoots {
  /** Creates the roots; found by {@link java.util.ServiceLoader}. */
  public RunGcRoots() {}

  @Override
  public String name() {
    return "runs";
  }

  @Override
  public List<String> areas() {
    return List.of(RunKeys.RUNS, RunKeys.EXPERIMENTS, "refs/heartbeats/", MetricSegments.PREFIX);
  }

  @Override
  public void mark(GcScope scope, GcMarks marks) {
    List<String> ids = new ArrayList<>();
    try (Stream<ObjectInfo> refs = scope.store().list(RunKeys.RUNS)) {
      refs.forEach(info -> {
        String id = RunKeys.runIdOf(info.key());
        if (id != null) {
          ids.add(id);
        }
      });
    }
    RunDocs docs = new RunDocs(scope.store());
    for (String id : ids) {
      docs.read(id).ifPresent(doc -> {
        doc.artifacts.values().forEach(artifact ->
            marks.object(ContentKeys.keyOf(HexFormat.of().parseHex(artifact.sha256))));
        doc.inputs.forEach(input -> marks.datasetVersion(input.versionId));
      });
    }
  }
}
