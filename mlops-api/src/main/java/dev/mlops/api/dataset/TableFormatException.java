package dev.mlops.api.dataset;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.Remedy;
import org.jspecify.annotations.Nullable;

/**
 * A file given as a table is not a table of its format, or holds something the format's reader does
 * not support (a truncated or damaged Parquet file, a CSV named {@code .parquet}, a nested column):
 * nothing was committed. Or a table cannot be written in the format a checkout asked for (a column
 * type Parquet output does not write): no file was written. The message names the file and, where
 * there is one, the column.
 */
public final class TableFormatException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and what to do
   * @param cause the underlying failure, or null
   */
  public TableFormatException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception with a named remedy; the message is the problem followed by the remedy's
   * Java wording.
   *
   * @param problem what is wrong, without what to do
   * @param remedy what to do
   * @param cause the underlying failure, or null
   */
  public TableFormatException(String problem, Remedy remedy, @Nullable Throwable cause) {
    super(problem, remedy, cause);
  }
}
