package dev.mlops.cli.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.CommitResult;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.Numbers;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code mlops data commit <name> <path>... [--table [auto|csv|parquet|none]]}: each path goes into
 * the version under its file name, replacing what the head had there. With {@code --table}, paths
 * go in as tables (typed columns, with the profiles drift compares against; the file's own bytes
 * are kept, so a checkout gives them back): {@code auto} (the value when none is given) by
 * extension, {@code csv} or {@code parquet} every path, {@code none} (the default without the flag)
 * none. A commit whose files are exactly the head's makes no version: it prints "nothing to commit"
 * and exits 0 (JSON {@code "unchanged": true}, {@code "version"} the head's id) unless
 * {@code --allow-empty}. JSON: {@code {"dataset": ..., "version": ..., "unchanged": B, "files": N,
 * "bytes": N, "newBytes": N}}.
 */
@Command(addMethodSubcommands = false, name = "commit", mixinStandardHelpOptions = true,
    description = "Commit files and directories as a new version; each goes in under its file name.")
final class DataCommitCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
  private String dataset;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATH", description = "Files or directories.")
  private List<Path> paths = new ArrayList<>();

  @Option(names = "--table", arity = "0..1", fallbackValue = "auto", paramLabel = "MODE",
      description = "Commit the PATHs as tables (typed columns, profiles for drift; the files' own bytes are kept):"
          + " auto (the value when none is given: .csv files as CSV tables, .parquet files and directories of"
          + " .parquet part files as Parquet tables, the rest as plain files), csv, parquet, or none (the default).")
  private String table = "none";

  @Option(names = {"-m", "--message"}, description = "The commit message.")
  private @Nullable String message;

  @Option(names = "--tag", description = "Also tag the new version.")
  private @Nullable String tag;

  @Option(names = "--head", description = "The head to move. Default: main.")
  private @Nullable String head;

  @Option(names = "--paranoid", description = "Re-hash every file, ignoring the stat cache.")
  private boolean paranoid;

  @Option(names = "--allow-empty", description = "Make a new version even when the files are exactly"
      + " the head's (by default such a commit prints 'nothing to commit' and the head stays).")
  private boolean allowEmpty;

  @Option(names = "--rebase", description = "If another writer moved the head, re-parent on it when"
      + " the changes touch different paths.")
  private boolean rebase;

  /** The name a file or directory goes in under; refused before anything is read. */
  private static String nameOf(Path path) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("Cannot commit '" + path + "': no such file or directory;"
          + " check the path");
    }
    Path name = path.toAbsolutePath().normalize().getFileName();
    if (name == null) {
      throw new IllegalArgumentException("Cannot commit '" + path + "' under a name: it has none;"
          + " name a directory inside it instead");
    }
    return name.toString();
  }

  @Override
  public Integer call() throws Exception {
    DataContext context = new DataContext(spec);
    CommitRequest.Builder request = CommitRequest.builder().dataset(dataset)
        .paranoid(paranoid).rebaseOnConflict(rebase).allowEmpty(allowEmpty);
    TableMode mode = TableMode.parse(table, spec);
    if (paths.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Nothing to commit: give files or"
          + " directories (PATH...)" + (mode == TableMode.NONE ? "" : "; --table says how to read them"));
    }
    for (Path path : paths) {
      String name = nameOf(path);
      Optional<TableSource> source = mode.source(path);
      if (source.isPresent()) {
        request.addTable(name, source.get());
      } else {
        request.add(name, path);
      }
    }
    if (message != null) {
      request.message(message);
    }
    if (head != null) {
      request.head(head);
    }
    CommitRequest commit = request.build();
    return context.write(mlops -> {
      DatasetStore datasets = mlops.datasets();
      CommitResult result = datasets.commitWithStats(commit);
      String id = result.version().ref().versionId();
      if (tag != null) {
        datasets.tag(result.version().ref().toString(), tag);
      }
      ObjectNode json = DataContext.object();
      json.put("dataset", dataset);
      json.put("version", id);
      json.put("unchanged", result.unchanged());
      json.put("files", result.version().files().size());
      json.put("bytes", result.version().size());
      json.put("newBytes", result.newBytes());
      if (result.unchanged()) {
        return Output.of(json, "nothing to commit: " + dataset + "@" + DataContext.shortId(id)
            + " already holds these files (" + Numbers.count(result.version().files().size(), "file")
            + "); --allow-empty commits them as a new version");
      }
      return Output.of(json, "committed " + dataset + "@" + DataContext.shortId(id) + ": "
          + Numbers.count(result.version().files().size(), "file") + ", " + result.version().size() + " bytes, "
          + result.newBytes() + " new bytes stored (" + Numbers.count(result.filesHashed(), "file") + " read, "
          + result.filesFromCache() + " unchanged)");
    });
  }
}
