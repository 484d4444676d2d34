package dev.mlops.api.validation;

import java.util.List;

/**
 * The names of the meta metrics, measured on the candidate itself rather than on its predictions.
 * A {@link ValueThreshold} on one of these names makes the validator measure it (see
 * {@link Measurement}); metrics nobody checks are not measured. Load time and artifact size need
 * a model the SDK loads itself ({@link OnnxModel}); for a host-supplied {@link Predictor} a check
 * on them fails with a message saying so, and memory covers the timed calls only.
 */
public final class MetaMetrics {
  /** Median latency of one call with one row, milliseconds. */
  public static final String LATENCY_P50_SINGLE = "latency.p50.single.ms";
  /** 95th percentile latency of one call with one row, milliseconds. */
  public static final String LATENCY_P95_SINGLE = "latency.p95.single.ms";
  /** 99th percentile latency of one call with one row, milliseconds. */
  public static final String LATENCY_P99_SINGLE = "latency.p99.single.ms";
  /** Median latency of one call at the chosen batch size, milliseconds. */
  public static final String LATENCY_P50_BATCH = "latency.p50.batch.ms";
  /** 95th percentile latency of one call at the chosen batch size, milliseconds. */
  public static final String LATENCY_P95_BATCH = "latency.p95.batch.ms";
  /** 99th percentile latency of one call at the chosen batch size, milliseconds. */
  public static final String LATENCY_P99_BATCH = "latency.p99.batch.ms";
  /** Rows per second at the chosen batch size (batch size / median batch latency). */
  public static final String THROUGHPUT = "throughput.rows_per_s";
  /** Time to load the model and make it ready to predict, milliseconds. */
  public static final String LOAD_TIME = "load.ms";
  /** Peak heap growth while loading (ONNX candidates) and running the model, bytes. */
  public static final String PEAK_HEAP = "memory.peak_heap.bytes";
  /** Peak growth of the process's resident native memory while loading and running, bytes. */
  public static final String PEAK_NATIVE = "memory.peak_native.bytes";
  /** The model artifact's size, bytes. */
  public static final String ARTIFACT_SIZE = "artifact.bytes";

  /** Every meta metric name. */
  public static final List<String> ALL = List.of(LATENCY_P50_SINGLE, LATENCY_P95_SINGLE,
      LATENCY_P99_SINGLE, LATENCY_P50_BATCH, LATENCY_P95_BATCH, LATENCY_P99_BATCH, THROUGHPUT,
      LOAD_TIME, PEAK_HEAP, PEAK_NATIVE, ARTIFACT_SIZE);

  private MetaMetrics() {}
}
