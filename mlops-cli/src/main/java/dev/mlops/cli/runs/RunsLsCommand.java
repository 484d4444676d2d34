package dev.mlops.cli.runs;

import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.cli.CommandContext.Output;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops runs ls [--experiment E]}: runs, newest first. */
@Command(addMethodSubcommands = false, name = "ls", mixinStandardHelpOptions = true, description = "List runs, newest first.")
final class RunsLsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--experiment", paramLabel = "E", description = "Only runs of this experiment.")
  private String experiment;

  @Option(names = "--limit", paramLabel = "N", description = "At most N runs.")
  private Integer limit;

  @Override
  public Integer call() throws Exception {
    return new RunsContext(spec).read(mlops -> {
      RunQuery query = experiment == null ? RunQuery.all() : RunQuery.experiment(experiment);
      if (limit != null) {
        query = query.limit(limit);
      }
      List<RunInfo> runs = mlops.experiments().search(query);
      return Output.of(RunsContext.runs(runs), RunsContext.table(runs));
    });
  }
}
