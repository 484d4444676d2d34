package dev.mlops.core.internal.drift.monitor;

import dev.mlops.api.drift.ColumnDrift;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The Micrometer meters of one monitor, tagged {@code monitor} and (per feature) {@code feature}:
 * numeric and categorical features alike get {@code mlops.drift.score} and
 * {@code mlops.drift.detected}. Updated by the evaluator only; read by any registry thread.
 */
final class MonitorMeters {
  private final MeterRegistry registry;
  private final List<Meter> registered = new ArrayList<>();
  private final AtomicReferenceArray<Double> scores;
  private final Counter[] detected;
  private final Counter dropped;
  private volatile double share;

  /**
   * Registers the meters.
   *
   * @param registry where they go
   * @param monitor the monitor's name
   * @param features every feature, numeric then categorical; indices below refer to this order
   */
  MonitorMeters(MeterRegistry registry, String monitor, List<String> features) {
    this.registry = registry;
    this.scores = new AtomicReferenceArray<>(features.size());
    this.detected = new Counter[features.size()];
    for (int f = 0; f < features.size(); f++) {
      String feature = features.get(f);
      int index = f;
      scores.set(f, Double.NaN);
      registered.add(Gauge.builder("mlops.drift.score", () -> scores.get(index))
          .tag("monitor", monitor).tag("feature", feature)
          .description("latest drift statistic of the feature (p-value for tests, distance otherwise)")
          .register(registry));
      detected[f] = Counter.builder("mlops.drift.detected").tag("monitor", monitor).tag("feature", feature)
          .description("windows in which the feature drifted").register(registry);
      registered.add(detected[f]);
    }
    registered.add(Gauge.builder("mlops.drift.share", () -> share).tag("monitor", monitor)
        .description("share of drifted features in the latest window").register(registry));
    dropped = Counter.builder("mlops.drift.windows.dropped").tag("monitor", monitor)
        .description("count windows that closed while an earlier one was being compared, so were skipped;"
            + " and windows overwritten in the ring before they could be copied").register(registry);
    registered.add(dropped);
  }

  /** Publishes one feature's result. */
  void feature(int index, ColumnDrift result) {
    scores.set(index, result.pValue().orElse(result.statistic()));
    if (result.drifted()) {
      detected[index].increment();
    }
  }

  /** Publishes the window's share of drifted features. */
  void share(double value) {
    share = value;
  }

  /** Counts skipped windows. */
  void dropped(long windows) {
    if (windows > 0) {
      dropped.increment(windows);
    }
  }

  /** Removes every meter from the registry. */
  void remove() {
    registered.forEach(registry::remove);
  }
}
