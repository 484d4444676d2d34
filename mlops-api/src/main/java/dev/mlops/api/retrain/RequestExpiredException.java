package dev.mlops.api.retrain;

import dev.mlops.api.ConflictException;

/**
 * Thrown when a retrain request is approved or rejected after it expired. Nothing runs; if the
 * retrain is still wanted, the policy creates a new request at its next firing (or the host runs
 * the pipeline by hand).
 */
public class RequestExpiredException extends ConflictException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to do
   */
  public RequestExpiredException(String message) {
    super(message);
  }
}
