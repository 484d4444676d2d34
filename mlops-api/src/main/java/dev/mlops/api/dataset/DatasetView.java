package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * How a virtual version is defined (see {@link ViewRequest}): the base version it reads, the
 * columns its tables keep and the row filter.
 *
 * @param base the exact base version
 * @param columns the columns kept, in order; empty keeps all
 * @param where the row filter in canonical form, if any
 */
public record DatasetView(DatasetRef base, List<String> columns, Optional<String> where) {
  /**
   * Checks and copies the values.
   *
   * @param base the exact base version
   * @param columns the columns kept; empty keeps all
   * @param where the row filter, if any
   */
  public DatasetView {
    requireNonNull(base, "base");
    columns = List.copyOf(columns);
    requireNonNull(where, "where");
  }
}
