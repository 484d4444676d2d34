package dev.mlops.api.experiment;

import dev.mlops.api.MlOpsException;

/**
 * Thrown when a filter expression cannot be parsed: a run search's, or a dataset view's
 * {@code where}. The message quotes the expression and
 * marks the position of the problem with {@code ^}; {@link #position()} gives it as an index.
 */
public class FilterSyntaxException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /** The character index in the expression where the problem was found. */
  private final int position;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, with the expression and a marker under the position
   * @param position the character index of the problem
   */
  public FilterSyntaxException(String message, int position) {
    super(message);
    this.position = position;
  }

  /**
   * Returns where in the expression the problem was found.
   *
   * @return a zero-based character index
   */
  public int position() {
    return position;
  }
}
