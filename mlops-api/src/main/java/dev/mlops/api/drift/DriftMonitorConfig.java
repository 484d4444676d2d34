package dev.mlops.api.drift;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link DriftMonitor} watches and how it cuts windows. Build with {@link #builder()}.
 *
 * @param name the monitor's name, the {@code monitor} tag of its meters
 * @param reference the reference profile
 * @param columns the numeric columns observed, in row order, each numeric in the reference
 * @param categoricalColumns the categorical columns observed, in the order of
 *     {@link DriftMonitor#observe(double[], String[])}'s categories, each categorical in the reference
 * @param windowSize values per window (count windows), or the most kept per window (time windows)
 * @param slide observations between two count windows; equal to {@code windowSize} for tumbling
 * @param windowDuration for time windows, their length; empty for count windows
 * @param drift methods and thresholds for the comparisons
 * @param listeners called with each window
 * @param recordWindows whether each compared window is recorded in the store's
 *     {@link DriftDetector#history(String) history} of the monitor's name
 */
public record DriftMonitorConfig(
    String name,
    ReferenceProfile reference,
    List<String> columns,
    List<String> categoricalColumns,
    int windowSize,
    int slide,
    Optional<Duration> windowDuration,
    DriftConfig drift,
    List<DriftListener> listeners,
    boolean recordWindows) {
  /** The default window size: 1,000 observations. */
  public static final int DEFAULT_WINDOW_SIZE = 1_000;

  /**
   * Creates the value; lists are copied. Prefer {@link #builder()}.
   *
   * @param name the name
   * @param reference the reference
   * @param columns the numeric columns
   * @param categoricalColumns the categorical columns
   * @param windowSize the window size
   * @param slide the slide
   * @param windowDuration the duration of time windows
   * @param drift the comparison configuration
   * @param listeners the listeners
   * @param recordWindows whether windows are recorded
   */
  public DriftMonitorConfig {
    Names.requireValid("monitor", name);
    requireNonNull(reference, "reference");
    columns = List.copyOf(columns);
    categoricalColumns = List.copyOf(categoricalColumns);
    requireNonNull(windowDuration, "windowDuration");
    requireNonNull(drift, "drift");
    listeners = List.copyOf(listeners);
    if (columns.isEmpty() && categoricalColumns.isEmpty()) {
      throw new IllegalArgumentException("a monitor needs at least one column");
    }
    requireType(reference, columns, ColumnType.NUMERIC);
    requireType(reference, categoricalColumns, ColumnType.CATEGORICAL);
    if (new HashSet<>(columns).removeAll(categoricalColumns)) {
      throw new IllegalArgumentException("a column cannot be both numeric and categorical: " + columns + ", "
          + categoricalColumns);
    }
    if (windowSize < 2) {
      throw new IllegalArgumentException("windowSize must be at least 2, got " + windowSize);
    }
    if (slide < 1 || slide > windowSize) {
      throw new IllegalArgumentException("slide must be in [1, windowSize = " + windowSize + "], got " + slide);
    }
    if (windowDuration.isPresent() && (windowDuration.get().isNegative() || windowDuration.get().isZero())) {
      throw new IllegalArgumentException("windowDuration must be positive, got " + windowDuration.get());
    }
  }

  private static void requireType(ReferenceProfile reference, List<String> columns, ColumnType type) {
    for (String column : columns) {
      if (reference.type(column).orElse(null) != type) {
        throw new IllegalArgumentException("column '" + column + "' must be a " + type.name().toLowerCase()
            + " column of the reference; its columns: " + reference.columns() + (reference.type(column).isPresent()
                ? " ('" + column + "' is " + reference.type(column).get().name().toLowerCase() + ")" : ""));
      }
    }
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DriftMonitorConfig}; each value may be set once; {@link #build()} keeps it reusable. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable ReferenceProfile reference;
    private @Nullable List<String> columns;
    private @Nullable List<String> categoricalColumns;
    private @Nullable Integer windowSize;
    private @Nullable Integer slide;
    private @Nullable Duration windowDuration;
    private @Nullable DriftConfig drift;
    private final List<DriftListener> listeners = new ArrayList<>();
    private boolean recordWindows;

    private Builder() {}

    /**
     * Names the monitor. Default: {@code default}.
     *
     * @param name a name valid under {@link Names}
     * @return this builder
     */
    public Builder name(String name) {
      Names.requireValid("monitor", name);
      this.name = once(this.name, name, "name");
      return this;
    }

    /**
     * Sets the reference profile. Required.
     *
     * @param reference the profile
     * @return this builder
     */
    public Builder reference(ReferenceProfile reference) {
      this.reference = once(this.reference, requireNonNull(reference, "reference"), "reference");
      return this;
    }

    /**
     * Sets the observed numeric columns, in row order. Default: none; a monitor needs numeric or
     * categorical columns or both.
     *
     * @param columns numeric columns of the reference
     * @return this builder
     */
    public Builder columns(List<String> columns) {
      columns.forEach(Names::requireValidColumn);
      this.columns = once(this.columns, List.copyOf(columns), "columns");
      return this;
    }

    /**
     * Sets the observed categorical columns, in the order of the categories given to
     * {@link DriftMonitor#observe(double[], String[])}. Each window's category counts are compared
     * with the reference's (frequent-items sketch) counts as {@link DriftDetector#compare} would.
     * Default: none.
     *
     * @param columns categorical columns of the reference
     * @return this builder
     */
    public Builder categoricalColumns(List<String> columns) {
      columns.forEach(Names::requireValidColumn);
      this.categoricalColumns = once(this.categoricalColumns, List.copyOf(columns), "categoricalColumns");
      return this;
    }

    /**
     * Sets the window size. Default: {@value DriftMonitorConfig#DEFAULT_WINDOW_SIZE}.
     *
     * @param size observations per window, at least 2
     * @return this builder
     */
    public Builder windowSize(int size) {
      if (size < 2) {
        throw new IllegalArgumentException("windowSize must be at least 2, got " + size);
      }
      this.windowSize = once(this.windowSize, size, "windowSize");
      return this;
    }

    /**
     * Makes count windows slide: a window closes every {@code slide} observations over the last
     * {@code windowSize}. Default: tumbling (slide = window size).
     *
     * @param slide observations between windows, at least 1
     * @return this builder
     */
    public Builder slide(int slide) {
      if (slide < 1) {
        throw new IllegalArgumentException("slide must be at least 1, got " + slide);
      }
      this.slide = once(this.slide, slide, "slide");
      return this;
    }

    /**
     * Uses tumbling time windows of this length instead of count windows; each keeps at most the
     * window size of the most recent observations. A window closes at the first observation after
     * its end (or at {@link DriftMonitor#closeWindow()}). Default: count windows.
     *
     * @param duration the window length, positive
     * @return this builder
     */
    public Builder windowDuration(Duration duration) {
      this.windowDuration = once(this.windowDuration, requireNonNull(duration, "duration"), "windowDuration");
      return this;
    }

    /**
     * Sets methods and thresholds. Default: {@link DriftConfig#ofDefaults()}.
     *
     * @param drift the configuration
     * @return this builder
     */
    public Builder drift(DriftConfig drift) {
      this.drift = once(this.drift, requireNonNull(drift, "drift"), "drift");
      return this;
    }

    /**
     * Adds a listener (any number).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(DriftListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Records each compared window in the store, in the {@link DriftDetector#history(String)
     * history} named as the monitor ({@link #name}): its time range (from the previous window's
     * close, or the monitor's start, to its close), per column the method, statistic, p-value and
     * verdict, and the dataset decision. The write happens on the executor after the comparison,
     * never on the request path; a window that cannot be written is logged (WARN) and the monitor
     * goes on. Default: not recorded.
     *
     * @return this builder
     * @throws IllegalStateException if already called
     */
    public Builder recordWindows() {
      if (recordWindows) {
        throw new IllegalStateException("recordWindows was already set");
      }
      recordWindows = true;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException if the reference or the columns are missing, or a slide is
     *     combined with time windows
     */
    public DriftMonitorConfig build() {
      if (reference == null || (columns == null && categoricalColumns == null)) {
        throw new IllegalStateException("a monitor needs reference(...) and columns(...) or"
            + " categoricalColumns(...)");
      }
      if (windowDuration != null && slide != null) {
        throw new IllegalStateException("slide(...) is for count windows; time windows tumble");
      }
      int size = windowSize != null ? windowSize : DEFAULT_WINDOW_SIZE;
      return new DriftMonitorConfig(name != null ? name : "default", reference,
          columns != null ? columns : List.of(), categoricalColumns != null ? categoricalColumns : List.of(), size,
          slide != null ? slide : size, Optional.ofNullable(windowDuration),
          drift != null ? drift : DriftConfig.ofDefaults(), listeners, recordWindows);
    }

    private static <T> T once(@Nullable T current, T value, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set");
      }
      return value;
    }
  }
}
