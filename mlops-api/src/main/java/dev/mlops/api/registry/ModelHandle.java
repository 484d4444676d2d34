package dev.mlops.api.registry;

import java.util.Map;

/**
 * A loaded model that runs predictions, from {@link ModelRegistry#load(String)}. A handle loaded
 * from {@code model@alias} follows the alias: when it moves, the next prediction runs on the new
 * version while predictions already running finish on the old one, whose session is closed after
 * the last of them. A handle loaded from {@code model/N} stays on version N.
 *
 * <p>Thread-safe: many threads may predict at once. {@link #close()} is idempotent; predicting on
 * a closed handle is an {@link IllegalStateException}.
 */
public interface ModelHandle extends AutoCloseable {
  /**
   * Returns the reference this handle was loaded from.
   *
   * @return {@code model@alias} or {@code model/N}
   */
  String reference();

  /**
   * Returns the version the next prediction will run on. Cheap: no I/O.
   *
   * @return the current version
   */
  ModelVersion version();

  /**
   * Runs the model on named inputs.
   *
   * @param inputs input name to tensor; every input of the signature is required
   * @return the outputs and the version that produced them
   * @throws InvalidModelException if an input is missing, unknown, or of the wrong type or shape
   *     (the message names what the model expects)
   */
  Prediction predict(Map<String, Tensor> inputs);

  /**
   * Runs a model that has exactly one input.
   *
   * @param input the input tensor
   * @return the outputs and the version that produced them
   * @throws InvalidModelException if the model has several inputs or the input does not match
   */
  Prediction predict(Tensor input);

  /** Releases this handle's session (after predictions still running). Idempotent. */
  @Override
  void close();
}
