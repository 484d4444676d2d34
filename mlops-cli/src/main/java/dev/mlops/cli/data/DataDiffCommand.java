package dev.mlops.cli.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.dataset.DatasetDiff;
import dev.mlops.api.dataset.FileChange;
import dev.mlops.cli.CommandContext.Output;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops data diff <a> <b>}: files added, removed and modified, with sizes. */
@Command(addMethodSubcommands = false, name = "diff", mixinStandardHelpOptions = true,
    description = "Compare two versions file by file.")
final class DataDiffCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FROM", description = "The older version: name[@ref].")
  private String from;

  @Parameters(index = "1", paramLabel = "TO", description = "The newer version: name[@ref].")
  private String to;

  @Override
  public Integer call() throws Exception {
    return new DataContext(spec).read(mlops -> {
      DatasetDiff diff = mlops.datasets().diff(from, to);
      ObjectNode json = DataContext.object();
      json.put("from", diff.from().toString());
      json.put("to", diff.to().toString());
      ArrayNode changes = json.putArray("changes");
      StringBuilder text = new StringBuilder();
      for (FileChange c : diff.changes()) {
        ObjectNode node = changes.addObject();
        node.put("path", c.path());
        String kind = c.fromSize().isEmpty() ? "added" : c.toSize().isEmpty() ? "removed" : "modified";
        node.put("change", kind);
        if (c.fromSize().isPresent()) {
          node.put("fromSize", c.fromSize().getAsLong());
        }
        if (c.toSize().isPresent()) {
          node.put("toSize", c.toSize().getAsLong());
        }
        text.append(kind.charAt(0) == 'a' ? "+ " : kind.charAt(0) == 'r' ? "- " : "M ").append(c.path())
            .append("  ").append(c.fromSize().isPresent() ? c.fromSize().getAsLong() : "-")
            .append(" -> ").append(c.toSize().isPresent() ? c.toSize().getAsLong() : "-").append('\n');
      }
      json.put("unchanged", diff.unchanged());
      text.append(diff.added().size()).append(" added, ").append(diff.removed().size())
          .append(" removed, ").append(diff.modified().size()).append(" modified, ")
          .append(diff.unchanged()).append(" unchanged");
      return Output.of(json, text.toString());
    });
  }
}
