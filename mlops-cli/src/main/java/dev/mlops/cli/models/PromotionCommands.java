package dev.mlops.cli.models;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.cli.CommandContext.Output;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The promotion commands of {@code mlops models}: promote, approve, reject, promotions. A policy
 * that requires a gate runs the alias's stored gate ({@code mlops models gate set}) here as in
 * every other client.
 */
final class PromotionCommands {
  private PromotionCommands() {}

  /** {@code mlops models promote <name> <alias> <version>}. */
  @Command(addMethodSubcommands = false, name = "promote", mixinStandardHelpOptions = true,
      description = "Request moving a protected alias to a version.")
  static final class Promote implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private SharedOptions.AliasTarget target;
    @Mixin private SharedOptions.Actor actor;
    @Mixin private SharedOptions.Reason reason;

    @Override
    public Integer call() throws Exception {
      return new ModelsContext(spec).read(mlops -> {
        ModelRegistry models = mlops.models();
        AliasPolicy policy = models.policies(target.model).get(target.alias);
        if (policy == null) {  // the SDK's message names Java methods (moveAliases, protect)
          throw new IllegalArgumentException(target.model + "@" + target.alias + " is not protected, so it"
              + " moves without a promotion; move it with 'mlops models alias " + target.model + " "
              + target.alias + " " + target.version + "', or protect it first with 'mlops models protect "
              + target.model + " " + target.alias + "'");
        }
        if (policy.requireGate() && models.gate(target.model, target.alias).isEmpty()) {
          throw new GateFailedException(target.model + "@" + target.alias + " requires a gate and none is stored;"
              + " store one with 'mlops models gate set " + target.model + " " + target.alias
              + " --suite SUITE.json --data DATASET@REF:TABLE --label COLUMN', then promote again");
        }
        PromotionRequest r = models.requestPromotion(target.model, target.alias, target.version, actor.name,
            reason.orElse(""));
        String decision = r.gateReasons().isEmpty() ? "" : r.gateReasons().stream().map(line -> "gate: " + line)
            .collect(Collectors.joining("\n", "", "\n"));
        return Output.of(ModelsContext.request(r), decision + ModelsContext.requestLine(r));
      });
    }
  }

  /** {@code mlops models approve <request-id>}. */
  @Command(addMethodSubcommands = false, name = "approve", mixinStandardHelpOptions = true,
      description = "Approve a pending promotion; the last required approval moves the alias.")
  static final class Approve implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REQUEST", description = "The request id, model:number.")
    private String id;

    @Mixin private SharedOptions.Actor actor;

    @Override
    public Integer call() throws Exception {
      return new ModelsContext(spec).read(mlops -> {
        PromotionRequest r = mlops.models().approve(id, actor.name);
        return Output.of(ModelsContext.request(r), ModelsContext.requestLine(r));
      });
    }
  }

  /** {@code mlops models reject <request-id>}. */
  @Command(addMethodSubcommands = false, name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending promotion.")
  static final class Reject implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REQUEST", description = "The request id, model:number.")
    private String id;

    @Mixin private SharedOptions.Actor actor;
    @Mixin private SharedOptions.Reason reason;

    @Override
    public Integer call() throws Exception {
      return new ModelsContext(spec).read(mlops -> {
        PromotionRequest r = mlops.models().reject(id, actor.name, reason.orElse(""));
        return Output.of(ModelsContext.request(r), ModelsContext.requestLine(r));
      });
    }
  }

  /** {@code mlops models promotions <name>}. */
  @Command(addMethodSubcommands = false, name = "promotions", mixinStandardHelpOptions = true, description = "List promotion requests.")
  static final class Promotions implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL")
    private String model;

    @Override
    public Integer call() throws Exception {
      return new ModelsContext(spec).read(mlops -> {
        List<PromotionRequest> requests = mlops.models().promotions(model);
        ArrayNode json = ModelsContext.JSON.createArrayNode();
        requests.forEach(r -> json.add(ModelsContext.request(r)));
        return Output.of(json, requests.isEmpty() ? "no promotion requests"
            : requests.stream().map(ModelsContext::requestLine).collect(Collectors.joining("\n")));
      });
    }
  }
}
