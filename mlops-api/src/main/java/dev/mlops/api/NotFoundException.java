package dev.mlops.api;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a named thing (object, dataset, run, model version, alias, report) does not exist.
 * The message names what was looked for and where; check the name or list what exists.
 */
public class NotFoundException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to do
   */
  public NotFoundException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and what to do
   * @param cause the underlying failure, or {@code null}
   */
  public NotFoundException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with a named remedy; the message is the problem followed by the
   * remedy's Java wording.
   *
   * @param problem what went wrong, without what to do
   * @param remedy what to do
   */
  public NotFoundException(String problem, Remedy remedy) {
    super(problem, remedy, null);
  }
}
