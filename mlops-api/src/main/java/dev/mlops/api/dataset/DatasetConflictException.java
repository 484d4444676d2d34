package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.ConflictException;
import dev.mlops.api.Remedy;

/**
 * Thrown when a commit found its head moved by another writer and could not be re-parented. Both
 * versions are kept: {@link #attempted()} is stored and can be resolved by its id, tagged or
 * committed again on top of {@link #current()}; nothing is lost.
 */
public class DatasetConflictException extends ConflictException {
  private static final long serialVersionUID = 1L;

  /** The version this commit stored but could not put on the head. */
  private final transient DatasetVersion attempted;

  /** The version the head points to now. */
  private final transient DatasetVersion current;

  /**
   * Creates the exception.
   *
   * @param message what happened and what to do
   * @param attempted the version the commit stored
   * @param current the version the head points to now
   */
  public DatasetConflictException(String message, DatasetVersion attempted, DatasetVersion current) {
    super(message);
    this.attempted = requireNonNull(attempted, "attempted");
    this.current = requireNonNull(current, "current");
  }

  /**
   * Creates the exception with a named remedy.
   *
   * @param problem what happened, without what to do
   * @param remedy what to do
   * @param attempted the version the commit stored
   * @param current the version the head points to now
   */
  public DatasetConflictException(String problem, Remedy remedy, DatasetVersion attempted,
      DatasetVersion current) {
    super(problem, remedy);
    this.attempted = requireNonNull(attempted, "attempted");
    this.current = requireNonNull(current, "current");
  }

  /**
   * Returns the version this commit stored, which the head does not point to.
   *
   * @return the attempted version
   */
  public DatasetVersion attempted() {
    return attempted;
  }

  /**
   * Returns the version the head points to now, committed by another writer.
   *
   * @return the head's current version
   */
  public DatasetVersion current() {
    return current;
  }
}
