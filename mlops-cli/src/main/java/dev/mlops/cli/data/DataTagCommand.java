package dev.mlops.cli.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.cli.CommandContext.Output;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops data tag <ref> <tag>}: pins a version under an immutable tag. */
@Command(addMethodSubcommands = false, name = "tag", mixinStandardHelpOptions = true,
    description = "Pin a version under a tag; tags never move.")
final class DataTagCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REF", description = "name[@head|tag|id][~N]")
  private String reference;

  @Parameters(index = "1", paramLabel = "TAG", description = "The tag's name.")
  private String tag;

  @Override
  public Integer call() throws Exception {
    return new DataContext(spec).read(mlops -> {
      DatasetVersion v = mlops.datasets().resolve(reference);
      mlops.datasets().tag(v.ref().toString(), tag);
      ObjectNode json = DataContext.object();
      json.put("dataset", v.ref().dataset());
      json.put("version", v.ref().versionId());
      json.put("tag", tag);
      return Output.of(json, "tagged " + v.ref().dataset() + "@" + DataContext.shortId(v.ref().versionId())
          + " as " + tag);
    });
  }
}
