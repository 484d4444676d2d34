package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.NotFoundException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs of one prediction and the version that served it.
 *
 * @param version the model version whose session ran the prediction
 * @param outputs output name to tensor, in the model's output order
 */
public record Prediction(ModelVersion version, Map<String, Tensor> outputs) {
  /**
   * Creates the value; {@code outputs} is copied, keeping its order.
   *
   * @param version the serving version
   * @param outputs the outputs
   */
  public Prediction {
    requireNonNull(version, "version");
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }

  /**
   * Returns one output.
   *
   * @param name the output's name
   * @return the tensor
   * @throws NotFoundException if the model has no such output
   */
  public Tensor output(String name) {
    Tensor tensor = outputs.get(name);
    if (tensor == null) {
      throw new NotFoundException("model " + version + " has no output '" + name + "'; its outputs are "
          + outputs.keySet());
    }
    return tensor;
  }

  /**
   * Returns the first output, the usual one for single-output models.
   *
   * @return the tensor
   */
  public Tensor first() {
    return outputs.values().iterator().next();
  }
}
