package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.LatencyProfile;
import dev.mlops.api.validation.Measurement;
import dev.mlops.api.validation.MetaMetrics;
import dev.mlops.api.validation.Predictor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a predictor's latency, throughput and memory: {@code warmupCalls} untimed calls at each
 * batch size, then {@code calls} calls each timed alone with {@link System#nanoTime()} (nothing
 * else inside the timed region: the input batch is built before the clock starts), first with one
 * row, then with {@code batchSize} rows, rows taken in turn from the data. Memory is read around
 * the timed calls, see {@link MemoryProbe}.
 */
final class LatencyMeter {
  private LatencyMeter() {}

  /** The measured meta metrics and the latency profiles behind them. */
  record Result(Map<String, Double> metrics, List<LatencyProfile> profiles) {}

  static Result measure(Predictor predictor, float[][] rows, Measurement settings,
      MemoryProbe memory) {
    LatencyProfile single = profile(predictor, rows, 1, settings);
    LatencyProfile batch = profile(predictor, rows, settings.batchSize(), settings);
    MemoryProbe.Peak peak = memory.peak();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(MetaMetrics.LATENCY_P50_SINGLE, single.p50());
    metrics.put(MetaMetrics.LATENCY_P95_SINGLE, single.p95());
    metrics.put(MetaMetrics.LATENCY_P99_SINGLE, single.p99());
    metrics.put(MetaMetrics.LATENCY_P50_BATCH, batch.p50());
    metrics.put(MetaMetrics.LATENCY_P95_BATCH, batch.p95());
    metrics.put(MetaMetrics.LATENCY_P99_BATCH, batch.p99());
    metrics.put(MetaMetrics.THROUGHPUT, settings.batchSize() * 1000.0 / batch.p50());
    metrics.put(MetaMetrics.PEAK_HEAP, (double) peak.heapBytes());
    metrics.put(MetaMetrics.PEAK_NATIVE, peak.nativeBytes() < 0 ? Double.NaN : peak.nativeBytes());
    return new Result(metrics, List.of(single, batch));
  }

  private static LatencyProfile profile(Predictor predictor, float[][] rows, int batchSize,
      Measurement settings) {
    int next = 0;
    for (int i = 0; i < settings.warmupCalls(); i++) {
      float[][] batch = batch(rows, next, batchSize);
      next = (next + batchSize) % rows.length;
      predictor.predict(batch);
    }
    double[] millis = new double[settings.calls()];
    for (int i = 0; i < millis.length; i++) {
      float[][] batch = batch(rows, next, batchSize);
      next = (next + batchSize) % rows.length;
      millis[i] = CallTimer.timeMillis(predictor, batch);
    }
    List<Double> samples = new ArrayList<>(millis.length);
    for (double m : millis) {
      samples.add(m);
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new LatencyProfile(batchSize, Percentiles.of(sorted, 0.50), Percentiles.of(sorted, 0.95),
        Percentiles.of(sorted, 0.99), samples);
  }

  private static float[][] batch(float[][] rows, int from, int size) {
    float[][] batch = new float[size][];
    for (int i = 0; i < size; i++) {
      batch[i] = rows[(from + i) % rows.length];
    }
    return batch;
  }
}
