package dev.mlops.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the JVM was started without an option the SDK needs, before anything was written.
 * The message names the option and where to put it (the {@code java} command line, Maven, Surefire,
 * Gradle); {@link #option()} gives the option alone.
 */
public class MissingJvmOptionException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /** The missing option, as written on the {@code java} command line. */
  private final String option;

  /**
   * Creates the exception.
   *
   * @param option the missing option, as it is written on the {@code java} command line
   * @param message what went wrong and where to add the option
   * @param cause the failure that showed the option is missing, or {@code null}
   */
  public MissingJvmOptionException(String option, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.option = requireNonNull(option, "option");
  }

  /**
   * The missing option, as it is written on the {@code java} command line.
   *
   * @return for example {@code --add-opens=java.base/java.nio=ALL-UNNAMED}
   */
  public String option() {
    return option;
  }
}
