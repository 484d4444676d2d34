package dev.mlops.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/mlops}'s class data sharing: the first run of a jar on a JDK writes an archive into
 * the user's cache, later runs map it, a rebuilt jar gets a new one, runs that start together all
 * work. Runs a copy of the launcher and the jar (the launcher finds the jar beside itself), so the
 * jar's time can be changed. Runs in the package phase, as {@link LauncherTest}.
 */
@DisplayName("The mlops launcher's class data sharing")
class LauncherCdsTest {
  @TempDir Path dir;

  private Path launcher;
  private Path jar;
  private Path cache;

  @BeforeEach
  void layout() throws IOException {
    String launcherPath = System.getProperty("mlops.launcher");
    assumeTrue(launcherPath != null, "runs in the package phase, after the shaded jar is built:"
        + " ./mvnw -o -pl mlops-cli package");
    launcher = Files.createDirectories(dir.resolve("mlops/bin")).resolve("mlops");
    Files.copy(Path.of(launcherPath), launcher);
    launcher.toFile().setExecutable(true);
    jar = Files.createDirectories(dir.resolve("mlops/mlops-cli/target")).resolve("mlops.jar");
    Files.copy(Path.of(System.getProperty("mlops.jar")), jar, StandardCopyOption.COPY_ATTRIBUTES);
    cache = dir.resolve("cache");
  }

  @Test
  @DisplayName("the first run writes one archive and keeps stdout clean, the next maps it, a rebuilt jar replaces it")
  void archiveMadeUsedAndReplaced() throws Exception {
    Child first = run(Map.of(), "--version");
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().strip().matches("mlops \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"),
        "the archiving run's reports stay off stdout: " + first.out());
    List<Path> archives = files();
    assertEquals(1, archives.size(), archives.toString());
    assertTrue(archives.get(0).getFileName().toString().endsWith(".jsa"), archives.toString());

    Path log = dir.resolve("class-load.log");
    Child second = run(Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + log), "--version");
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(Files.readAllLines(log).stream().anyMatch(line -> line.contains("dev.mlops.cli.Main ")
        && line.contains("shared objects file")), "the launcher's classes come from the archive");

    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // as a rebuild does
    assertEquals(0, run(Map.of(), "--version").exitCode());
    List<Path> after = files();
    assertEquals(1, after.size(), "the stale archive is gone: " + after);
    assertNotEquals(archives, after, "a new archive for the new jar");
  }

  @Test
  @DisplayName("runs that start together with no archive all succeed and leave one whole archive")
  void concurrentFirstRuns() throws Exception {
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      processes.add(start(Map.of(), i, "--version"));
    }
    for (int i = 0; i < processes.size(); i++) {
      Child child = finish(processes.get(i), i);
      assertEquals(0, child.exitCode(), child.err());
      assertTrue(child.out().strip().startsWith("mlops "), child.out());
    }
    List<Path> archives = files();
    assertEquals(1, archives.size(), "no temporary file left: " + archives);
    Child after = run(Map.of(), "--version");
    assertEquals(0, after.exitCode(), "the archive left is whole: " + after.err());
  }

  @Test
  @DisplayName("MLOPS_CDS=off writes no archive")
  void off() throws Exception {
    assertEquals(0, run(Map.of("MLOPS_CDS", "off"), "--version").exitCode());
    assertEquals(List.of(), files());
  }

  private List<Path> files() throws IOException {
    Path cds = cache.resolve("mlops/cds");
    if (!Files.isDirectory(cds)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cds)) {
      return files.sorted().toList();
    }
  }

  private Child run(Map<String, String> environment, String... args) throws Exception {
    return finish(start(environment, 0, args), 0);
  }

  private Process start(Map<String, String> environment, int index, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
    builder.environment().remove("MLOPS_JAVA_OPTS");
    builder.environment().remove("MLOPS_CDS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().putAll(environment);
    return builder.redirectOutput(dir.resolve("out" + index).toFile())
        .redirectError(dir.resolve("err" + index).toFile()).start();
  }

  private Child finish(Process process, int index) throws Exception {
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the launcher did not finish in 180 s");
    }
    return new Child(process.exitValue(), Files.readString(dir.resolve("out" + index), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err" + index), StandardCharsets.UTF_8));
  }

  private record Child(int exitCode, String out, String err) {}
}
