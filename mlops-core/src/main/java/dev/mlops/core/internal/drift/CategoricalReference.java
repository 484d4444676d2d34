package dev.mlops.core.internal.drift;

import java.util.Map;

/**
 * A categorical reference column: counts per category, exact or estimated by a sketch.
 *
 * @param counts count per category
 * @param exact whether the counts are exact
 */
public record CategoricalReference(Map<String, Long> counts, boolean exact) {
  /** Total count. */
  public long size() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
