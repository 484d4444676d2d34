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
 * row, then with {@code batchSize} rows, rows taken in turn from the data. Then {@code calls}
 * untimed one-row calls between two readings of the thread's allocation counter give the heap bytes
 * allocated per prediction ({@link ThreadAllocations}; their inputs are built before the first
 * reading). Native memory is the peak growth since the probe started ({@link MemoryProbe}).
 */
final class LatencyMeter {
  private LatencyMeter() {}

  /** The measured meta metrics and the latency profiles behind them. */
  record Result(Map<String, Double> metrics, List<LatencyProfile> profiles) {}

  static Result measure(Predictor predictor, float[][] rows, Measurement settings,
      MemoryProbe memory) {
    LatencyProfile single = profile(predictor, rows, 1, settings);
    LatencyProfile batch = profile(predictor, rows, settings.batchSize(), settings);
    double allocated = allocatedPerPrediction(predictor, rows, settings.calls());
    long nativeBytes = memory.peakNativeBytes();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(MetaMetrics.LATENCY_P50_SINGLE, single.p50());
    metrics.put(MetaMetrics.LATENCY_P95_SINGLE, single.p95());
    metrics.put(MetaMetrics.LATENCY_P99_SINGLE, single.p99());
    metrics.put(MetaMetrics.LATENCY_P50_BATCH, batch.p50());
    metrics.put(MetaMetrics.LATENCY_P95_BATCH, batch.p95());
    metrics.put(MetaMetrics.LATENCY_P99_BATCH, batch.p99());
    metrics.put(MetaMetrics.THROUGHPUT, settings.batchSize() * 1000.0 / batch.p50());
    metrics.put(MetaMetrics.ALLOCATED_PER_PREDICTION, allocated);
    metrics.put(MetaMetrics.PEAK_NATIVE, nativeBytes < 0 ? Double.NaN : nativeBytes);
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

  /** Mean heap bytes the calling thread allocates per one-row call; NaN if the JVM cannot count. */
  private static double allocatedPerPrediction(Predictor predictor, float[][] rows, int calls) {
    float[][][] inputs = new float[calls][][];
    for (int i = 0; i < calls; i++) {
      inputs[i] = batch(rows, i % rows.length, 1);
    }
    long before = ThreadAllocations.current();
    for (float[][] input : inputs) {
      predictor.predict(input);
    }
    long after = ThreadAllocations.current();
    return before < 0 || after < 0 ? Double.NaN : (double) (after - before) / calls;
  }

  private static float[][] batch(float[][] rows, int from, int size) {
    float[][] batch = new float[size][];
    for (int i = 0; i < size; i++) {
      batch[i] = rows[(from + i) % rows.length];
    }
    return batch;
  }
}
