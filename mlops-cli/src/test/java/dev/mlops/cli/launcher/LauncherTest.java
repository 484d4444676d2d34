package dev.mlops.cli.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as users start it: {@code bin/mlops} running {@code target/mlops.jar} in a new JVM.
 * Runs in the package phase (the {@code launcher-test} execution in mlops-cli/pom.xml), once the jar
 * is built; skipped elsewhere.
 */
@DisplayName("The mlops launcher")
class LauncherTest {
  @TempDir Path dir;

  private Path launcher;
  private Path jar;

  @BeforeEach
  void locate() {
    String launcherPath = System.getProperty("mlops.launcher");
    assumeTrue(launcherPath != null, "runs in the package phase, after the shaded jar is built:"
        + " ./mvnw -o -pl mlops-cli package");
    launcher = Path.of(launcherPath).normalize();
    jar = Path.of(System.getProperty("mlops.jar"));
  }

  @Test
  @DisplayName("bin/mlops starts the shaded jar and prints the version")
  void theLauncherRunsTheJar() throws Exception {
    Child child = run(List.of(launcher.toString(), "--version"));
    assertEquals(0, child.exitCode(), child.err());
    assertTrue(child.out().strip().matches("mlops \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), child.out());
  }

  @Test
  @DisplayName("the jar's manifest opens java.nio, which java -jar (so bin/mlops) applies")
  void theManifestOpensJavaNio() throws IOException {
    assertEquals(List.of("java.base/java.nio"), manifestOpens());
  }

  @Test
  @DisplayName("Arrow IPC writes and reads work with the manifest's opening and fail without it")
  void arrowNeedsTheOpeningAndTheManifestGivesIt() throws Exception {
    Path csv = Files.writeString(dir.resolve("t.csv"), "a,b,label\n1.0,2,x\n3.5,4,y\n-1,0,x\n");
    List<String> flags = new ArrayList<>();
    for (String opening : manifestOpens()) {
      flags.add("--add-opens=" + opening + "=ALL-UNNAMED"); // what java -jar derives from the manifest
    }

    Child opened = probe(flags, dir.resolve("opened"), csv);
    assertEquals(0, opened.exitCode(), opened.err());
    assertEquals("rows 3", opened.out().strip());

    Child closed = probe(List.of(), dir.resolve("closed"), csv);
    assertNotEquals(0, closed.exitCode(), "control: without the opening Arrow IPC fails on JDK 17+");
    assertTrue(closed.err().contains("DirectByteBuffer"), closed.err());
  }

  @Test
  @DisplayName("bin/mlops delays C2, not C1, for short commands, not for the servers; MLOPS_JAVA_OPTS overrides it")
  void shortCommandsCompileLater() throws Exception {
    String flags = "-XX:+PrintFlagsFinal"; // prints the JVM's flags on stdout, then runs the command
    Map<String, String> command = jitFlags(Map.of("MLOPS_JAVA_OPTS", flags), "store", "-V");
    assertEquals("10.000000", command.get("CompileThresholdScaling"));
    assertEquals("50000", command.get("Tier4InvocationThreshold"), "C2: 10 times the default");
    assertEquals("200", command.get("Tier3InvocationThreshold"), "C1: the JVM's default");
    assertEquals("7", command.get("Tier0InvokeNotifyFreqLog"), "the JVM's default");

    Map<String, String> overridden = jitFlags(
        Map.of("MLOPS_JAVA_OPTS", flags + " -XX:CompileThresholdScaling=1"), "store", "-V");
    Map<String, String> server = jitFlags(Map.of("MLOPS_JAVA_OPTS", flags, "MLOPS_CDS", "off"), "ui", "-V");
    for (Map<String, String> defaults : List.of(overridden, server)) {
      assertEquals("1.000000", defaults.get("CompileThresholdScaling"));
      assertEquals("5000", defaults.get("Tier4InvocationThreshold"));
      assertEquals("200", defaults.get("Tier3InvocationThreshold"));
    }
  }

  private Map<String, String> jitFlags(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    Child child = run(command, environment);
    assertEquals(0, child.exitCode(), child.err());
    Map<String, String> values = new HashMap<>();
    Matcher flag = Pattern.compile("\\b(CompileThresholdScaling|Tier[034]\\w+)\\s+=\\s+(\\S+)").matcher(child.out());
    while (flag.find()) {
      values.put(flag.group(1), flag.group(2));
    }
    assertTrue(values.containsKey("CompileThresholdScaling"), child.out());
    return values;
  }

  private List<String> manifestOpens() throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      String value = file.getManifest().getMainAttributes().getValue("Add-Opens");
      return value == null ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }
  }

  private Child probe(List<String> flags, Path store, Path csv) throws Exception {
    List<String> command = new ArrayList<>(List.of(javaBinary()));
    command.addAll(flags);
    command.addAll(List.of("-cp", jar + File.pathSeparator + testClasses(), ArrowTableProbe.class.getName(),
        store.toString(), csv.toString()));
    return run(command);
  }

  private static String testClasses() throws Exception {
    return Path.of(ArrowTableProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Child run(List<String> command) throws Exception {
    return run(command, Map.of());
  }

  private Child run(List<String> command, Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home")); // bin/mlops uses this JDK
    builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString()); // its CDS archive, not the user's
    builder.environment().remove("MLOPS_JAVA_OPTS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().putAll(environment);
    Path out = dir.resolve("child.out");
    Path err = dir.resolve("child.err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child did not finish in 120 s: " + command);
    }
    return new Child(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Child(int exitCode, String out, String err) {}
}
