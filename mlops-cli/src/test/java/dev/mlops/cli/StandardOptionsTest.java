package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Every command and subcommand answers -V/--version and -h/--help like {@code mlops} itself. */
@DisplayName("Every mlops command")
class StandardOptionsTest {
  private static final String VERSION = CliRun.of("--version").out();

  @Test
  @DisplayName("mlops retrain -V prints the version that mlops --version prints")
  void retrainPrintsTheVersion() {
    CliRun run = CliRun.of("retrain", "-V");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(VERSION.strip().matches("mlops \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), VERSION);
    assertEquals(VERSION, run.out());
  }

  @TestFactory
  @DisplayName("prints the version with -V and --version, and its usage with -h")
  Stream<DynamicTest> everyCommandHasTheStandardOptions() {
    List<List<String>> paths = new ArrayList<>();
    collect(Main.commandLine(Map.of()), List.of(), paths);
    assertTrue(paths.size() > 20, "expected the whole tree, found " + paths);
    return paths.stream().map(path -> DynamicTest.dynamicTest("mlops " + String.join(" ", path), () -> {
      for (String flag : List.of("-V", "--version")) {
        CliRun run = CliRun.of(with(path, flag));
        assertEquals(0, run.exitCode(), flag + ": " + run.err());
        assertEquals(VERSION, run.out(), flag);
      }
      CliRun help = CliRun.of(with(path, "-h"));
      assertEquals(0, help.exitCode(), help.err());
      assertTrue(help.out().contains("Usage: mlops " + String.join(" ", path)), help.out());
    }));
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    command.getSubcommands().forEach((name, sub) -> {
      if (!name.equals(sub.getCommandName())) {
        return; // an alias of a command already collected
      }
      List<String> next = new ArrayList<>(path);
      next.add(name);
      paths.add(next);
      collect(sub, next, paths);
    });
  }

  private static String[] with(List<String> path, String flag) {
    List<String> args = new ArrayList<>(path);
    args.add(flag);
    return args.toArray(String[]::new);
  }
}
