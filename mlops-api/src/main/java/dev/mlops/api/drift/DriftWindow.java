package dev.mlops.api.drift;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One closed window of a {@link DriftMonitor}, compared with the reference.
 *
 * @param sequence the window's number, from 1
 * @param closedAt when it was closed
 * @param observations how many observations it held
 * @param report the comparison of its values with the reference
 */
public record DriftWindow(long sequence, Instant closedAt, long observations, DriftReport report) {
  /**
   * Creates the value.
   *
   * @param sequence the number
   * @param closedAt the time
   * @param observations the count
   * @param report the report
   */
  public DriftWindow {
    requireNonNull(closedAt, "closedAt");
    requireNonNull(report, "report");
  }
}
