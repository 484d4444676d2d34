package dev.mlops.api;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception the SDK throws on purpose. Unchecked: callers catch the specific
 * subtype they can act on ({@link NotFoundException}, {@link ConflictException},
 * {@link IntegrityException}, {@link InvalidNameException}, {@link GateFailedException},
 * {@link StorageUnavailableException}) and let the rest propagate.
 *
 * <p>Every message says what went wrong and what the caller can do about it.
 */
public class MlOpsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and what to do
   */
  public MlOpsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong and what to do
   * @param cause the underlying failure, or {@code null}
   */
  public MlOpsException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
