package dev.mlops.api.registry;

import java.util.List;

/**
 * The inputs and outputs a model takes and gives.
 *
 * @param inputs the input tensors, in the model's order
 * @param outputs the output tensors, in the model's order
 */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {
  /**
   * Creates the value; lists are copied.
   *
   * @param inputs the inputs
   * @param outputs the outputs
   */
  public ModelSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
