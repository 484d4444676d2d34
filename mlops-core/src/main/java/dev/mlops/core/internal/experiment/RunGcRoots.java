package dev.mlops.core.internal.experiment;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.gc.GcMarks;
import dev.mlops.core.internal.gc.GcRoots;
import dev.mlops.core.internal.gc.GcScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The runs' roots: every artifact content object a run document names, and the dataset versions
 * its inputs name. Heartbeats and metric segments of runs whose document is gone (a purge that a
 * crash cut short) are deleted once older than the grace period.
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
    Set<String> ids = runIds(scope);
    RunDocs docs = new RunDocs(scope.store());
    for (String id : ids) {
      docs.read(id).ifPresent(doc -> {
        doc.artifacts.values().forEach(artifact ->
            marks.object(ContentKeys.keyOf(HexFormat.of().parseHex(artifact.sha256))));
        doc.inputs.forEach(input -> marks.datasetVersion(input.versionId));
      });
    }
  }

  @Override
  public List<String> unreachableRefs(GcScope scope, GcMarks marks) {
    Set<String> ids = runIds(scope);
    List<String> orphans = new ArrayList<>();
    for (String area : List.of("refs/heartbeats/", MetricSegments.PREFIX)) {
      try (Stream<ObjectInfo> keys = scope.store().list(area)) {
        for (ObjectInfo info : (Iterable<ObjectInfo>) keys::iterator) {
          String rest = info.key().substring(area.length());
          int slash = rest.indexOf('/');
          String id = slash < 0 ? rest : rest.substring(0, slash);
          if (!ids.contains(id) && !scope.young(info.lastModified())) {
            orphans.add(info.key());
          }
        }
      }
    }
    return orphans;
  }

  private static Set<String> runIds(GcScope scope) {
    Set<String> ids = new HashSet<>();
    try (Stream<ObjectInfo> refs = scope.store().list(RunKeys.RUNS)) {
      refs.forEach(info -> {
        String id = RunKeys.runIdOf(info.key());
        if (id != null) {
          ids.add(id);
        }
      });
    }
    return ids;
  }
}
