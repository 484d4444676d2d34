package dev.mlops.core.internal.retrain;

import dev.mlops.core.internal.gc.GcMarks;
import dev.mlops.core.internal.gc.GcRoots;
import dev.mlops.core.internal.gc.GcScope;
import java.util.List;

/**
 * Retraining's areas: decisions, requests and pipeline states are documents that reference no
 * content objects, so they mark nothing; naming the areas tells the collector they are known.
 */
public final class RetrainGcRoots implements GcRoots {
  /** Creates the roots; found by {@link java.util.ServiceLoader}. */
  public RetrainGcRoots() {}

  @Override
  public String name() {
    return "retraining";
  }

  @Override
  public List<String> areas() {
    return List.of(DecisionLog.ROOT, "refs/retrain/");
  }

  @Override
  public void mark(GcScope scope, GcMarks marks) {
    // nothing: see the class comment
  }
}
