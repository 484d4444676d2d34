package dev.mlops.cli.retrain;

import dev.mlops.core.MlOps;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Reads the top command's inherited options ({@code --store}, {@code --json}) from a subcommand. */
final class CliContext {
  private final CommandSpec spec;

  CliContext(CommandSpec spec) {
    this.spec = spec;
  }

  MlOps open() {
    OptionSpec store = spec.root().findOption("--store");
    String location = store == null ? null : store.getValue();
    return MlOps.open(location != null ? MlOps.toStoreUri(location) : MlOps.defaultStoreUri(System.getenv()));
  }

  boolean json() {
    OptionSpec json = spec.root().findOption("--json");
    return json != null && Boolean.TRUE.equals(json.getValue());
  }

  void print(String text) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(text);
    out.flush();
  }
}
