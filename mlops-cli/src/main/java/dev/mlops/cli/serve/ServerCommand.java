package dev.mlops.cli.serve;

import dev.mlops.cli.CommandContext;
import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops server}: MLflow's REST API (so MLflow clients log into the store with
 * {@code MLFLOW_TRACKING_URI} set to its URL) and the web UI, until interrupted.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Serve MLflow's REST API and the web UI over the store until interrupted; prints its URL.")
public final class ServerCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ServeOptions options;

  @Option(names = "--enable-writes",
      description = "Let identified users approve or reject requests and move aliases (through the gate) from the UI.")
  private boolean writes;

  @Override
  public Integer call() throws Exception {
    CommandContext context = new CommandContext(spec);
    // MLflow clients write (experiments, runs): a missing local store is created, as for any write.
    try (MlOps mlops = context.openForWriting()) {
      options.serveUntilInterrupted(mlops, MlOpsWeb.builder(mlops).uiWrites(writes).mlflowApi(true), context.out(),
          "mlops server (MLflow REST API and UI)", writes);
    }
    return 0;
  }
}
