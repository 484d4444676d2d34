package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.ChangeThreshold;
import dev.mlops.api.validation.Check;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.Interval;
import dev.mlops.api.validation.LatencyProfile;
import dev.mlops.api.validation.Predictor;
import dev.mlops.api.validation.SliceCheck;
import dev.mlops.api.validation.SliceOutcome;
import dev.mlops.api.validation.StabilityCheck;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.api.validation.ValueThreshold;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one suite: data checks first, then the candidate predicts every row once; every metric a
 * check names is computed once on all rows (and on bootstrap resamples, slices and subsets from
 * the same predictions); meta metrics are measured only if a check names one.
 */
public final class SuiteRunner {
  /** Rows per predict call when scoring the data, so one call never holds the whole data twice. */
  static final int SCORING_BATCH = 8192;

  private SuiteRunner() {}

  /**
   * Runs the suite.
   *
   * @param request what to validate
   * @param createdAt the report's time
   * @return the report, with an empty id (the store assigns it)
   */
  public static ValidationReport run(ValidationRequest request, Instant createdAt) {
    ValidationSuite suite = request.suite();
    MetricCatalog catalog = new MetricCatalog(suite.metrics());
    Set<String> modelMetrics = new LinkedHashSet<>();
    boolean meta = false;
    for (Check check : suite.checks()) {
      if (DataChecks.isDataCheck(check)) {
        continue;
      }
      if (MetricCatalog.isMeta(check.metric())) {
        if (!(check instanceof ValueThreshold)) {
          throw new IllegalArgumentException("meta metric " + check.metric() + " can only have a"
              + " value threshold, not '" + check.describe() + "'");
        }
        meta = true;
      } else {
        catalog.resolve(check.metric()); // fails early, naming the known metrics
        modelMetrics.add(check.metric());
      }
    }
    ColumnData data = new ColumnData(request.data());
    ColumnData training = request.trainingData().map(ColumnData::new).orElse(null);
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, String> units = new LinkedHashMap<>();
    List<LatencyProfile> latency = List.of();
    Predictions predictions;
    try (Candidate candidate = Candidate.of(request)) {
      if (meta) { // before scoring all rows, so the validator's own arrays do not count as model memory
        LatencyMeter.Result measured = LatencyMeter.measure(candidate.predictor, data.features,
            suite.measurement(), candidate.probe);
        metrics.putAll(candidate.loadMetrics);
        metrics.putAll(measured.metrics());
        latency = measured.profiles();
        metrics.keySet().forEach(name -> units.put(name, MetricCatalog.metaUnit(name)));
      }
      predictions = Predictions.of(data.labels, score(candidate.predictor, data.features));
    }
    List<Metric> resolved = new ArrayList<>();
    for (String name : modelMetrics) {
      Metric metric = catalog.resolve(name);
      resolved.add(metric);
      metrics.put(name, metric.compute(predictions, null));
      if (!metric.unit().isEmpty()) {
        units.put(name, metric.unit());
      }
    }
    Map<String, Interval> intervals = suite.bootstrap()
        .map(b -> BootstrapIntervals.compute(b, predictions, resolved)).orElse(Map.of());
    Map<String, Double> baseline = request.baseline().isPresent()
        ? baselineMetrics(suite, catalog, request.baseline().get(), data) : Map.of();

    List<CheckResult> results = new ArrayList<>();
    List<SliceOutcome> slices = new ArrayList<>();
    for (Check check : suite.checks()) {
      if (DataChecks.isDataCheck(check)) {
        results.add(DataChecks.run(check, data, training));
      } else if (check instanceof ValueThreshold t) {
        results.add(Thresholds.value(t, metrics.getOrDefault(t.metric(), Double.NaN),
            Optional.ofNullable(intervals.get(t.metric()))));
      } else if (check instanceof ChangeThreshold c) {
        results.add(Thresholds.change(c, metrics.get(c.metric()),
            Optional.ofNullable(baseline.get(c.metric())), Optional.ofNullable(intervals.get(c.metric()))));
      } else if (check instanceof SliceCheck s) {
        results.add(SubsetChecks.slices(s, catalog.resolve(s.metric()), predictions,
            metrics.get(s.metric()), data, slices));
      } else if (check instanceof StabilityCheck s) {
        results.add(SubsetChecks.stability(s, catalog.resolve(s.metric()), predictions));
      }
    }
    List<List<Long>> confusion = predictions.width() > 1 || isBinary(data.labels)
        ? toLists(ConfusionMatrix.of(predictions, null).counts()) : List.of();
    return new ValidationReport("", suite.name(), request.model(), results, metrics, units, slices, latency,
        confusion, createdAt, request.data().classNames());
  }

  private static Map<String, Double> baselineMetrics(ValidationSuite suite, MetricCatalog catalog,
      Predictor baseline, ColumnData data) {
    Predictions p = Predictions.of(data.labels, score(baseline, data.features));
    Map<String, Double> values = new LinkedHashMap<>();
    for (Check check : suite.checks()) {
      if (check instanceof ChangeThreshold c) {
        values.put(c.metric(), catalog.resolve(c.metric()).compute(p, null));
      }
    }
    return values;
  }

  static float[][] score(Predictor predictor, float[][] features) {
    float[][] outputs = new float[features.length][];
    for (int from = 0; from < features.length; from += SCORING_BATCH) {
      int to = Math.min(features.length, from + SCORING_BATCH);
      float[][] batch = java.util.Arrays.copyOfRange(features, from, to);
      float[][] out = predictor.predict(batch);
      if (out == null || out.length != batch.length) {
        throw new IllegalArgumentException("the model returned " + (out == null ? "null" : out.length
            + " prediction rows") + " for a batch of " + batch.length + " rows; predictions and"
            + " labels must have the same length");
      }
      System.arraycopy(out, 0, outputs, from, out.length);
    }
    return outputs;
  }

  private static boolean isBinary(double[] labels) {
    for (double l : labels) {
      if (l != 0 && l != 1) {
        return false;
      }
    }
    return true;
  }

  private static List<List<Long>> toLists(long[][] counts) {
    List<List<Long>> rows = new ArrayList<>();
    for (long[] row : counts) {
      rows.add(java.util.Arrays.stream(row).boxed().toList());
    }
    return rows;
  }
}
