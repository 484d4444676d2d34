package dev.mlops.api;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when stored bytes do not match their address or checksum: a truncated, bit-flipped
 * or otherwise corrupted object. The message names the object. Nothing was returned to the caller
 * from the corrupt object; restore it from a replica or re-create it, then run {@code mlops store verify}.
 */
public class IntegrityException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to do
   */
  public IntegrityException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and what to do
   * @param cause the underlying failure, or {@code null}
   */
  public IntegrityException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
