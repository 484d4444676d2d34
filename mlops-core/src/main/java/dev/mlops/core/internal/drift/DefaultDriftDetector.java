package dev.mlops.core.internal.drift;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorKind;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftHistory;
import dev.mlops.api.drift.DriftRecord;
import com.github.benmanes.caffeine.cache.Cache;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftMonitorConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.api.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import dev.mlops.core.internal.drift.history.DriftHistoryLog;
import dev.mlops.core.internal.drift.monitor.WindowMonitor;
import dev.mlops.core.internal.drift.profile.ProfileStore;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import dev.mlops.core.internal.drift.stream.ChangeDetectors;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;

/**
 * The drift detector over one store, running per-column work on the SDK's executor. Closing it
 * (with its {@code MlOps}) closes the monitors it made that are still open, so none hands work
 * to an executor that was shut down.
 */
public final class DefaultDriftDetector implements DriftDetector, AutoCloseable {
  private final ObjectStore store;
  private final MeterRegistry meters;
  private final Executor executor;
  private final Clock clock;
  /** Monitors made here; weak, so a monitor the host dropped without closing is not kept. */
  private final Set<WindowMonitor> monitors = Collections.newSetFromMap(new WeakHashMap<>());
  /** Recorded drift reports already read, shared by every history handle of this detector. */
  private final Cache<String, DriftRecord> records = DriftHistoryLog.newCache();

  /**
   * Creates the detector.
   *
   * @param store where profiles are stored
   * @param meters where monitors publish their meters
   * @param executor runs per-column comparisons and monitor windows
   */
  public DefaultDriftDetector(ObjectStore store, MeterRegistry meters, Executor executor) {
    this(store, meters, executor, Clock.systemUTC());
  }

  /**
   * Creates the detector.
   *
   * @param store where profiles are stored
   * @param meters where monitors publish their meters
   * @param executor runs per-column comparisons and monitor windows
   * @param clock the time of monitor windows
   */
  public DefaultDriftDetector(ObjectStore store, MeterRegistry meters, Executor executor, Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    this.store = requireNonNull(store, "store");
    this.meters = requireNonNull(meters, "meters");
    this.executor = requireNonNull(executor, "executor");
  }

  @Override
  public DriftReport compare(Sample reference, Sample current, DriftConfig config) {
    requireNonNull(reference, "reference");
    requireNonNull(current, "current");
    requireNonNull(config, "config");
    return BatchComparison.compare(BatchComparison.exact(reference), current, config, executor);
  }

  @Override
  public DriftReport compare(ReferenceProfile reference, Sample current, DriftConfig config) {
    requireNonNull(reference, "reference");
    requireNonNull(current, "current");
    requireNonNull(config, "config");
    if (!(reference instanceof SketchProfile profile)) {
      throw new IllegalArgumentException("reference must be a profile made by DriftDetector.profile or readProfile");
    }
    return BatchComparison.compare(profile, current, config, executor);
  }

  @Override
  public DriftReport compare(ReferenceProfile reference, ReferenceProfile current, DriftConfig config) {
    requireNonNull(reference, "reference");
    requireNonNull(current, "current");
    requireNonNull(config, "config");
    if (!(reference instanceof SketchProfile ref) || !(current instanceof SketchProfile cur)) {
      throw new IllegalArgumentException("both profiles must be made by DriftDetector.profile or readProfile");
    }
    return BatchComparison.compare(ref, cur, config, executor);
  }

  @Override
  public ReferenceProfile profile(Sample sample, int sketchSize) {
    requireNonNull(sample, "sample");
    return SketchProfile.of(sample, sketchSize);
  }

  @Override
  public ReferenceProfile categoricalProfile(String column, Map<String, Long> counts) {
    requireNonNull(column, "column");
    requireNonNull(counts, "counts");
    return SketchProfile.ofCounts(column, counts);
  }

  @Override
  public Sample sample(org.apache.arrow.vector.VectorSchemaRoot batch) {
    requireNonNull(batch, "batch");
    return ArrowSamples.of(batch);
  }

  @Override
  public ReferenceProfile readProfile(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    return SketchProfile.read(bytes);
  }

  @Override
  public void saveProfile(String name, ReferenceProfile profile) {
    requireNonNull(profile, "profile");
    new ProfileStore(store).save(name, profile);
  }

  @Override
  public ReferenceProfile loadProfile(String name) {
    return new ProfileStore(store).load(name);
  }

  @Override
  public DriftMonitor monitor(DriftMonitorConfig config) {
    requireNonNull(config, "config");
    WindowMonitor monitor = new WindowMonitor(config, meters, executor, clock,
        config.recordWindows() ? new DriftHistoryLog(store, config.name(), records) : null);
    synchronized (monitors) {
      monitors.add(monitor);
    }
    return monitor;
  }

  @Override
  public DriftHistory history(String name) {
    requireNonNull(name, "name");
    return new DriftHistoryLog(store, name, records);
  }

  @Override
  public List<String> histories() {
    return DriftHistoryLog.names(store);
  }

  /** Closes the monitors made here that are still open. Idempotent. */
  @Override
  public void close() {
    List<WindowMonitor> open;
    synchronized (monitors) {
      open = List.copyOf(monitors);
      monitors.clear();
    }
    open.forEach(WindowMonitor::close);
  }

  @Override
  public String toHtml(DriftReport report, String title) {
    requireNonNull(report, "report");
    requireNonNull(title, "title");
    return DriftReportPage.render(report, title);
  }

  @Override
  public ChangeDetector changeDetector(DetectorKind kind, Map<String, Double> params) {
    requireNonNull(kind, "kind");
    requireNonNull(params, "params");
    return ChangeDetectors.create(kind, params);
  }
}
