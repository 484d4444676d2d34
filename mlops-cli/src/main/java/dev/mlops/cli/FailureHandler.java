package dev.mlops.cli;

import dev.mlops.api.MlOpsException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into exit code 1 and one line on stderr,
 * {@code mlops: <what went wrong and what to do>}; the stack trace follows only in debug mode.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  private final BooleanSupplier debug;

  FailureHandler(BooleanSupplier debug) {
    this.debug = debug;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    err.println("mlops: " + describe(e));
    if (debug.getAsBoolean()) {
      e.printStackTrace(err);
    }
    err.flush();
    return Main.EXIT_FAILURE;
  }

  /**
   * Describes a failure in one line. The SDK's own exceptions already say what to do; anything
   * else is unexpected, so the line names its type and points to the stack trace.
   */
  static String describe(Throwable e) {
    String message = oneLine(e.getMessage());
    if (e instanceof MlOpsException || e instanceof IllegalArgumentException) {
      return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      String cause = oneLine(e.getCause().toString());
      message = message.isEmpty() ? cause : message + ": " + cause;
    }
    String what = message.isEmpty() ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + message;
    return what + " (unexpected; run again with --verbose or " + Main.DEBUG_ENV
        + "=1 for the stack trace, and report it if it persists)";
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
