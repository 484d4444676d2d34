package dev.mlops.cli.runs;

import dev.mlops.api.experiment.RunInfo;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.Numbers;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops runs show <id>}: one run with everything recorded about it. */
@Command(addMethodSubcommands = false, name = "show", mixinStandardHelpOptions = true,
    description = "Show one run: status, params, tags, latest metrics, inputs, lineage, artifacts.")
final class RunsShowCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The run's id, or its first characters.")
  private String id;

  @Override
  public Integer call() throws Exception {
    return new RunsContext(spec).read(mlops -> {
      RunInfo r = mlops.experiments().resolve(id);
      StringBuilder text = new StringBuilder();
      text.append("run        ").append(r.id()).append('\n')
          .append("experiment ").append(r.experiment()).append('\n')
          .append("name       ").append(r.name()).append('\n')
          .append("status     ").append(r.status())
          .append(r.failure().map(f -> " (" + f + ")").orElse("")).append('\n')
          .append("started    ").append(r.startedAt()).append('\n')
          .append("ended      ").append(r.endedAt().map(Object::toString).orElse("-")).append('\n');
      r.parentId().ifPresent(p -> text.append("parent     ").append(p).append('\n'));
      r.lineage().code().ifPresent(c -> text.append("code       ").append(c.commit())
          .append(c.branch().map(b -> " (" + b + ")").orElse(""))
          .append(c.dirty() ? " dirty" : "").append('\n'));
      new TreeMap<>(r.params()).forEach((k, v) -> text.append("param      ").append(k).append(" = ")
          .append(v).append('\n'));
      new TreeMap<>(r.tags()).forEach((k, v) -> text.append("tag        ").append(k).append(" = ")
          .append(v).append('\n'));
      new TreeMap<>(r.latestMetrics()).forEach((k, v) -> text.append("metric     ").append(k)
          .append(" = ").append(Numbers.format(v)).append('\n'));
      r.inputs().forEach(i -> text.append("input      ").append(i.role()).append(' ')
          .append(i.dataset()).append('\n'));
      new TreeMap<>(r.lineage().seeds()).forEach((k, v) -> text.append("seed       ").append(k)
          .append(" = ").append(v).append('\n'));
      r.artifacts().forEach(a -> text.append("artifact   ").append(a.path()).append("  ")
          .append(a.size()).append(" bytes  ").append(a.sha256(), 0, 12).append('\n'));
      return Output.of(RunsContext.run(r), text.toString().stripTrailing());
    });
  }
}
