package dev.mlops.api;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a write lost a race or contradicts what is stored: a compare-and-set whose
 * expected version is stale, a parameter set twice with different values, a name already taken.
 * Re-read the current state and decide again; retrying blindly is never the fix.
 */
public class ConflictException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to do
   */
  public ConflictException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and what to do
   * @param cause the underlying failure, or {@code null}
   */
  public ConflictException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with a named remedy; the message is the problem followed by the
   * remedy's Java wording.
   *
   * @param problem what went wrong, without what to do
   * @param remedy what to do
   */
  public ConflictException(String problem, Remedy remedy) {
    super(problem, remedy, null);
  }
}
