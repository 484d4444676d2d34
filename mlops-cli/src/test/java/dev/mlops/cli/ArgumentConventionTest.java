package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One convention: what a command acts on (a model, a dataset, a run, the one file it reads) is a
 * positional argument; anything with a role (--reference/--current, --suite, --policy, outputs) is
 * an option. The old option spellings of operands work for one release, with a notice.
 */
class ArgumentConventionTest {
  @TempDir Path dir;

  @Test
  @DisplayName("drift stream reads its FILE as an argument, like register MODEL FILE")
  void streamTakesItsFileAsAnArgument() throws Exception {
    Path values = Files.writeString(dir.resolve("v.txt"), "0\n1\n0\n1\n");
    CliRun run = CliRun.of("drift", "stream", "--detector", "ddm", values.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.err());
    assertTrue(run.out().startsWith("ddm: 0 drift(s)"), run.out());
  }

  @Test
  @DisplayName("the old --input spelling still works for one release and says how to write it now")
  void oldSpellingWorksWithANotice() throws Exception {
    Path values = Files.writeString(dir.resolve("v.txt"), "0\n1\n0\n1\n");
    CliRun run = CliRun.of("drift", "stream", "--detector", "ddm", "--input", values.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("ddm: 0 drift(s)"), run.out());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().startsWith("mlops: --input is deprecated and goes in the next release; give FILE as an"
        + " argument: mlops drift stream ... FILE"), run.err());
  }

  @Test
  @DisplayName("an operand given both ways, or not at all, is a usage error")
  void bothOrNeitherIsAUsageError() throws Exception {
    Path values = Files.writeString(dir.resolve("v.txt"), "0\n");
    CliRun both = CliRun.of("drift", "stream", "--detector", "ddm", "--input", values.toString(), values.toString());
    assertEquals(Main.EXIT_USAGE, both.exitCode());
    assertTrue(both.err().contains("give FILE once"), both.err());
    CliRun neither = CliRun.of("drift", "stream", "--detector", "ddm");
    assertEquals(Main.EXIT_USAGE, neither.exitCode());
    assertTrue(neither.err().contains("Missing required parameter: 'FILE'"), neither.err());
  }
}
