package dev.mlops.core.internal.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.api.registry.InvalidModelException;
import dev.mlops.api.registry.ModelSignature;
import dev.mlops.api.registry.Tensor;
import dev.mlops.api.validation.Predictor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An ONNX model as a {@link Predictor}: the rows go to the model's single input as a
 * {@code [rows, features]} FLOAT tensor, and the model's first FLOAT output comes back as rows (a
 * {@code [rows]} output gives rows of one value). Thread-safe; owns its session until closed.
 *
 * <pre>{@code
 * try (OnnxPredictor predictor = OnnxPredictor.open(Path.of("model.onnx"))) {
 *   float[][] probabilities = predictor.predict(new float[][] {{0.1f, 2f}});
 * }
 * }</pre>
 */
public final class OnnxPredictor implements Predictor, AutoCloseable {
  private final SharedSession session;
  private final ModelSignature signature;
  private final String input;
  private final String output;
  private final String label;

  private OnnxPredictor(SharedSession session, String label) {
    this.session = session;
    this.label = label;
    try {
      this.signature = OnnxModels.signature(session.session());
    } catch (OrtException e) {
      session.release();
      throw new InvalidModelException("could not read the signature of " + label + ": " + e.getMessage(), e);
    }
    if (signature.inputs().size() != 1) {
      session.release();
      throw new InvalidModelException(label + " has " + signature.inputs().size() + " inputs " + signature.inputs()
          + "; a Predictor needs a model with one [rows, features] FLOAT input");
    }
    this.input = signature.inputs().get(0).name();
    this.output = signature.outputs().stream().filter(spec -> spec.elementType().equals("FLOAT"))
        .map(spec -> spec.name()).findFirst().orElseThrow(() -> {
          session.release();
          return new InvalidModelException(label + " has no FLOAT output " + signature.outputs());
        });
  }

  /**
   * Loads a predictor from an ONNX model's bytes.
   *
   * @param model the model file's bytes
   * @param label the model's name in error messages
   * @return the predictor; close it when done
   * @throws InvalidModelException if the bytes are not a suitable ONNX model
   */
  public static OnnxPredictor of(byte[] model, String label) {
    OrtSession session = OnnxModels.open(model, label);
    return new OnnxPredictor(new SharedSession(session, "", model.length), label);
  }

  /**
   * Loads a predictor from an ONNX model file.
   *
   * @param model the file
   * @return the predictor; close it when done
   */
  public static OnnxPredictor open(Path model) {
    try {
      return of(Files.readAllBytes(model), model.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + model, e);
    }
  }

  /**
   * Returns the model's signature.
   *
   * @return inputs and outputs
   */
  public ModelSignature signature() {
    return signature;
  }

  @Override
  public float[][] predict(float[][] features) {
    if (!session.tryRetain()) {
      throw new IllegalStateException("this predictor of " + label + " is closed");
    }
    try {
      Map<String, Tensor> outputs = OnnxRunner.run(session.session(), signature,
          Map.of(input, Tensor.ofFloats(features)), label);
      return outputs.get(output).floatRows();
    } finally {
      session.release();
    }
  }

  /** Closes the session once predictions still running are done. Idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      session.release();
    }
  }

  private boolean closed;
}
