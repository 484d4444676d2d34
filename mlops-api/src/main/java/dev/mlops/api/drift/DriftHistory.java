package dev.mlops.api.drift;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The recorded drift reports of one name (a monitor, a model, a feed), as a time series in the
 * store: append-only, each report one small document whose number is claimed atomically, so any
 * number of threads and processes may record into one history at once and none overwrites another.
 * A {@link DriftMonitor} built with {@link DriftMonitorConfig.Builder#recordWindows()} records each
 * window it compares here under its name. Get one with {@link DriftDetector#history(String)}.
 * Thread-safe.
 */
public interface DriftHistory {
  /**
   * Returns the history's name.
   *
   * @return the name
   */
  String name();

  /**
   * Records a report, for example from {@link DriftDetector#compare}, as covering a time range.
   *
   * @param report the report; its histograms are not kept
   * @param from the start of the range the compared sample covers
   * @param to its end, not before {@code from}; the history is ordered by it
   * @return the record as stored, with its sequence number
   * @throws IllegalArgumentException if the range is reversed
   * @throws dev.mlops.api.StorageUnavailableException if the store cannot be written
   */
  DriftRecord record(DriftReport report, Instant from, Instant to);

  /**
   * Reads every record, in time order (by {@link DriftRecord#to()}, then sequence).
   *
   * @return the records
   * @throws dev.mlops.api.IntegrityException if a stored record is damaged
   */
  default List<DriftRecord> list() {
    return between(Instant.MIN, Instant.MAX);
  }

  /**
   * Reads the records whose range ends in {@code [from, to)}, in time order.
   *
   * @param from the start, inclusive
   * @param to the end, exclusive
   * @return the records
   * @throws dev.mlops.api.IntegrityException if a stored record is damaged
   */
  List<DriftRecord> between(Instant from, Instant to);

  /**
   * Reads the record recorded last (the highest sequence number), following records other
   * processes appended.
   *
   * @return it, or empty if nothing was recorded
   * @throws dev.mlops.api.IntegrityException if it is damaged
   */
  Optional<DriftRecord> latest();
}
