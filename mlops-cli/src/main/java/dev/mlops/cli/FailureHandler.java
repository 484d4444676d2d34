package dev.mlops.cli;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.experiment.FilterSyntaxException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into exit code 1 and one line on stderr,
 * {@code mlops: <what went wrong and what to do>}; the stack trace follows only in debug mode.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  /** The longest line a failure prints. */
  static final int MAX_CHARS = 2_000;

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
   * Describes a failure in one line of at most {@value #MAX_CHARS} characters (a filter's syntax
   * error takes three: the problem, the expression and a caret under the place). The SDK's own
   * exceptions already say what to do; a file that cannot be read or written is the user's to fix
   * (the path, permissions, free space); anything else is a bug, so the line says "unexpected",
   * names its type and points to the stack trace.
   */
  static String describe(Throwable e) {
    return shortened(describeInFull(e));
  }

  private static String describeInFull(Throwable e) {
    if (e instanceof FilterSyntaxException filter) {
      // the expression and a caret under the problem, on lines of their own so the caret lines up
      return filter.getMessage().strip().replaceAll("\\R", System.lineSeparator());
    }
    String message = oneLine(e instanceof MlOpsException sdk ? Remedies.describe(sdk) : e.getMessage());
    if (e instanceof MlOpsException || e instanceof IllegalArgumentException) {
      return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
    IOException io = e instanceof IOException direct ? direct
        : e instanceof UncheckedIOException unchecked ? unchecked.getCause() : null;
    if (io != null) {
      String cause = io instanceof FileSystemException f && f.getFile() != null
          ? oneLine(f.getFile() + ": " + CliFiles.describe(f)) : oneLine(CliFiles.describe(io));
      return (e == io || message.isEmpty() ? "" : message + ": ") + cause
          + (cause.contains("; ") ? "" : "; check the path, its permissions and the free space");
    }
    String what = message.isEmpty() ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + message;
    return what + " (unexpected; run again with --verbose or " + Main.DEBUG_ENV
        + "=1 for the stack trace, and report it if it persists)";
  }

  private static String shortened(String line) {
    return line.length() <= MAX_CHARS ? line
        : line.substring(0, MAX_CHARS) + "… (" + line.length() + " characters)";
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
