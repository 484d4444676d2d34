package dev.mlops.cli.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.Numbers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops data checkout <ref> <dir> [--path P]...}: writes files, verifying every byte. */
@Command(name = "checkout", mixinStandardHelpOptions = true,
    description = "Write a version's files (or some of them) into a directory, verifying every byte.")
final class DataCheckoutCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REF", description = "name[@head|tag|id][~N]")
  private String reference;

  @Parameters(index = "1", paramLabel = "DIR", description = "The target directory.")
  private Path directory;

  @Option(names = "--path", paramLabel = "P", description = "Only this file or directory of the version (repeatable).")
  private List<String> paths = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return new DataContext(spec).read(mlops -> {
      DatasetVersion v = mlops.datasets().resolve(reference);
      String exact = v.ref().toString();
      mlops.datasets().checkout(exact, directory, paths);
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

  private boolean selected(String path) {
    return paths.isEmpty() || paths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
  }
}
