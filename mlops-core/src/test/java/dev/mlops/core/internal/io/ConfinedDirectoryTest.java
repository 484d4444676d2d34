package dev.mlops.core.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.MlOpsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real links on the real file system, through directory handles (Linux, macOS) and through
 * checked paths (the fallback elsewhere): nothing is ever written outside the named directory.
 */
@DisplayName("A confined directory")
class ConfinedDirectoryTest {
  @TempDir Path dir;
  private Path victim;
  private Path target;

  @BeforeEach
  void layout() throws IOException {
    victim = Files.createDirectories(dir.resolve("victim"));
    target = Files.createDirectories(dir.resolve("co"));
  }

  @ParameterizedTest(name = "handles: {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("refuses a link where a directory is needed, naming it, and writes nothing through it")
  void linkAsIntermediateDirectory(boolean handles) throws IOException {
    Path link = Files.createSymbolicLink(target.resolve("sub"), victim);

    MlOpsException e = assertThrows(MlOpsException.class, () -> write(handles, "sub/deeper/f.txt"));

    assertTrue(e.getMessage().contains(link.toString()) && e.getMessage().contains("symbolic link")
        && e.getMessage().contains("Remove the link"), e.getMessage());
    assertEquals(List.of(), list(victim));
  }

  @ParameterizedTest(name = "handles: {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("replaces a link at a file's own name instead of writing through it")
  void linkAtTheFileNameIsReplaced(boolean handles) throws IOException {
    Path outside = Files.writeString(victim.resolve("secret.txt"), "keep me");
    Files.createSymbolicLink(target.resolve("f.txt"), outside);
    Files.createDirectories(target.resolve("sub"));
    Files.createSymbolicLink(target.resolve("sub/dangling.txt"), victim.resolve("new.txt"));

    write(handles, "f.txt");
    write(handles, "sub/dangling.txt");

    assertEquals("keep me", Files.readString(outside));
    assertEquals(List.of("secret.txt"), list(victim));
    assertFalse(Files.isSymbolicLink(target.resolve("f.txt")));
    assertEquals("bytes of f.txt", Files.readString(target.resolve("f.txt")));
    assertEquals("bytes of sub/dangling.txt", Files.readString(target.resolve("sub/dangling.txt")));
  }

  @ParameterizedTest(name = "handles: {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("createNew refuses a link at the name and leaves the link's target alone")
  void createNewRefusesALink(boolean handles) throws IOException {
    Path outside = Files.writeString(victim.resolve("secret.txt"), "keep me");
    Files.createSymbolicLink(target.resolve("f.txt"), outside);

    try (ConfinedDirectory confined = ConfinedDirectory.open(target, handles)) {
      assertThrows(FileAlreadyExistsException.class, () -> confined.createNew("f.txt",
          out -> out.write(1)));
    }

    assertEquals("keep me", Files.readString(outside));
  }

  @ParameterizedTest(name = "handles: {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("follows the directory the caller named when it is itself a link")
  void theNamedDirectoryMayBeALink(boolean handles) throws IOException {
    Path named = Files.createSymbolicLink(dir.resolve("named"), victim);

    try (ConfinedDirectory confined = ConfinedDirectory.open(named, handles)) {
      confined.replace("a/b.txt", out -> out.write("b".getBytes(StandardCharsets.UTF_8)));
    }

    assertEquals("b", Files.readString(victim.resolve("a/b.txt")));
  }

  @ParameterizedTest(name = "handles: {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("refuses a file where a directory is needed, and a path that climbs out")
  void fileInTheWayAndClimbingPaths(boolean handles) throws IOException {
    Files.writeString(target.resolve("plain"), "x");

    MlOpsException inTheWay = assertThrows(MlOpsException.class, () -> write(handles, "plain/f.txt"));
    assertTrue(inTheWay.getMessage().contains("in the way"), inTheWay.getMessage());
    for (String bad : List.of("../escape.txt", "a/../../escape.txt", "/abs.txt", "a//b", "./a", "")) {
      assertThrows(IllegalArgumentException.class, () -> write(handles, bad), bad);
    }
    assertFalse(Files.exists(dir.resolve("escape.txt")));
  }

  @ParameterizedTest(name = "handles: {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("leaves no file under the real name, nor a temporary one, when writing fails")
  void failedWritesLeaveNothing(boolean handles) throws IOException {
    try (ConfinedDirectory confined = ConfinedDirectory.open(target, handles)) {
      assertThrows(IOException.class, () -> confined.replace("d/f.txt", out -> {
        out.write(1);
        throw new IOException("source failed");
      }));
      assertThrows(IllegalStateException.class, () -> confined.createNew("d/g.txt", out -> {
        out.write(1);
        throw new IllegalStateException("corrupt");
      }));
    }

    assertEquals(List.of(), list(target.resolve("d")));
  }

  private void write(boolean handles, String path) throws IOException {
    try (ConfinedDirectory confined = ConfinedDirectory.open(target, handles)) {
      confined.replace(path, out -> out.write(("bytes of " + path).getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
