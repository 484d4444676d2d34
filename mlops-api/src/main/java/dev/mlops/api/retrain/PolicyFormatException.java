package dev.mlops.api.retrain;

import dev.mlops.api.MlOpsException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the JSON form of a retrain policy cannot be read: not JSON, an unknown trigger
 * type, a missing or negative threshold. The message names the field and what is allowed.
 */
public class PolicyFormatException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and how to fix it
   * @param cause the underlying failure, or {@code null}
   */
  public PolicyFormatException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
