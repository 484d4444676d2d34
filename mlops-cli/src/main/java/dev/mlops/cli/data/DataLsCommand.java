package dev.mlops.cli.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.TextTable;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mlops data ls}: the datasets, each with its default head's latest version. JSON:
 * {@code {"datasets": [{"dataset": ..., "version": ...|null, "createdAt": ..., "message": ...}]}}.
 */
@Command(addMethodSubcommands = false, name = "ls", mixinStandardHelpOptions = true,
    description = "List the datasets, each with the latest version of its default head.")
final class DataLsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return new DataContext(spec).read(mlops -> {
      DatasetStore datasets = mlops.datasets();
      ObjectNode json = DataContext.object();
      ArrayNode array = json.putArray("datasets");
      TextTable table = new TextTable("DATASET", "VERSION", "CREATED", "MESSAGE");
      for (String name : datasets.datasets()) {
        Optional<DatasetVersion> latest = latest(datasets, name);
        ObjectNode node = array.addObject().put("dataset", name);
        node.put("version", latest.map(v -> v.ref().versionId()).orElse(null));
        node.put("createdAt", latest.map(v -> v.createdAt().toString()).orElse(null));
        node.put("message", latest.map(DatasetVersion::message).orElse(null));
        table.add(name, latest.map(v -> DataContext.shortId(v.ref().versionId())).orElse("(no default head)"),
            latest.map(v -> v.createdAt().toString()).orElse(""), latest.map(DatasetVersion::message).orElse(""));
      }
      return Output.of(json, array.isEmpty() ? "no datasets" : table.toString().stripTrailing());
    });
  }

  /** The default head's version; a dataset may have only other heads. */
  private static Optional<DatasetVersion> latest(DatasetStore datasets, String name) {
    try {
      return Optional.of(datasets.resolve(name));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
