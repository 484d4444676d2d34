package dev.mlops.api.validation;

import java.util.List;

/**
 * Latencies measured at one batch size, after warm-up.
 *
 * @param batchSize rows per call
 * @param p50 the median, milliseconds
 * @param p95 the 95th percentile, milliseconds
 * @param p99 the 99th percentile, milliseconds
 * @param samplesMillis every timed call's latency in call order, milliseconds
 */
public record LatencyProfile(int batchSize, double p50, double p95, double p99,
    List<Double> samplesMillis) {
  /**
   * Creates the value; the samples are copied.
   *
   * @param batchSize the batch size
   * @param p50 the median
   * @param p95 the 95th percentile
   * @param p99 the 99th percentile
   * @param samplesMillis the samples
   */
  public LatencyProfile {
    samplesMillis = List.copyOf(samplesMillis);
  }
}
