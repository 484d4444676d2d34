package dev.mlops.api.registry;

import dev.mlops.api.MlOpsException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a model cannot be used as given: an artifact registered as {@link ModelFormat#ONNX}
 * that ONNX Runtime cannot read, a model served that is not ONNX, or prediction inputs that do not
 * match the model's signature. The message names what the model expects; fix the artifact or the
 * inputs (nothing was stored or predicted).
 */
public class InvalidModelException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to do
   */
  public InvalidModelException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and what to do
   * @param cause the underlying failure, or {@code null}
   */
  public InvalidModelException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
