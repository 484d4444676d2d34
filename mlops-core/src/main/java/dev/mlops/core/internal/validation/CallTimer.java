package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.Predictor;

/**
 * Times one prediction call: nothing but {@code predict} between the two clock reads. Public so the
 * harness's overhead can be benchmarked against timing ONNX Runtime directly.
 */
public final class CallTimer {
  private CallTimer() {}

  /**
   * Calls the predictor once and returns how long the call took.
   *
   * @param predictor the model
   * @param batch the rows, built before the clock starts
   * @return the call's duration in milliseconds
   */
  public static double timeMillis(Predictor predictor, float[][] batch) {
    long start = System.nanoTime();
    predictor.predict(batch);
    return (System.nanoTime() - start) / 1e6;
  }
}
