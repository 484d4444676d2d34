package dev.mlops.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's {@code main} in a separate JVM on the test class path and collects what it
 * printed: for what only a real process shows (its exit, its threads, its stderr).
 */
public final class ChildJvm {
  /** What a finished child left: its exit code and everything it printed. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private ChildJvm() {}

  /**
   * Runs {@code main} of a class to its end (bounded by ten minutes, a bound only a hung child
   * reaches).
   *
   * @param main the class
   * @param args its arguments
   * @return exit code, stdout and stderr
   */
  public static Result run(Class<?> main, String... args) {
    return run(List.of(), main, args);
  }

  /**
   * Runs {@code main} of a class with JVM options (such as {@code -Dname=value}).
   *
   * @param jvmOptions options before the class name
   * @param main the class
   * @param args its arguments
   * @return exit code, stdout and stderr
   */
  public static Result run(List<String> jvmOptions, Class<?> main, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(main.getSimpleName() + " did not end in 10 minutes");
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Reads a stream to its end on a thread of its own, so a full pipe never blocks the child. */
  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (stream) {
        text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        text.completeExceptionally(e);
      }
    }, "child-output");
    reader.setDaemon(true);
    reader.start();
    return text;
  }
}
