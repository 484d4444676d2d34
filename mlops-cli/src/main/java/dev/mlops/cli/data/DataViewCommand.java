package dev.mlops.cli.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.dataset.ViewRequest;
import dev.mlops.cli.CommandContext.Output;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops data view <name> <base-ref> [--columns a,b] [--where EXPR]}: commits a virtual
 * version (metadata only) whose tables are a projection and/or filter of the base's.
 */
@Command(addMethodSubcommands = false, name = "view", mixinStandardHelpOptions = true,
    description = "Commit a virtual version: some columns and/or rows of every table of another version,"
        + " stored as metadata only and materialized when read.")
final class DataViewCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset the view is committed to.")
  private String dataset;

  @Parameters(index = "1", paramLabel = "BASE", description = "The base version: name[@head|tag|id][~N].")
  private String base;

  @Option(names = "--columns", paramLabel = "A,B", split = ",", description = "Keep only these columns, in this order.")
  private @Nullable List<String> columns;

  @Option(names = "--where", paramLabel = "EXPR",
      description = "Keep only the rows where EXPR is true, e.g. \"temp_max > 30 and city = 'Oslo'\".")
  private @Nullable String where;

  @Option(names = {"-m", "--message"}, description = "The commit message.")
  private @Nullable String message;

  @Option(names = "--tag", description = "Also tag the new version.")
  private @Nullable String tag;

  @Option(names = "--head", description = "The head to move. Default: main.")
  private @Nullable String head;

  @Override
  public Integer call() throws Exception {
    DataContext context = new DataContext(spec);
    ViewRequest.Builder request = ViewRequest.builder().dataset(dataset).from(base);
    if (columns != null) {
      request.columns(columns);
    }
    if (where != null) {
      request.where(where);
    }
    if (message != null) {
      request.message(message);
    }
    if (head != null) {
      request.head(head);
    }
    return context.read(mlops -> {
      DatasetStore datasets = mlops.datasets();
      DatasetVersion v = datasets.commitView(request.build());
      if (tag != null) {
        datasets.tag(v.ref().toString(), tag);
      }
      long rows = v.files().stream().filter(DatasetFile::isTable).mapToLong(f -> f.rows().orElse(0)).sum();
      ObjectNode json = DataContext.object();
      json.put("dataset", v.ref().dataset());
      json.put("version", v.ref().versionId());
      DataContext.putView(json, v);
      json.put("rows", rows);
      return Output.of(json, "committed view " + v.ref().dataset() + "@" + DataContext.shortId(v.ref().versionId())
          + " of " + v.view().orElseThrow().base() + " (" + rows + " rows, no data copied)");
    });
  }
}
