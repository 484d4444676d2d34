package dev.mlops.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mlops store init}: creates the store if it does not exist; commands that only read never
 * do. JSON: {@code {"uri": "...", "created": true|false}}.
 */
@Command(
    addMethodSubcommands = false,
    name = "init",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Create the store (a directory for a local store) if it does not exist yet.")
final class StoreInitCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    Main main = (Main) spec.root().userObject();
    URI uri = main.storeUri();
    boolean created = StoreLocation.isMissing(uri);
    try (MlOps mlops = MlOps.open(uri)) {
      ObjectNode json = Json.object();
      json.put("uri", mlops.store().uri().toString());
      json.put("created", created);
      new CommandContext(spec).print(json, (created ? "created an empty store at " : "the store is ready at ")
          + StoreLocation.describe(uri));
    }
    return 0;
  }
}
