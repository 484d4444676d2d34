package dev.mlops.api.experiment;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which runs {@link ExperimentLogger#search} returns and in what order.
 *
 * <p>A filter is an expression over {@code metrics.<key>} (latest value), {@code params.<key>},
 * {@code tags.<key>} and the attributes {@code status}, {@code name}, {@code experiment};
 * comparisons {@code = != < <= > >=} against numbers or quoted strings, combined with
 * {@code and}, {@code or}, {@code not} and parentheses:
 * {@code metrics.accuracy > 0.9 and params.model = 'lr' and tags.team = 'risk'}. A param or tag
 * compared with a number is compared numerically when its value is a number. A run without the
 * field does not match.
 *
 * @param experiment only runs of this experiment, or all
 * @param status only runs with this status, or all
 * @param filter a filter expression, or none
 * @param orderBy sort by this field ({@code metrics.x}, {@code params.x}, {@code tags.x},
 *     {@code name}, {@code started}), or by start time; runs without it come last
 * @param descending sort from largest to smallest
 * @param limit at most this many runs, or all
 * @param offset how many runs of the order to skip before the first one returned (0: none); with
 *     {@code limit}, page {@code p} (from 1) of size {@code s} is {@code offset((p - 1) * s).limit(s)}
 */
public record RunQuery(
    Optional<String> experiment,
    Optional<RunStatus> status,
    Optional<String> filter,
    Optional<String> orderBy,
    boolean descending,
    OptionalInt limit,
    int offset) {
  /**
   * Creates the value.
   *
   * @param experiment experiment filter
   * @param status status filter
   * @param filter filter expression
   * @param orderBy sort field
   * @param descending sort direction
   * @param limit maximum count
   * @param offset runs skipped, not negative
   */
  public RunQuery {
    requireNonNull(experiment, "experiment");
    requireNonNull(status, "status");
    requireNonNull(filter, "filter");
    requireNonNull(orderBy, "orderBy");
    requireNonNull(limit, "limit");
    experiment.ifPresent(e -> Names.requireValid("experiment", e));
    orderBy.ifPresent(RunQuery::requireSortField);
    limit.ifPresent(n -> {
      if (n <= 0) {
        throw new IllegalArgumentException("limit must be positive, got " + n);
      }
    });
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, got " + offset);
    }
  }

  /**
   * Returns the query for all runs in the store, newest first.
   *
   * @return the query
   */
  public static RunQuery all() {
    return new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        true, OptionalInt.empty(), 0);
  }

  /**
   * Returns the query for all runs of an experiment, newest first.
   *
   * @param experiment the experiment's name
   * @return the query
   */
  public static RunQuery experiment(String experiment) {
    return new RunQuery(Optional.of(experiment), Optional.empty(), Optional.empty(),
        Optional.empty(), true, OptionalInt.empty(), 0);
  }

  /**
   * Returns a copy that keeps only runs matching a filter expression (see the class comment).
   *
   * @param expression the filter
   * @return the new query
   */
  public RunQuery where(String expression) {
    requireNonNull(expression, "expression");
    return new RunQuery(experiment, status, Optional.of(expression), orderBy, descending, limit, offset);
  }

  /**
   * Returns a copy that orders by a field.
   *
   * @param field {@code metrics.x}, {@code params.x}, {@code tags.x}, {@code name} or
   *     {@code started}
   * @param descending {@code true} for the largest value first
   * @return the new query
   */
  public RunQuery orderBy(String field, boolean descending) {
    return new RunQuery(experiment, status, filter, Optional.of(field), descending, limit, offset);
  }

  /**
   * Returns a copy that keeps only runs with a status.
   *
   * @param status the status
   * @return the new query
   */
  public RunQuery withStatus(RunStatus status) {
    return new RunQuery(experiment, Optional.of(status), filter, orderBy, descending, limit, offset);
  }

  /**
   * Returns a copy that returns at most {@code n} runs.
   *
   * @param n the maximum, positive
   * @return the new query
   */
  public RunQuery limit(int n) {
    return new RunQuery(experiment, status, filter, orderBy, descending, OptionalInt.of(n), offset);
  }

  /**
   * Returns a copy that skips the first {@code n} runs of the order, for paging: the search still
   * reads every run to order them, but keeps only {@code n + limit} in memory and returns
   * {@code limit}. Default: 0.
   *
   * @param n runs to skip, not negative
   * @return the new query
   */
  public RunQuery offset(int n) {
    return new RunQuery(experiment, status, filter, orderBy, descending, limit, n);
  }

  private static void requireSortField(String field) {
    if (field.equals("name") || field.equals("started")) {
      return;
    }
    int dot = field.indexOf('.');
    String area = dot < 0 ? "" : field.substring(0, dot);
    if (!(area.equals("metrics") || area.equals("params") || area.equals("tags"))) {
      throw new IllegalArgumentException("cannot order by '" + field + "': use metrics.<key>,"
          + " params.<key>, tags.<key>, name or started");
    }
    Names.requireValidKey(area + " key", field.substring(dot + 1));
  }
}
