package dev.mlops.core.internal.drift.monitor;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftListener;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftMonitorConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.DriftWindow;
import dev.mlops.core.internal.drift.BatchComparison;
import dev.mlops.core.internal.drift.ColumnComparator;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
 * one), or when the ring overwrote its rows before they were copied.
 */
public final class WindowMonitor implements DriftMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(WindowMonitor.class);

  private final DriftMonitorConfig config;
  private final SketchProfile reference;
  private final Executor executor;
  private final Clock clock;
  private final RingWindow ring;
  private final int columns;
  private final double[][] scratch;
  private final AtomicLong requestedEnd = new AtomicLong(-1);
  private final AtomicBoolean evaluatorScheduled = new AtomicBoolean();
  private final AtomicReference<DriftWindow> last = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong deadlineNanos;
  private final long durationNanos;
  private final Runnable evaluator = this::evaluatePending;
  private final MeterRegistry meters;
  private final List<Meter> registered = new ArrayList<>();
  private final AtomicReferenceArray<Double> scores;
  private final Counter[] detected;
  private final Counter dropped;
  private volatile double share;
  private volatile long evaluatedEnd; // written under the lock, read after it by the evaluator's reschedule check
  private long windows;

  /**
   * Starts a monitor.
   *
   * @param config the configuration
   * @param meters where meters go
   * @param executor runs evaluations
   * @param clock time of windows
   */
  public WindowMonitor(DriftMonitorConfig config, MeterRegistry meters, Executor executor, Clock clock) {
    if (!(config.reference() instanceof SketchProfile profile)) {
      throw new IllegalArgumentException("reference must be a profile made by DriftDetector.profile or readProfile");
    }
    this.config = config;
    this.reference = profile;
    this.executor = executor;
    this.clock = clock;
    this.meters = meters;
    this.columns = config.columns().size();
    int keep = config.windowSize();
    this.ring = new RingWindow(columns, keep + 2 * Math.max(config.slide(), keep / 2));
    this.scratch = new double[columns][keep];
    this.durationNanos = config.windowDuration().map(d -> d.toNanos()).orElse(0L);
    this.deadlineNanos = new AtomicLong(System.nanoTime() + durationNanos);
    this.scores = new AtomicReferenceArray<>(columns);
    this.detected = new Counter[columns];
    for (int c = 0; c < columns; c++) {
      String feature = config.columns().get(c);
      int index = c;
      scores.set(c, Double.NaN);
      registered.add(Gauge.builder("mlops.drift.score", () -> scores.get(index))
          .tag("monitor", config.name()).tag("feature", feature)
          .description("latest drift statistic of the feature (p-value for tests, distance otherwise)")
          .register(meters));
      detected[c] = Counter.builder("mlops.drift.detected").tag("monitor", config.name()).tag("feature", feature)
          .description("windows in which the feature drifted").register(meters);
      registered.add(detected[c]);
    }
    registered.add(Gauge.builder("mlops.drift.share", () -> share).tag("monitor", config.name())
        .description("share of drifted features in the latest window").register(meters));
    dropped = Counter.builder("mlops.drift.windows.dropped").tag("monitor", config.name())
        .description("windows skipped because evaluation fell behind").register(meters);
    registered.add(dropped);
  }

  @Override
  public void observe(double[] row) {
    if (row.length != columns) {
      throw new IllegalArgumentException("a row needs " + columns + " values " + config.columns() + ", got "
          + row.length);
    }
    if (closed.get()) {
      return;
    }
    long seq = ring.write(row);
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
      long missed = windowsEndingBy(end - 1) - windowsEndingBy(evaluatedEnd);
      if (missed > 0) {
        dropped.increment(missed);
      }
    }
    evaluatedEnd = end;
    int rows = ring.copy(start, end, scratch);
    if (rows < 0) {
      dropped.increment();
      return null;
    }
    List<ColumnDrift> results = new ArrayList<>();
    int drifted = 0;
    for (int c = 0; c < columns; c++) {
      String name = config.columns().get(c);
      double[] values = Arrays.stream(scratch[c], 0, rows).filter(v -> !Double.isNaN(v)).sorted().toArray();
      if (values.length == 0) {
        continue;
      }
      ColumnDrift result = ColumnComparator.numeric(name, reference.numeric(name), values, config.drift());
      results.add(result);
      scores.set(c, result.pValue().orElse(result.statistic()));
      if (result.drifted()) {
        detected[c].increment();
        drifted++;
      }
    }
    DriftReport report = BatchComparison.report(results, config.drift().datasetDriftShare());
    share = results.isEmpty() ? 0 : (double) drifted / results.size();
    DriftWindow window = new DriftWindow(++windows, clock.instant(), rows, report);
    last.set(window);
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

  /** How many count windows end at or before sequence {@code end}. */
  private long windowsEndingBy(long end) {
    return end < config.windowSize() ? 0 : (end - config.windowSize()) / config.slide() + 1;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      registered.forEach(meters::remove);
    }
  }
}
