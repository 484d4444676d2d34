package dev.mlops.api;

/**
 * Thrown when a user-given name (dataset, experiment, run, model, alias, tag, head) or an object
 * key breaks the naming rule documented in {@link Names} or
 * {@link dev.mlops.api.storage.ObjectKeys}. The message quotes the rejected value and the rule.
 *
 * <p>It is an {@link MlOpsException}, so one catch covers every SDK failure; it is thrown before
 * anything is written, so a bad name never reaches storage.
 */
public class InvalidNameException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the rejected value and the rule it breaks
   */
  public InvalidNameException(String message) {
    super(message);
  }
}
