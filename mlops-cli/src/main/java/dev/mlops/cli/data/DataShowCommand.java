package dev.mlops.cli.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.cli.CommandContext.Output;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops data show <name>@<ref>}: one version with its metadata and files, tables with their schema and profiles. */
@Command(addMethodSubcommands = false, name = "show", mixinStandardHelpOptions = true,
    description = "Show one version: its message, author, time, metadata and files, and each table's"
        + " schema and column profiles.")
final class DataShowCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REF", description = "name[@head|tag|id][~N]")
  private String reference;

  @Override
  public Integer call() throws Exception {
    return new DataContext(spec).read(mlops -> {
      DatasetVersion v = mlops.datasets().resolve(reference);
      ObjectNode json = DataContext.version(v);
      ObjectNode metadata = json.putObject("metadata");
      v.metadata().forEach(metadata::put);
      ArrayNode files = json.putArray("files");
      StringBuilder text = new StringBuilder();
      text.append("version ").append(v.ref()).append('\n')
          .append("parent  ").append(v.parentId().orElse("-")).append('\n')
          .append("author  ").append(v.author()).append('\n')
          .append("date    ").append(v.createdAt()).append('\n')
          .append("message ").append(v.message()).append('\n');
      v.view().ifPresent(view -> text.append("view    of ").append(view.base())
          .append(view.columns().isEmpty() ? "" : " columns " + String.join(",", view.columns()))
          .append(view.where().map(w -> " where " + w).orElse("")).append('\n'));
      v.metadata().forEach((k, val) -> text.append("meta    ").append(k).append('=').append(val).append('\n'));
      for (DatasetFile f : v.files()) {
        ObjectNode file = files.addObject();
        file.put("path", f.path());
        file.put("size", f.size());
        file.put("sha256", f.sha256());
        if (f.rows().isPresent()) {
          file.put("rows", f.rows().getAsLong());
        }
        TableProfiles.json(f, file);
        text.append(String.format("%12d  %s  %s%s%n", f.size(), f.sha256().substring(0, 12), f.path(),
            f.rows().isPresent() ? "  (" + f.rows().getAsLong() + " rows)" : ""));
        String columns = TableProfiles.text(f);
        if (!columns.isEmpty()) {
          text.append(columns).append('\n');
        }
      }
      return Output.of(json, text.toString().stripTrailing());
    });
  }
}
