package dev.mlops.api;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Base of every exception the SDK throws on purpose. Unchecked: callers catch the specific
 * subtype they can act on ({@link NotFoundException}, {@link ConflictException},
 * {@link IntegrityException}, {@link InvalidNameException}, {@link GateFailedException},
 * {@link StorageUnavailableException}) and let the rest propagate.
 *
 * <p>Every message says what went wrong and what the caller can do about it. Where the remedy is
 * one of the named {@link Remedy remedies}, the exception keeps it apart from the problem, so that
 * a client other than Java code (the {@code mlops} command) can word it in its own terms.
 */
public class MlOpsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The named remedy, or null when the message alone says what to do. */
  private final @Nullable Remedy remedy;

  /** What went wrong, without the remedy. */
  private final String problem;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and what to do
   */
  public MlOpsException(String message) {
    this(message, (Throwable) null);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong and what to do
   * @param cause the underlying failure, or {@code null}
   */
  public MlOpsException(String message, @Nullable Throwable cause) {
    super(message, cause);
    this.problem = message;
    this.remedy = null;
  }

  /**
   * Creates an exception whose remedy is a named one; the message is the problem followed by the
   * remedy's Java wording.
   *
   * @param problem what went wrong, without what to do
   * @param remedy what to do
   * @param cause the underlying failure, or {@code null}
   */
  public MlOpsException(String problem, Remedy remedy, @Nullable Throwable cause) {
    super(problem + "; " + remedy.java(), cause);
    this.problem = problem;
    this.remedy = remedy;
  }

  /**
   * Returns what went wrong without the remedy: the whole message when the remedy is not a named
   * one.
   *
   * @return the problem
   */
  public String problem() {
    return problem;
  }

  /**
   * Returns the named remedy, for a client that words it in its own terms.
   *
   * @return the remedy, or empty when the message alone says what to do
   */
  public Optional<Remedy> remedy() {
    return Optional.ofNullable(remedy);
  }
}
