package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One input or output of a model's signature.
 *
 * @param name the tensor's name
 * @param elementType the element type as the format names it (for ONNX: {@code FLOAT}, {@code INT64}, ...)
 * @param shape the dimensions; {@code -1} for a dynamic one
 */
public record TensorSpec(String name, String elementType, List<Long> shape) {
  /**
   * Creates the value; {@code shape} is copied.
   *
   * @param name the name
   * @param elementType the element type
   * @param shape the dimensions
   */
  public TensorSpec {
    requireNonNull(name, "name");
    requireNonNull(elementType, "elementType");
    shape = List.copyOf(shape);
  }
}
