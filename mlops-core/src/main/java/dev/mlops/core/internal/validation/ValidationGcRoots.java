package dev.mlops.core.internal.validation;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.gc.GcMarks;
import dev.mlops.core.internal.gc.GcRoots;
import dev.mlops.core.internal.gc.GcScope;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The validation reports' roots: every saved report (its marker under
 * {@value ReportStore#SAVED}) and every report linked to a model version (stores written before
 * the markers link, but do not mark, their reports).
 */
public final class ValidationGcRoots implements GcRoots {
  /** Creates the roots; found by {@link java.util.ServiceLoader}. */
  public ValidationGcRoots() {}

  @Override
  public String name() {
    return "validation reports";
  }

  @Override
  public List<String> areas() {
    return List.of(ReportStore.LOGS, "refs/validation/");
  }

  @Override
  public void mark(GcScope scope, GcMarks marks) {
    try (Stream<ObjectInfo> saved = scope.store().list(ReportStore.SAVED)) {
      saved.forEach(info -> mark(info.key().substring(ReportStore.SAVED.length()), marks));
    }
    try (Stream<ObjectInfo> links = scope.store().list(ReportStore.LOGS)) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) links::iterator) {
        scope.store().get(info.key()).ifPresent(link -> mark(LinkJson.reportOf(link.utf8()), marks));
      }
    }
  }

  private static void mark(String reportId, GcMarks marks) {
    marks.object(ContentKeys.keyOf(HexFormat.of().parseHex(reportId)));
  }
}
