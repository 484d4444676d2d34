package dev.mlops.api.validation;

import java.util.List;

/**
 * The names of the meta metrics, measured on the candidate itself rather than on its predictions.
 * A {@link ValueThreshold} on one of these names makes the validator measure it (see
 * {@link Measurement}); metrics nobody checks are not measured. Load time and artifact size need
 * a model the SDK loads itself ({@link OnnxModel}); for a host-supplied {@link Predictor} a check
 * on them fails with a message saying so, and native memory covers the timed calls only.
 *
 * <p>{@code memory.peak_heap.bytes} is gone: it read the heap pools' peaks, which move in whole G1
 * regions, so it was 0 or 4,194,304 whatever the model did. A suite that still names it fails
 * when it runs, naming {@link #ALLOCATED_PER_PREDICTION}; stored reports that carry it still read.
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
  /**
   * Java heap bytes allocated per one-row prediction: what the calling thread allocated during
   * {@code calls} one-row predict calls (the JVM's per-thread allocation counter), divided by
   * {@code calls}. Allocations on other threads, and ONNX Runtime's native memory, are not in it.
   */
  public static final String ALLOCATED_PER_PREDICTION = "memory.allocated_per_prediction.bytes";
  /**
   * Peak growth of the process's resident set (Linux {@code VmHWM}) while loading (ONNX
   * candidates) and running the model, bytes: ONNX Runtime's session and arena memory.
   */
  public static final String PEAK_NATIVE = "memory.peak_native.bytes";
  /** The model artifact's size, bytes. */
  public static final String ARTIFACT_SIZE = "artifact.bytes";

  /** Every meta metric name. */
  public static final List<String> ALL = List.of(LATENCY_P50_SINGLE, LATENCY_P95_SINGLE,
      LATENCY_P99_SINGLE, LATENCY_P50_BATCH, LATENCY_P95_BATCH, LATENCY_P99_BATCH, THROUGHPUT,
      LOAD_TIME, ALLOCATED_PER_PREDICTION, PEAK_NATIVE, ARTIFACT_SIZE);

  private MetaMetrics() {}
}
