package dev.mlops.cli.retrain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.Retraining;
import dev.mlops.cli.CommandContext;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.TimeOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops retrain history [--policy NAME] [--since TIME] [--until TIME] [--fired]}: recorded
 * decisions with their evidence and, for approvals, who decided. JSON: {@code {"decisions": [...]}}.
 */
@Command(addMethodSubcommands = false, name = "history", mixinStandardHelpOptions = true,
    description = "Show recorded decisions with their evidence (\"why did we retrain on the 3rd?\").")
final class RetrainHistoryCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--policy", paramLabel = "NAME", description = "Only this policy.")
  private @Nullable String policy;

  @Option(names = "--since", paramLabel = "TIME",
      description = "From this instant (2026-03-03T00:00:00Z) or UTC day (2026-03-03), inclusive.")
  private @Nullable String since;

  @Option(names = "--until", paramLabel = "TIME",
      description = "Before this instant or UTC day (a day means its end), exclusive.")
  private @Nullable String until;

  @Option(names = "--fired", description = "Only decisions that fired.")
  private boolean firedOnly;

  @Override
  public Integer call() throws Exception {
    CommandContext cli = new CommandContext(spec);
    Instant from = since == null ? Instant.MIN : TimeOption.parse(since, "--since", false);
    Instant to = until == null ? Instant.MAX : TimeOption.parse(until, "--until", true);
    return cli.read(mlops -> {
      Retraining retraining = mlops.retraining();
      List<String> names = policy != null ? List.of(Names.requireValid("policy", policy)) : retraining.policies();
      List<RetrainDecision> decisions = new ArrayList<>();
      names.forEach(name -> decisions.addAll(retraining.decisions(name, from, to)));
      decisions.sort(Comparator.comparing(RetrainDecision::at).thenComparing(RetrainDecision::policy));
      ObjectNode root = RetrainJson.MAPPER.createObjectNode();
      ArrayNode items = root.putArray("decisions");
      List<String> lines = new ArrayList<>();
      for (RetrainDecision d : decisions) {
        if (firedOnly && !d.fired()) {
          continue;
        }
        Optional<RetrainRequest> request = d.requestId().flatMap(id -> find(retraining, id));
        items.add(RetrainJson.decision(d, request));
        lines.add(RetrainJson.text(d, request));
      }
      if (lines.isEmpty()) {
        lines.add("no decisions in that range");
      }
      return Output.of(root, String.join(System.lineSeparator(), lines));
    });
  }

  private static Optional<RetrainRequest> find(Retraining retraining, String id) {
    try {
      return Optional.of(retraining.request(id));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
}
