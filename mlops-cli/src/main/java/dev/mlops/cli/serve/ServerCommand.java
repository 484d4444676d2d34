package dev.mlops.cli.serve;

import picocli.CommandLine.Command;

/**
 * {@code mlops server}: MLflow's REST API (so MLflow clients log into the store with
 * {@code MLFLOW_TRACKING_URI} set to its URL) and the web UI, until interrupted.
 */
@Command(
    addMethodSubcommands = false,
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Serve MLflow's REST API and the web UI over the store until interrupted; prints its URL.")
public final class ServerCommand extends ServeCommand {
  /** Picocli's constructor. */
  public ServerCommand() {
    super("mlops server (MLflow REST API and UI)", true);
  }
}
