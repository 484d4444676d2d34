package dev.mlops.cli.runs;

import static dev.mlops.cli.CommandTree.of;

import dev.mlops.cli.CommandTree;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code mlops runs}: experiment runs. */
@Command(
    addMethodSubcommands = false,
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List, show, search, compare and export experiment runs.")
public final class RunsCommand {
  /**
   * The subcommands, in the order the usage lists them: {@link dev.mlops.cli.Main} adds them (not
   * the annotation), so that a run builds only the one it names.
   */
  public static final List<CommandTree> SUBCOMMANDS = List.of(
      of("ls", RunsLsCommand.class),
      of("show", RunsShowCommand.class),
      of("search", RunsSearchCommand.class),
      of("compare", RunsCompareCommand.class),
      of("export", RunsExportCommand.class));
}
