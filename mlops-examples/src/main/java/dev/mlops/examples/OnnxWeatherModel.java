package dev.mlops.examples;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.examples.WeatherData.Day;
import java.util.List;
import java.util.Map;

/**
 * The exported weather model served by ONNX Runtime, as a service would run it: bytes in, one
 * label per day out. Not thread-safe; close it to free the native session.
 */
public final class OnnxWeatherModel implements AutoCloseable {
  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final List<String> labels;

  /**
   * Opens a session on an ONNX model written by {@link WeatherTrainer#exportOnnx}.
   *
   * @param onnx the model's bytes
   * @param labels the labels in the order of the output's columns ({@link WeatherTrainer#labels})
   */
  public OnnxWeatherModel(byte[] onnx, List<String> labels) {
    try {
      this.session = environment.createSession(onnx, new OrtSession.SessionOptions());
    } catch (OrtException e) {
      throw new IllegalArgumentException("not a model ONNX Runtime can run: " + e.getMessage(), e);
    }
    this.labels = List.copyOf(labels);
  }

  /**
   * Predicts one day's weather.
   *
   * @param day the day (its label is not used)
   * @return the most probable label
   */
  public String predict(Day day) {
    try (OnnxTensor input = OnnxTensor.createTensor(environment, new float[][] {WeatherTrainer.features(day)});
        OrtSession.Result result = session.run(Map.of("input", input))) {
      float[] probabilities = ((float[][]) result.get(0).getValue())[0];
      int best = 0;
      for (int i = 1; i < probabilities.length; i++) {
        best = probabilities[i] > probabilities[best] ? i : best;
      }
      return labels.get(best);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to predict " + day.date() + ": " + e.getMessage(), e);
    }
  }

  /** Frees the native session. */
  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("could not close the ONNX session", e);
    }
  }
}
