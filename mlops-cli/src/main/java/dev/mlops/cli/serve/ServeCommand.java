package dev.mlops.cli.serve;

import dev.mlops.cli.CommandContext;
import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code mlops ui} and {@code mlops server} share: their options, and opening the store and
 * serving it until interrupted. They differ only in whether MLflow's API is served too.
 */
abstract class ServeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ServeOptions options;

  @Option(names = "--enable-writes",
      description = "Let identified users approve or reject requests and move aliases (through the gate) from the UI.")
  private boolean writes;

  private final String what;
  private final boolean mlflowApi;

  /**
   * @param what what is served, for the first line printed
   * @param mlflowApi whether MLflow's REST API is served beside the UI
   */
  ServeCommand(String what, boolean mlflowApi) {
    this.what = what;
    this.mlflowApi = mlflowApi;
  }

  @Override
  public final Integer call() throws Exception {
    CommandContext context = new CommandContext(spec);
    // MLflow clients write (experiments, runs): a missing local store is created, as for any write.
    try (MlOps mlops = mlflowApi ? context.openForWriting() : context.open()) {
      options.serveUntilInterrupted(mlops, MlOpsWeb.builder(mlops).uiWrites(writes).mlflowApi(mlflowApi),
          context.out(), what, writes);
    }
    return 0;
  }
}
