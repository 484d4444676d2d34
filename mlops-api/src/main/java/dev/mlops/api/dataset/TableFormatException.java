package dev.mlops.api.dataset;

import dev.mlops.api.MlOpsException;
import org.jspecify.annotations.Nullable;

/**
 * A file given as a table is not a table of its format, or holds something the format's reader does
 * not support (a truncated or damaged Parquet file, a CSV named {@code .parquet}, a nested column).
 * The message names the file and, where there is one, the column. Nothing was committed.
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
}
