package dev.mlops.examples;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.examples.WeatherData.Day;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The exported weather model served by ONNX Runtime, as a service would run it: bytes in, one
 * label per day out. Thread-safe (ONNX Runtime sessions are); close it to free the native session.
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
   * Opens a session on an ONNX file.
   *
   * @param onnx the model's file
   * @param labels the labels in the order of the output's columns
   * @return the served model
   */
  public static OnnxWeatherModel of(Path onnx, List<String> labels) {
    try {
      return new OnnxWeatherModel(Files.readAllBytes(onnx), labels);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Predicts one day's weather.
   *
   * @param day the day (its label is not used)
   * @return the most probable label
   */
  public String predict(Day day) {
    float[] probabilities = probabilities(new float[][] {WeatherTrainer.features(day)})[0];
    int best = 0;
    for (int i = 1; i < probabilities.length; i++) {
      best = probabilities[i] > probabilities[best] ? i : best;
    }
    return WeatherData.LABELS.get(best);
  }

  /**
   * Predicts class probabilities, columns in the order of {@link WeatherData#LABELS} whatever
   * the model's own order, so that two models can be compared on the same labels. Thread-safe.
   *
   * @param rows feature rows made by {@link WeatherTrainer#features}
   * @return one row of five probabilities per input row
   */
  public float[][] probabilities(float[][] rows) {
    try (OnnxTensor input = OnnxTensor.createTensor(environment, rows);
        OrtSession.Result result = session.run(Map.of("input", input))) {
      float[][] own = (float[][]) result.get(0).getValue();
      float[][] canonical = new float[own.length][WeatherData.LABELS.size()];
      for (int row = 0; row < own.length; row++) {
        for (int column = 0; column < labels.size(); column++) {
          canonical[row][WeatherData.LABELS.indexOf(labels.get(column))] = own[row][column];
        }
      }
      return canonical;
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to predict: " + e.getMessage(), e);
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
