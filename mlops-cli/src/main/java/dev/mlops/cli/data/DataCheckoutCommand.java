package dev.mlops.cli.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.dataset.TableFormat;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.Numbers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops data checkout <ref> <dir> [--path P]... [--format csv|parquet|arrow]}: writes files,
 * verifying every byte. Files come out as committed; a view's tables in the format of the file
 * they were defined on; with {@code --format}, every table in that format.
 */
@Command(addMethodSubcommands = false, name = "checkout", mixinStandardHelpOptions = true,
    description = "Write a version's files (or some of them) into a directory, verifying every byte.")
final class DataCheckoutCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REF", description = "name[@head|tag|id][~N]")
  private String reference;

  @Parameters(index = "1", paramLabel = "DIR", description = "The target directory.")
  private Path directory;

  @Option(names = "--path", paramLabel = "P", description = "Only this file or directory of the version (repeatable).")
  private List<String> paths = new ArrayList<>();

  @Option(names = "--format", paramLabel = "csv|parquet|arrow",
      description = "Write the tables in this format: those committed in another are converted, and their"
          + " extension changed (weather.csv as arrow is weather.arrow). Default: each table as committed, a"
          + " view's in its base file's format.")
  private @Nullable String format;

  @Override
  public Integer call() throws Exception {
    Optional<TableFormat> tableFormat = Optional.ofNullable(format).map(this::parseFormat);
    return new DataContext(spec).read(mlops -> {
      DatasetVersion v = mlops.datasets().resolve(reference);
      String exact = v.ref().toString();
      if (tableFormat.isPresent()) {
        mlops.datasets().checkout(exact, directory, paths, tableFormat.get());
      } else {
        mlops.datasets().checkout(exact, directory, paths);
      }
      long files = v.files().stream().filter(f -> selected(f.path())).count();
      ObjectNode json = DataContext.object();
      json.put("dataset", v.ref().dataset());
      json.put("version", v.ref().versionId());
      json.put("files", files);
      json.put("directory", directory.toAbsolutePath().normalize().toString());
      return Output.of(json, "checked out " + Numbers.count(files, "file") + " of " + v.ref().dataset() + "@"
          + DataContext.shortId(v.ref().versionId()) + " into " + directory);
    });
  }

  private TableFormat parseFormat(String value) {
    for (TableFormat candidate : TableFormat.values()) {
      if (candidate.extension().equals(value)) {
        return candidate;
      }
    }
    throw new CommandLine.ParameterException(spec.commandLine(), "--format takes csv, parquet or arrow, got '"
        + value + "'");
  }

  private boolean selected(String path) {
    return paths.isEmpty() || paths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
  }
}
