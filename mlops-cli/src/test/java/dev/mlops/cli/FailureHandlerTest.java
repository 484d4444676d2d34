package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.MlOpsException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A failure's one line")
class FailureHandlerTest {
  @Test
  @DisplayName("says 'unexpected' for a bug, not for a file the user can fix")
  void unexpectedOnlyForBugs() {
    String bug = FailureHandler.describe(new NullPointerException("x is null"));
    String file = FailureHandler.describe(new UncheckedIOException("cannot read the input",
        new NoSuchFileException("in/x.csv")));

    assertTrue(bug.contains("NullPointerException: x is null (unexpected;"), bug);
    assertEquals("cannot read the input: in/x.csv: no such file or directory; check the path", file);
    assertFalse(file.contains("unexpected"), file);
  }

  @Test
  @DisplayName("is one line of at most 2,000 characters, whatever the message")
  void boundedAndOneLine() {
    String line = FailureHandler.describe(new MlOpsException("first\nsecond " + "x".repeat(1_000_000)));

    assertTrue(line.startsWith("first second xxx"), line.substring(0, 40));
    assertTrue(line.endsWith("… (1000013 characters)"), line.substring(line.length() - 40));
    assertTrue(line.length() < FailureHandler.MAX_CHARS + 40);
  }
}
