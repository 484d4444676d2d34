package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.NotFoundException;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's JVM started without {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (a real child
 * process, since the option cannot be removed from a running JVM): storing or reading a table fails
 * with the SDK's typed error naming the option and where to put it, not Arrow's raw
 * {@code UnsupportedOperationException}, and nothing is stored.
 */
class ArrowMemoryTest {
  private static final String OPTION = "--add-opens=java.base/java.nio=ALL-UNNAMED";

  @TempDir Path dir;

  @Test
  @DisplayName("committing a table without the option: MissingJvmOptionException naming the option for java, Maven, Surefire and Gradle; no dataset stored")
  void commitWithoutTheOptionSaysWhichOptionAndWhere() {
    ChildJvm.Result result = ChildJvm.run(ArrowTableChild.class, dir.toString(), "commit");

    assertNotEquals(0, result.exitCode(), result.stdout());
    assertRemedy(result.stderr());
    try (MlOps mlops = MlOps.local(dir)) {
      assertThrows(NotFoundException.class, () -> mlops.datasets().resolve("t"));
    }
  }

  @Test
  @DisplayName("reading a stored table without the option: the same typed error")
  void readWithoutTheOptionSaysWhichOptionAndWhere() {
    try (MlOps mlops = MlOps.local(dir); BufferAllocator allocator = new RootAllocator()) {
      ArrowTableChild.commit(mlops, allocator); // this test JVM has the option (Surefire's argLine)
    }

    ChildJvm.Result result = ChildJvm.run(ArrowTableChild.class, dir.toString(), "read");

    assertNotEquals(0, result.exitCode(), result.stdout());
    assertRemedy(result.stderr());
  }

  @Test
  @DisplayName("with the option the same program commits and reads the table (so the failures above come from the option alone)")
  void withTheOptionTheProgramWorks() {
    ChildJvm.Result commit = ChildJvm.run(List.of(OPTION), ArrowTableChild.class, dir.toString(), "commit");
    assertEquals(0, commit.exitCode(), commit.stderr());
    assertTrue(commit.stdout().startsWith("COMMITTED t@"), commit.stdout());

    ChildJvm.Result read = ChildJvm.run(List.of(OPTION), ArrowTableChild.class, dir.toString(), "read");
    assertEquals(0, read.exitCode(), read.stderr());
    assertEquals("ROWS 3", read.stdout().strip());
  }

  private static void assertRemedy(String stderr) {
    String first = stderr.lines().filter(line -> line.startsWith("Exception in thread"))
        .findFirst().orElseThrow(() -> new AssertionError("no uncaught exception in: " + stderr));
    assertTrue(first.contains("dev.mlops.api.MissingJvmOptionException"), first);
    assertFalse(first.contains("UnsupportedOperationException"), first);
    for (String where : List.of("start the JVM with " + OPTION, "java " + OPTION + " -jar",
        "Add-Opens: java.base/java.nio", "MAVEN_OPTS=\"" + OPTION + "\"", "<argLine>" + OPTION + "</argLine>",
        "applicationDefaultJvmArgs = ['" + OPTION + "']", "jvmArgs '" + OPTION + "'")) {
      assertTrue(stderr.contains(where), "'" + where + "' missing from:\n" + stderr);
    }
  }
}
