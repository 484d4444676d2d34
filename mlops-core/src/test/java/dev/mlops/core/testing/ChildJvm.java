package dev.mlops.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class's {@code main} in a separate JVM on the test class path: for what only a real
 * process shows (its exit, its threads, its stderr) with {@link #run}, and for crash and
 * many-writer tests with {@link #start}, whose output goes to files, never to pipes: a killed
 * child's complete lines are on disk (a line written by a finished write call survives SIGKILL),
 * and a chatty child never blocks on a pipe nobody reads.
 */
public final class ChildJvm {
  /** What a finished child left: its exit code and everything it printed. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Options of children started to be killed: small, quick to start, nothing left behind. */
  private static final List<String> QUICK = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-XX:-UsePerfData", // a killed JVM would leave its hsperfdata file behind
      "--add-opens=java.base/java.nio=ALL-UNNAMED"); // Arrow's memory module

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
    try {
      Process process = new ProcessBuilder(command(jvmOptions, main, args)).start();
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

  /**
   * Starts {@code main} with {@code args}; standard output to {@code out}, standard error to
   * {@link #errorsOf(Path) out.err}.
   *
   * @param main the class whose main method runs
   * @param out where the child's standard output goes
   * @param environment variables added to the child's environment
   * @param args the main method's arguments
   * @return the running process
   * @throws IOException if the JVM cannot be started
   */
  public static Process start(Class<?> main, Path out, Map<String, String> environment,
      String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command(QUICK, main, args))
        .redirectOutput(out.toFile())
        .redirectError(errorsOf(out).toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static List<String> command(List<String> jvmOptions, Class<?> main, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return command;
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

  /** The file a started child's standard error goes to. */
  public static Path errorsOf(Path out) {
    return out.resolveSibling(out.getFileName() + ".err");
  }

  /** The complete lines (ended by a newline) in a file; a line cut by a kill is left out. */
  public static List<String> lines(Path out) {
    try {
      String text = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      lines.remove(lines.size() - 1); // after the last newline: empty, or a cut line
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until a started child has written a line starting with {@code prefix}.
   *
   * @return that line
   * @throws AssertionError if the child ends first, or after {@code max}, with its errors
   */
  public static String awaitLine(Process child, Path out, String prefix, Duration max)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      for (String line : lines(out)) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("the child " + (child.isAlive() ? "did not print '" + prefix
            + "' within " + max : "ended (exit " + child.exitValue() + ") before printing '"
            + prefix + "'") + "; its errors: " + errors(out));
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  /** A started child's standard error so far, for failure messages. */
  public static String errors(Path out) {
    try {
      Path err = errorsOf(out);
      return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Kills a child with SIGKILL (no shutdown hooks, no finally blocks) and waits for its end. */
  public static void kill(Process child) throws InterruptedException {
    child.destroyForcibly();
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("a killed child did not end within 60 s");
    }
  }
}
