package dev.mlops.api;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a promotion gate refuses to move a protected alias: the validation report failed,
 * approvals are missing, or a request expired. The message lists what the gate still requires.
 */
public class GateFailedException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to do
   */
  public GateFailedException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and what to do
   * @param cause the underlying failure, or {@code null}
   */
  public GateFailedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with a named remedy; the message is the problem followed by the
   * remedy's Java wording.
   *
   * @param problem what went wrong, without what to do
   * @param remedy what to do
   */
  public GateFailedException(String problem, Remedy remedy) {
    super(problem, remedy, null);
  }
}
