package dev.mlops.cli.data;

import static dev.mlops.cli.CommandTree.of;

import dev.mlops.cli.CommandTree;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code mlops data}: versioned datasets. */
@Command(
    addMethodSubcommands = false,
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Commit, inspect, compare, check out and tag dataset versions; collect garbage.")
public final class DataCommand {
  /**
   * The subcommands, in the order the usage lists them: {@link dev.mlops.cli.Main} adds them (not
   * the annotation), so that a run builds only the one it names.
   */
  public static final List<CommandTree> SUBCOMMANDS = List.of(
      of("ls", DataLsCommand.class),
      of("commit", DataCommitCommand.class),
      of("log", DataLogCommand.class),
      of("show", DataShowCommand.class),
      of("diff", DataDiffCommand.class),
      of("checkout", DataCheckoutCommand.class),
      of("tag", DataTagCommand.class),
      of("gc", dev.mlops.cli.StoreGcCommand.class),
      of("view", DataViewCommand.class));
}
