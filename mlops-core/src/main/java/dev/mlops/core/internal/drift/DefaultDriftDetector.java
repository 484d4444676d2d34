package dev.mlops.core.internal.drift;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorKind;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftMonitorConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.api.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import dev.mlops.core.internal.drift.monitor.WindowMonitor;
import dev.mlops.core.internal.drift.profile.ProfileStore;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import dev.mlops.core.internal.drift.stream.ChangeDetectors;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;

/** The drift detector over one store, running per-column work on the SDK's executor. */
public final class DefaultDriftDetector implements DriftDetector {
  private final ObjectStore store;
  private final MeterRegistry meters;
  private final Executor executor;
  private final Clock clock;

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
  public ReferenceProfile profile(Sample sample, int sketchSize) {
    requireNonNull(sample, "sample");
    return SketchProfile.of(sample, sketchSize);
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
    return new WindowMonitor(config, meters, executor, clock);
  }

  @Override
  public String toHtml(DriftReport report, String title) {
    requireNonNull(report, "report");
    requireNonNull(title, "title");
    return HtmlReport.render(report, title);
  }

  @Override
  public ChangeDetector changeDetector(DetectorKind kind, Map<String, Double> params) {
    requireNonNull(kind, "kind");
    requireNonNull(params, "params");
    return ChangeDetectors.create(kind, params);
  }
}
