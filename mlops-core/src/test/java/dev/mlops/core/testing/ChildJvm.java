package dev.mlops.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A test main class in a separate JVM with this JVM's class path, for crash and many-writer
 * tests. Its output goes to files, never to pipes: a killed child's last complete lines are on disk
 * (a line written by a finished write call survives SIGKILL), and a chatty child never blocks on a
 * pipe nobody reads.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * Starts {@code main} with {@code args}; standard output to {@code out}, standard error to
   * {@code out} with {@code .err} appended.
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
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", // small and quick to start
        "-XX:-UsePerfData", // a killed JVM would leave its hsperfdata file behind
        "--add-opens=java.base/java.nio=ALL-UNNAMED", // Arrow's memory module
        main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(errorsOf(out).toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** The file a child's standard error goes to. */
  public static Path errorsOf(Path out) {
    return out.resolveSibling(out.getFileName() + ".err");
  }

  /**
   * Returns the complete lines (ended by a newline) the child has written so far; a line cut by
   * a kill is left out.
   */
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
   * Waits until the child has written a line starting with {@code prefix}.
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

  /** The child's standard error so far, for failure messages. */
  public static String errors(Path out) {
    try {
      Path err = errorsOf(out);
      return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Kills the child with SIGKILL (no shutdown hooks, no finally blocks) and waits for its end. */
  public static void kill(Process child) throws InterruptedException {
    child.destroyForcibly();
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("a killed child did not end within 60 s");
    }
  }
}
