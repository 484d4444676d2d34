package dev.mlops.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * An {@code mlops.*} property whose value cannot work: an unknown store scheme, a malformed model
 * reference, a model or dataset the store does not have. {@link MlOpsPropertyFailureAnalyzer} turns
 * it into Spring Boot's "APPLICATION FAILED TO START" report naming the property and the fix.
 */
public class MlOpsPropertyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String property;
  private final @Nullable String value;
  private final String problem;
  private final String action;

  /**
   * Creates the exception.
   *
   * @param property the property's full name, such as {@code mlops.models.churn.ref}
   * @param value the value it has, or null when unset
   * @param problem what is wrong with it
   * @param action what to change
   * @param cause the SDK's error, or null
   */
  public MlOpsPropertyException(String property, @Nullable String value, String problem, String action,
      @Nullable Throwable cause) {
    super(property + "=" + value + ": " + problem, cause);
    this.property = property;
    this.value = value;
    this.problem = problem;
    this.action = action;
  }

  /**
   * Returns the property's full name.
   *
   * @return such as {@code mlops.store}
   */
  public String property() {
    return property;
  }

  /**
   * Returns the property's value.
   *
   * @return it, or null when unset
   */
  public @Nullable String value() {
    return value;
  }

  /**
   * Returns what is wrong with the value.
   *
   * @return the problem
   */
  public String problem() {
    return problem;
  }

  /**
   * Returns what to change.
   *
   * @return the fix, in property terms
   */
  public String action() {
    return action;
  }
}
