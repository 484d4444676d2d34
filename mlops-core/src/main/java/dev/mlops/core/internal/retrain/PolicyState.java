package dev.mlops.core.internal.retrain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a policy remembers between windows; stored with every decision so the next window, in any
 * process, continues from it.
 *
 * @param active each trigger's state, keyed by {@link PolicyEngine#key}
 * @param consecutive windows in a row that asked
 * @param latched fired in the current episode; re-armed when the triggers stop asking
 * @param fires the latest fired windows (as many as the budget needs, at least the last one)
 * @param lastAt the last evaluated window
 * @param since when the schedule clock started: the last fire, else the first window
 */
record PolicyState(
    Map<String, Boolean> active,
    int consecutive,
    boolean latched,
    List<Instant> fires,
    Optional<Instant> lastAt,
    Optional<Instant> since) {
  static final PolicyState INITIAL =
      new PolicyState(Map.of(), 0, false, List.of(), Optional.empty(), Optional.empty());

  PolicyState {
    active = Map.copyOf(active);
    fires = List.copyOf(fires);
  }

  Optional<Instant> lastFire() {
    return fires.isEmpty() ? Optional.empty() : Optional.of(fires.get(fires.size() - 1));
  }
}
