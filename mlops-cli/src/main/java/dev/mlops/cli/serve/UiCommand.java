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

/** {@code mlops ui}: the web UI over the store, until interrupted. */
@Command(
    name = "ui",
    mixinStandardHelpOptions = true,
    description = "Serve the web UI over the store until interrupted; prints its URL.")
public final class UiCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ServeOptions options;

  @Option(names = "--enable-writes",
      description = "Let identified users approve or reject requests and move aliases (through the gate) from the UI.")
  private boolean writes;

  @Override
  public Integer call() throws Exception {
    CommandContext context = new CommandContext(spec);
    try (MlOps mlops = context.open()) {
      options.serveUntilInterrupted(mlops, MlOpsWeb.builder(mlops).uiWrites(writes), context.out(), "mlops ui", writes);
    }
    return 0;
  }
}
