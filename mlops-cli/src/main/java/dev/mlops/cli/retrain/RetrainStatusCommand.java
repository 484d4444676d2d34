package dev.mlops.cli.retrain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Names;
import dev.mlops.api.retrain.RequestStatus;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.Retraining;
import dev.mlops.cli.CommandContext;
import dev.mlops.cli.CommandContext.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops retrain status [--policy NAME]}: each policy's latest decision and its pending
 * requests. JSON: {@code {"policies": [{"name", "lastDecision"}], "pending": [request...]}}.
 */
@Command(addMethodSubcommands = false, name = "status", mixinStandardHelpOptions = true,
    description = "Show each policy's latest decision and the pending approval requests.")
final class RetrainStatusCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--policy", paramLabel = "NAME", description = "Only this policy.")
  private @Nullable String policy;

  @Override
  public Integer call() throws Exception {
    return new CommandContext(spec).read(mlops -> {
      Retraining retraining = mlops.retraining();
      List<String> names = policy != null ? List.of(Names.requireValid("policy", policy)) : retraining.policies();
      List<RetrainRequest> pending = new ArrayList<>();
      for (RetrainRequest r : retraining.requests()) {
        if (r.status() == RequestStatus.PENDING && (policy == null || r.decision().policy().equals(policy))) {
          pending.add(r);
        }
      }
      ObjectNode root = RetrainJson.MAPPER.createObjectNode();
      ArrayNode policies = root.putArray("policies");
      List<String> lines = new ArrayList<>();
      for (String name : names) {
        ObjectNode item = policies.addObject().put("name", name);
        var last = retraining.lastDecision(name);
        if (last.isPresent()) {
          item.set("lastDecision", RetrainJson.decision(last.get(), Optional.empty()));
        } else {
          item.putNull("lastDecision");
        }
        lines.add(name + ": " + last.map(d -> RetrainJson.text(d, Optional.empty()))
            .orElse("no decisions recorded"));
      }
      if (names.isEmpty()) {
        lines.add("no retrain policy has recorded decisions in this store");
      }
      ArrayNode requests = root.putArray("pending");
      pending.forEach(r -> requests.add(RetrainJson.request(r)));
      lines.add(pending.isEmpty() ? "no pending requests" : "pending requests:");
      pending.forEach(r -> lines.add("  " + RetrainJson.text(r)));
      return Output.of(root, String.join(System.lineSeparator(), lines));
    });
  }
}
