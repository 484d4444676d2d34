package dev.mlops.cli.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.Numbers;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops data log <name>[@ref]}: versions newest first. JSON: {@code {"versions": [...]}}. */
@Command(addMethodSubcommands = false, name = "log", mixinStandardHelpOptions = true,
    description = "List a dataset's versions, newest first.")
final class DataLogCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REF", description = "A dataset or a version: name[@head|tag|id][~N].")
  private String reference;

  @Option(names = {"-n", "--max-count"}, description = "Show at most this many versions. Default: all.")
  private long limit = Long.MAX_VALUE;

  @Override
  public Integer call() throws Exception {
    return new DataContext(spec).read(mlops -> {
      List<DatasetVersion> versions;
      try (Stream<DatasetVersion> history = mlops.datasets().history(reference)) {
        versions = history.limit(limit).toList();
      }
      ObjectNode json = DataContext.object();
      ArrayNode array = json.putArray("versions");
      StringBuilder text = new StringBuilder();
      for (DatasetVersion v : versions) {
        array.add(DataContext.version(v));
        text.append(DataContext.shortId(v.ref().versionId())).append("  ").append(v.createdAt())
            .append("  ").append(v.author()).append("  ").append(Numbers.count(v.files().size(), "file")).append("  ")
            .append(v.size()).append(" bytes  ").append(v.message()).append('\n');
      }
      return Output.of(json, text.toString().stripTrailing());
    });
  }
}
