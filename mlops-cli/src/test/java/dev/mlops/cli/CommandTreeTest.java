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

/**
 * A run builds only the command it names (building the whole tree was half of a short command's
 * CPU), and what it prints is what the whole tree prints.
 */
@DisplayName("The mlops command tree")
class CommandTreeTest {
  private static final CommandLine WHOLE = Main.commandLine(Map.of());

  @Test
  @DisplayName("a run that names a command builds only that command, after the top command's options")
  void aRunBuildsOnlyTheCommandItNames() {
    assertEquals(List.of("data"), built("--json", "--store", "store", "data", "commit", "d", "x"));
    assertEquals(List.of("store"), built("--store=data", "--verbose", "store", "info"));
    assertEquals(List.of("runs"), built("runs", "ls", "--json"));
  }

  @Test
  @DisplayName("in a group, a run builds only the subcommand it names, after the inherited options")
  void aRunBuildsOnlyTheSubcommandItNames() {
    assertEquals(List.of("commit"), builtUnder("data", "--json", "data", "--store", "ls", "commit", "d", "x"));
    assertEquals(List.of("verify"), builtUnder("store", "store", "--store=s", "--verbose", "verify"));
    assertEquals(List.of("alias"), builtUnder("models", "models", "alias", "m", "1", "live"));
    List<String> data = List.copyOf(WHOLE.getSubcommands().get("data").getSubcommands().keySet());
    assertTrue(data.size() > 5, data.toString());
    assertEquals(data, builtUnder("data", "data"));
    assertEquals(data, builtUnder("data", "data", "comit", "d", "x"));
    assertEquals(data, builtUnder("data", "data", "--help", "commit"));
    assertEquals(data, builtUnder("data", "data", "-h", "commit"));
    assertEquals(data, builtUnder("data", "data", "--unknown", "commit"));
    assertEquals(List.copyOf(WHOLE.getSubcommands().keySet()), built("--help", "data", "commit"));
  }

  @Test
  @DisplayName("each command is listed under the name its annotation gives it")
  void namesAreTheAnnotations() {
    List<String> mismatches = new ArrayList<>();
    WHOLE.getSubcommands().forEach((name, command) -> {
      String annotated = command.getCommand().getClass().getAnnotation(CommandLine.Command.class).name();
      if (!name.equals(annotated)) {
        mismatches.add(name + " is " + annotated);
      }
      command.getSubcommands().forEach((subName, sub) -> {
        String subAnnotated = sub.getCommand().getClass().getAnnotation(CommandLine.Command.class).name();
        if (!subName.equals(subAnnotated)) {
          mismatches.add(name + " " + subName + " is " + subAnnotated);
        }
      });
    });
    assertEquals(List.of(), mismatches);
  }

  @Test
  @DisplayName("no command looks for methods as subcommands (none is a method)")
  void noCommandLooksForMethodSubcommands() {
    List<String> looking = new ArrayList<>();
    List<List<String>> paths = new ArrayList<>();
    collect(WHOLE, List.of(), paths);
    if (WHOLE.getCommandSpec().isAddMethodSubcommands()) {
      looking.add("mlops");
    }
    for (List<String> path : paths) {
      CommandLine command = WHOLE;
      for (String name : path) {
        command = command.getSubcommands().get(name);
      }
      if (command.getCommandSpec().isAddMethodSubcommands()) {
        looking.add(String.join(" ", path));
      }
    }
    assertTrue(paths.size() > 20, paths.toString());
    assertEquals(List.of(), looking);
  }

  @Test
  @DisplayName("a run that names no command builds the whole tree, so usage and errors list every command")
  void aRunWithoutACommandBuildsTheWholeTree() {
    List<String> every = List.copyOf(WHOLE.getSubcommands().keySet());
    assertTrue(every.size() > 5, every.toString());
    assertEquals(every, built());
    assertEquals(every, built("--help"));
    assertEquals(every, built("--store", "data"));
    assertEquals(every, built("dta", "commit"));
    assertEquals(every, built("--unknown", "data"));
  }

  @TestFactory
  @DisplayName("every command prints the usage the whole tree gives it")
  Stream<DynamicTest> everyUsageIsTheWholeTreesUsage() {
    List<List<String>> paths = new ArrayList<>();
    collect(WHOLE, List.of(), paths);
    return paths.stream().map(path -> DynamicTest.dynamicTest("mlops " + String.join(" ", path), () -> {
      CommandLine command = WHOLE;
      for (String name : path) {
        command = command.getSubcommands().get(name);
      }
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(command.getUsageMessage(), run.out());
    }));
  }

  @Test
  @DisplayName("mlops --help lists every command, as the whole tree does")
  void topUsageListsEveryCommand() {
    CliRun run = CliRun.of("--help");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(WHOLE.getUsageMessage(), run.out());
  }

  private static List<String> builtUnder(String group, String... args) {
    return List.copyOf(Main.commandLine(Map.of(), args).getSubcommands().get(group).getSubcommands().keySet());
  }

  private static List<String> built(String... args) {
    return List.copyOf(Main.commandLine(Map.of(), args).getSubcommands().keySet());
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    command.getSubcommands().forEach((name, sub) -> {
      List<String> next = new ArrayList<>(path);
      next.add(name);
      paths.add(next);
      collect(sub, next, paths);
    });
  }
}
