package dev.mlops.api.drift;

import java.util.Optional;

/**
 * Watches live values for drift inside a service: request threads call {@link #observe}; each
 * closed window is compared with the reference profile on the SDK's executor, and the result goes
 * to the listeners and to Micrometer ({@code mlops.drift.score}, {@code mlops.drift.detected},
 * {@code mlops.drift.share}). Thread-safe; {@link #observe} is lock-free, never blocks and does not
 * allocate; memory is a fixed ring of values whatever the traffic.
 */
public interface DriftMonitor extends AutoCloseable {
  /**
   * Records one row of a monitor without categorical columns: a value per configured column, in
   * {@link DriftMonitorConfig#columns()} order (NaN for a missing value). Windows that close while
   * the background comparison is still busy are skipped (the next comparison takes the latest
   * window) and counted in {@code mlops.drift.windows.dropped}.
   *
   * @param row the values, not retained
   * @throws IllegalArgumentException if the row's length is not the number of numeric columns, or
   *     the monitor has categorical columns (use {@link #observe(double[], String[])})
   */
  void observe(double[] row);

  /**
   * Records one row with numeric and categorical values. Lock-free and allocation-free like
   * {@link #observe(double[])}: the category strings are kept by reference in the monitor's fixed
   * ring until their window has been compared (at most the ring's rows), then released.
   *
   * @param row a value per {@link DriftMonitorConfig#columns()} (NaN for missing), not retained
   * @param categories a value per {@link DriftMonitorConfig#categoricalColumns()} ({@code null} for
   *     missing); the array is not retained, its strings are until their window is compared
   * @throws IllegalArgumentException if an array's length is not the number of its columns
   */
  void observe(double[] row, String[] categories);

  /**
   * Closes the current window now and compares it, waiting for the result (for time windows at
   * shutdown, and for tests). Not for the request path.
   *
   * @return the window, or empty if it held no observation
   */
  Optional<DriftWindow> closeWindow();

  /**
   * Returns the latest evaluated window.
   *
   * @return it, or empty before the first
   */
  Optional<DriftWindow> lastWindow();

  /** Stops the monitor and removes its meters; observations after it are ignored. Idempotent. */
  @Override
  void close();
}
