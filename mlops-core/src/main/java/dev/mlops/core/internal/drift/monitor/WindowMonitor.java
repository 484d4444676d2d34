package dev.mlops.core.internal.drift.monitor;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftListener;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftMonitorConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.DriftWindow;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.drift.BatchComparison;
import dev.mlops.core.internal.drift.ColumnComparator;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import dev.mlops.core.internal.drift.CategoricalReference;
import dev.mlops.core.internal.drift.history.DriftHistoryLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DriftMonitor}: request threads write rows into a {@link RingWindow}; the thread whose
 * row ends a window hands the window's end to one evaluator task on the executor, which copies the
 * window, compares each column with the profile and publishes meters and listener calls. Count
 * windows are aligned: over N observations exactly ⌊N / size⌋ tumbling windows close, each either
 * evaluated or counted in {@code mlops.drift.windows.dropped}. A window is dropped when it closed
 * while an earlier one was still being evaluated and a later one closed before the evaluator got to
 * it (the evaluator always takes the latest closed window, so it never falls behind by more than
 * one), or when the ring overwrote its rows before they were copied. Categorical values ride in the
 * same ring (as string references), and each window's category counts are compared with the
 * profile's frequent-items counts by the batch rules.
 */
public final class WindowMonitor implements DriftMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(WindowMonitor.class);

  private final DriftMonitorConfig config;
  private final SketchProfile reference;
  private final CategoricalReference[] categoricalReferences;
  private final Executor executor;
  private final Clock clock;
  private final RingWindow ring;
  private final int columns;
  private final int categoricalColumns;
  private final double[][] scratch;
  private final String[][] labelScratch;
  private final AtomicLong requestedEnd = new AtomicLong(-1);
  private final AtomicBoolean evaluatorScheduled = new AtomicBoolean();
  private final AtomicReference<DriftWindow> last = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong deadlineNanos;
  private final long durationNanos;
  private final Runnable evaluator = this::evaluatePending;
  private final MonitorMeters meters;
  private final @Nullable DriftHistoryLog history;
  /** Where the next window's time range starts: the previous window's close, or the monitor's start. */
  private Instant windowOpened;
  private volatile long evaluatedEnd; // written under the lock, read after it by the evaluator's reschedule check
  private long windows;

  /**
   * Starts a monitor.
   *
   * @param config the configuration
   * @param registry where meters go
   * @param executor runs evaluations
   * @param clock time of windows
   * @param history where each window is recorded, or null when windows are not recorded
   */
  public WindowMonitor(DriftMonitorConfig config, MeterRegistry registry, Executor executor, Clock clock,
      @Nullable DriftHistoryLog history) {
    if (!(config.reference() instanceof SketchProfile profile)) {
      throw new IllegalArgumentException("reference must be a profile made by DriftDetector.profile or readProfile");
    }
    this.config = config;
    this.reference = profile;
    this.executor = executor;
    this.clock = clock;
    this.history = history;
    this.windowOpened = clock.instant();
    this.columns = config.columns().size();
    this.categoricalColumns = config.categoricalColumns().size();
    for (String name : config.categoricalColumns()) {
      config.drift().method(name).filter(m -> m == DriftMethod.KS || m == DriftMethod.WASSERSTEIN)
          .ifPresent(m -> {
            throw new IllegalArgumentException("categorical column '" + Excerpt.of(name) + "' cannot be compared by "
                + m.name().toLowerCase() + "; set its method with DriftConfig.Builder.column(\"" + name
                + "\", DriftMethod.CHISQUARE, ...) or another categorical method");
          });
    }
    this.categoricalReferences = config.categoricalColumns().stream().map(profile::categorical)
        .toArray(CategoricalReference[]::new);
    int keep = config.windowSize();
    this.ring = new RingWindow(columns, categoricalColumns, keep + 2 * Math.max(config.slide(), keep / 2));
    this.scratch = new double[columns][keep];
    this.labelScratch = new String[categoricalColumns][keep];
    this.durationNanos = config.windowDuration().map(d -> d.toNanos()).orElse(0L);
    this.deadlineNanos = new AtomicLong(System.nanoTime() + durationNanos);
    this.meters = new MonitorMeters(registry, config.name(),
        Stream.concat(config.columns().stream(), config.categoricalColumns().stream()).toList());
  }

  @Override
  public void observe(double[] row) {
    if (categoricalColumns > 0) {
      throw new IllegalArgumentException("this monitor also observes categorical columns "
          + config.categoricalColumns() + "; call observe(row, categories)");
    }
    record(row, null);
  }

  @Override
  public void observe(double[] row, String[] categories) {
    if (categories.length != categoricalColumns) {
      throw new IllegalArgumentException("a row needs " + categoricalColumns + " categories "
          + config.categoricalColumns() + ", got " + categories.length);
    }
    record(row, categories);
  }

  private void record(double[] row, String[] categories) {
    if (row.length != columns) {
      throw new IllegalArgumentException("a row needs " + columns + " values " + config.columns() + ", got "
          + row.length);
    }
    if (closed.get()) {
      return;
    }
    long seq = ring.write(row, categories);
    long end = seq + 1;
    if (durationNanos > 0) {
      long deadline = deadlineNanos.get();
      if (System.nanoTime() - deadline >= 0 && deadlineNanos.compareAndSet(deadline, deadline + durationNanos)) {
        request(end);
      }
    } else if (end >= config.windowSize() && (end - config.windowSize()) % config.slide() == 0) {
      request(end);
    }
  }

  private void request(long end) {
    requestedEnd.accumulateAndGet(end, Math::max);
    if (evaluatorScheduled.compareAndSet(false, true)) {
      executor.execute(evaluator);
    }
  }

  @Override
  public Optional<DriftWindow> closeWindow() {
    long end = ring.claimed();
    synchronized (this) {
      if (end <= evaluatedEnd) {
        return Optional.empty();
      }
      return Optional.ofNullable(evaluate(currentWindowStart(end), end));
    }
  }

  /**
   * Where the window ending at {@code end} starts; for a requested count window (end on a window
   * boundary) that is {@code end − windowSize}. Tumbling count windows are aligned on
   * multiples of the window size, so a partial window holds only the rows since the last boundary
   * (not rows an evaluated window already held); a sliding window is the last {@code windowSize}
   * rows; a time window starts where the previous one ended.
   */
  private long currentWindowStart(long end) {
    if (durationNanos > 0) {
      return Math.max(evaluatedEnd, end - config.windowSize());
    }
    if (config.slide() == config.windowSize()) {
      return (end - 1) / config.windowSize() * config.windowSize();
    }
    return Math.max(0, end - config.windowSize());
  }

  @Override
  public Optional<DriftWindow> lastWindow() {
    return Optional.ofNullable(last.get());
  }

  private void evaluatePending() {
    try {
      synchronized (this) {
        long end;
        while ((end = requestedEnd.get()) > evaluatedEnd) {
          evaluate(currentWindowStart(end), end);
        }
      }
    } finally {
      evaluatorScheduled.set(false);
      if (requestedEnd.get() > evaluatedEnd && evaluatorScheduled.compareAndSet(false, true)) {
        executor.execute(evaluator);
      }
    }
  }

  /**
   * Compares the rows [start, end); returns null if the ring overran them. Holds the monitor lock.
   * Count windows that ended after the last evaluated one and before {@code end} were skipped
   * (the evaluator jumps to the latest window) and are counted as dropped.
   */
  private DriftWindow evaluate(long start, long end) {
    if (durationNanos == 0) {
      meters.dropped(windowsEndingBy(end - 1) - windowsEndingBy(evaluatedEnd));
    }
    evaluatedEnd = end;
    int rows = ring.copy(start, end, scratch, labelScratch);
    if (rows < 0) {
      meters.dropped(1);
      return null;
    }
    List<ColumnDrift> results = new ArrayList<>();
    int drifted = 0;
    for (int c = 0; c < columns + categoricalColumns; c++) {
      ColumnDrift result = c < columns ? compareNumeric(c, rows) : compareCategorical(c - columns, rows);
      if (result == null) {
        continue; // every value of the window was missing
      }
      results.add(result);
      meters.feature(c, result);
      drifted += result.drifted() ? 1 : 0;
    }
    DriftReport report = BatchComparison.report(results, config.drift().datasetDriftShare());
    meters.share(results.isEmpty() ? 0 : (double) drifted / results.size());
    DriftWindow window = new DriftWindow(++windows, clock.instant(), rows, report);
    last.set(window);
    Instant opened = windowOpened;
    windowOpened = window.closedAt();
    if (history != null) {
      try {
        history.append(report, opened.isAfter(window.closedAt()) ? window.closedAt() : opened, window.closedAt(), rows);
      } catch (RuntimeException e) {
        LOG.warn("window {} of drift monitor '{}' could not be recorded in its history; the monitor goes on",
            window.sequence(), config.name(), e);
      }
    }
    for (DriftListener listener : config.listeners()) {
      try {
        listener.onWindow(window);
      } catch (RuntimeException e) {
        LOG.warn("drift listener {} failed on window {} of monitor '{}'; continuing", listener, window.sequence(),
            config.name(), e);
      }
    }
    return window;
  }

  private ColumnDrift compareNumeric(int column, int rows) {
    String name = config.columns().get(column);
    double[] values = Arrays.stream(scratch[column], 0, rows).filter(v -> !Double.isNaN(v)).sorted().toArray();
    return values.length == 0 ? null
        : ColumnComparator.numeric(name, reference.numeric(name), values, config.drift());
  }

  /** Counts the window's categories (at most one entry per distinct value in the window). */
  private ColumnDrift compareCategorical(int column, int rows) {
    String[] labels = labelScratch[column];
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < rows; i++) {
      if (labels[i] != null) {
        counts.merge(labels[i], 1L, Long::sum);
      }
    }
    Arrays.fill(labels, 0, rows, null); // the ring keeps the strings anyway; the scratch need not
    return counts.isEmpty() ? null : ColumnComparator.categorical(config.categoricalColumns().get(column),
        categoricalReferences[column], counts, config.drift());
  }

  /** How many count windows end at or before sequence {@code end}. */
  private long windowsEndingBy(long end) {
    return end < config.windowSize() ? 0 : (end - config.windowSize()) / config.slide() + 1;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      meters.remove();
    }
  }
}
