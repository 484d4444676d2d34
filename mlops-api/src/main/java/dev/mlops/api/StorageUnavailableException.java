package dev.mlops.api;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the object store cannot be reached or refuses service after retries: a missing
 * directory, a full disk, permissions, network or server errors. The message names the store, the
 * key and the cause. Nothing was acknowledged by the failed call.
 */
public class StorageUnavailableException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to do
   */
  public StorageUnavailableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and what to do
   * @param cause the underlying failure, or {@code null}
   */
  public StorageUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
