package dev.mlops.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Debian's headless Chromium, run as a process on a local page (installed by .ci/run). */
final class Chromium {
  /** What one page load printed. */
  record Output(String dom, List<String> consoleMessages) {}

  private Chromium() {}

  static Optional<Path> find() {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable).findFirst();
  }

  /**
   * Loads a page once: saves a screenshot, returns its DOM after load and the console messages
   * Chromium logged.
   */
  static Output render(Path chromium, Path page, Path png, Path profile) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    List<String> args = new ArrayList<>(common(chromium, profile));
    args.addAll(List.of("--enable-logging=stderr", "--log-level=0", "--window-size=1000,1300",
        "--screenshot=" + png.toAbsolutePath(), "--dump-dom", page.toUri().toString()));
    Path stdout = Files.createTempFile(profile.getParent(), "dom", ".html");
    Path stderr = Files.createTempFile(profile.getParent(), "log", ".txt");
    run(args, stdout, stderr);
    List<String> console = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains(":CONSOLE")).toList();  // e.g. [..:INFO:CONSOLE:1] "boom", source: ...
    return new Output(Files.readString(stdout, StandardCharsets.UTF_8), console);
  }

  private static List<String> common(Path chromium, Path profile) {
    return List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--user-data-dir=" + profile.toAbsolutePath(), "--no-first-run");
  }

  private static void run(List<String> args, Path stdout, Path stderr) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(args).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("chromium did not finish within 90 s: " + args);
    }
    if (process.exitValue() != 0) {
      throw new IOException("chromium exited with " + process.exitValue() + ": "
          + Files.readString(stderr, StandardCharsets.UTF_8));
    }
  }
}
