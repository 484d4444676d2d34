package dev.mlops.cli.runs;

import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.cli.CommandContext.Output;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops runs search "<filter>" [--order-by K] [--limit N]}. */
@Command(addMethodSubcommands = false, name = "search", mixinStandardHelpOptions = true,
    description = "Find runs with a filter, e.g. \"metrics.accuracy > 0.9 and params.model = 'lr'\".")
final class RunsSearchCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILTER", description = "The filter expression.")
  private String filter;

  @Option(names = "--order-by", paramLabel = "K",
      description = "Sort by metrics.X, params.X, tags.X, name or started (largest first).")
  private String orderBy;

  @Option(names = "--asc", description = "Sort smallest first.")
  private boolean ascending;

  @Option(names = "--limit", paramLabel = "N", description = "At most N runs.")
  private Integer limit;

  @Option(names = "--experiment", paramLabel = "E", description = "Only runs of this experiment.")
  private String experiment;

  @Override
  public Integer call() throws Exception {
    return new RunsContext(spec).read(mlops -> {
      RunQuery query = (experiment == null ? RunQuery.all() : RunQuery.experiment(experiment))
          .where(filter);
      if (orderBy != null) {
        query = query.orderBy(orderBy, !ascending);
      }
      if (limit != null) {
        query = query.limit(limit);
      }
      List<RunInfo> runs = mlops.experiments().search(query);
      return Output.of(RunsContext.runs(runs), RunsContext.table(runs, orderBy));
    });
  }
}
