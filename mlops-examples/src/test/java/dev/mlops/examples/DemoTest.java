package dev.mlops.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.MlOps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The demo")
class DemoTest {
  @TempDir Path dir;

  @Test
  @DisplayName("succeeds on a fresh directory and tells its story")
  void succeedsOnAFreshDirectory() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    boolean ok = Demo.run(MlOps.toStoreUri(dir.resolve("store").toString()), print(out), print(err));

    String story = out.toString(StandardCharsets.UTF_8);
    assertTrue(ok, err.toString(StandardCharsets.UTF_8));
    assertTrue(story.contains("It holds 0 objects"), story);
    assertTrue(story.contains("Re-hashed 0 content objects: all match"), story);
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("fails with a message when the store cannot be opened")
  void failsWhenTheStoreIsAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    boolean ok = Demo.run(file.toUri(), print(new ByteArrayOutputStream()), print(err));

    assertFalse(ok);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("demo: "));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
