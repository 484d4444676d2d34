package dev.mlops.spark;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.drift.ReferenceProfile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The profile of a Spark {@code Dataset}: the drift reference (mergeable sketches, to save with
 * {@link dev.mlops.api.drift.DriftDetector#saveProfile} or compare against) and per column the
 * table profile a dataset commit stores (exact counts, nulls, NaN, min, max, mean, standard
 * deviation; exact most frequent values of text and boolean columns). Immutable.
 *
 * @param reference the drift reference: columns with at least one finite value, in schema order
 * @param columns the table profile of every profiled column, in schema order
 * @param rows the rows profiled
 */
public record SparkProfile(ReferenceProfile reference, Map<String, ColumnProfile> columns, long rows) {
  /**
   * Creates the value; the map is copied, keeping its order.
   *
   * @param reference the drift reference
   * @param columns the table profiles
   * @param rows the rows
   */
  public SparkProfile {
    requireNonNull(reference, "reference");
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(columns, "columns")));
  }
}
