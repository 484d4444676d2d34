package dev.mlops.api.validation;

/**
 * A model as the validator sees it: a batch of feature rows in, a batch of output rows out
 * (class probabilities for classifiers, one value for regressors). ONNX models are wrapped in one
 * by the SDK; hosts may supply their own. Must be thread-safe if the suite measures concurrency.
 */
@FunctionalInterface
public interface Predictor {
  /**
   * Predicts a batch.
   *
   * @param features one row per example
   * @return one output row per example, in the same order
   */
  float[][] predict(float[][] features);
}
