package dev.mlops.cli;

import static dev.mlops.cli.CommandTree.of;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code mlops store}: the group of commands that work on the store as a whole. */
@Command(
    addMethodSubcommands = false,
    name = "store",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Create, inspect, verify and collect the store as a whole.")
final class StoreCommand {
  /**
   * The subcommands, in the order the usage lists them: {@link dev.mlops.cli.Main} adds them (not
   * the annotation), so that a run builds only the one it names.
   */
  public static final List<CommandTree> SUBCOMMANDS = List.of(
      of("init", StoreInitCommand.class),
      of("info", StoreInfoCommand.class),
      of("verify", StoreVerifyCommand.class),
      of("gc", StoreGcCommand.class));
}
