package dev.mlops.cli.serve;

import picocli.CommandLine.Command;

/** {@code mlops ui}: the web UI over the store, until interrupted. */
@Command(
    addMethodSubcommands = false,
    name = "ui",
    mixinStandardHelpOptions = true,
    description = "Serve the web UI over the store until interrupted; prints its URL.")
public final class UiCommand extends ServeCommand {
  /** Picocli's constructor. */
  public UiCommand() {
    super("mlops ui", false);
  }
}
