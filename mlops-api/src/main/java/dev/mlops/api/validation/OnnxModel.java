package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * An ONNX model's bytes, given to the validator as the candidate so that it can measure what a
 * host-supplied {@link Predictor} cannot: the time to load the model, the memory of its session
 * and the artifact's size. The validator loads it with ONNX Runtime and closes the session after
 * the run. The bytes are copied in and out.
 */
public final class OnnxModel {
  private final byte[] bytes;
  private final String label;

  private OnnxModel(byte[] bytes, String label) {
    this.bytes = bytes;
    this.label = label;
  }

  /**
   * Wraps a model's bytes.
   *
   * @param bytes the {@code .onnx} file's content, not empty
   * @param label how messages name the model (for example {@code churn/3})
   * @return the model
   */
  public static OnnxModel of(byte[] bytes, String label) {
    requireNonNull(bytes, "bytes");
    requireNonNull(label, "label");
    if (bytes.length == 0) {
      throw new IllegalArgumentException("ONNX model '" + label + "' is empty (0 bytes)");
    }
    return new OnnxModel(bytes.clone(), label);
  }

  /**
   * Returns a copy of the bytes.
   *
   * @return the model's bytes
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Returns the artifact's size.
   *
   * @return the size in bytes
   */
  public int size() {
    return bytes.length;
  }

  /**
   * Returns the label messages use.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OnnxModel o && label.equals(o.label) && Arrays.equals(bytes, o.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * label.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "OnnxModel[" + label + ", " + bytes.length + " bytes]";
  }
}
