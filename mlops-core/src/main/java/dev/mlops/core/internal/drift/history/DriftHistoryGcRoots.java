package dev.mlops.core.internal.drift.history;

import dev.mlops.core.internal.gc.GcMarks;
import dev.mlops.core.internal.gc.GcRoots;
import dev.mlops.core.internal.gc.GcScope;
import java.util.List;

/**
 * The drift histories' area: records reference no content objects, so they mark nothing; naming
 * the area tells the collector it is known.
 */
public final class DriftHistoryGcRoots implements GcRoots {
  /** Creates the roots; found by {@link java.util.ServiceLoader}. */
  public DriftHistoryGcRoots() {}

  @Override
  public String name() {
    return "drift histories";
  }

  @Override
  public List<String> areas() {
    return List.of(DriftHistoryLog.ROOT);
  }

  @Override
  public void mark(GcScope scope, GcMarks marks) {
    // nothing: see the class comment
  }
}
