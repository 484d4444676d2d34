package dev.mlops.cli.models;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.cli.CommandContext.Output;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The alias commands of {@code mlops models}: alias, history, rollback, protect. */
final class AliasCommands {
  private AliasCommands() {}

  /** {@code mlops models alias <name> <alias> <version>}. */
  @Command(addMethodSubcommands = false, name = "alias", mixinStandardHelpOptions = true, description = "Point an alias at a version.")
  static final class Alias implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private SharedOptions.AliasTarget target;
    @Mixin private SharedOptions.Actor actor;
    @Mixin private SharedOptions.Reason reason;

    @Override
    public Integer call() throws Exception {
      return new ModelsContext(spec).read(mlops -> {
        AliasPolicy policy = mlops.models().policies(target.model).get(target.alias);
        if (policy != null) {  // the SDK's message names a Java method (requestPromotion)
          throw new GateFailedException(target.model + "@" + target.alias + " is protected ("
              + ModelsContext.policy(policy)
              + "); move it with 'mlops models promote " + target.model + " " + target.alias + " "
              + target.version + "'");
        }
        AliasMove move = mlops.models().moveAliases(target.model, Map.of(target.alias, target.version), actor.name,
            reason.orElse("")).get(0);
        return Output.of(ModelsContext.move(move), ModelsContext.moveLine(move));
      });
    }
  }

  /** {@code mlops models history <name> [--alias A] [--at TIME]}. */
  @Command(addMethodSubcommands = false, name = "history", mixinStandardHelpOptions = true,
      description = "Show alias moves, or where an alias pointed at a time.")
  static final class History implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL")
    private String model;

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Only this alias.")
    private String alias;

    @Option(names = "--at", paramLabel = "TIME",
        description = "An ISO-8601 instant (2026-03-01T12:00:00Z): where --alias pointed then.")
    private Instant at;

    @Override
    public Integer call() throws Exception {
      return new ModelsContext(spec).read(mlops -> {
        ModelRegistry models = mlops.models();
        if (at != null) {
          if (alias == null) {
            throw new IllegalArgumentException("--at needs --alias: which alias to look up");
          }
          Optional<ModelVersion> then = models.aliasAt(model, alias, at);
          ObjectNode json = ModelsContext.JSON.createObjectNode().put("model", model).put("alias", alias)
              .put("at", at.toString());
          then.ifPresentOrElse(v -> json.put("version", v.version()), () -> json.putNull("version"));
          return Output.of(json, model + "@" + alias + " at " + at + ": " + then.map(v -> "version " + v.version())
              .orElse("pointed nowhere"));
        }
        List<AliasMove> moves = new ArrayList<>();
        List<String> aliases = alias != null ? List.of(alias) : new ArrayList<>(models.aliases(model).keySet());
        for (String a : aliases) {
          moves.addAll(models.aliasHistory(model, a));
        }
        moves.sort((x, y) -> x.at().compareTo(y.at()));
        ArrayNode json = ModelsContext.JSON.createArrayNode();
        moves.forEach(m -> json.add(ModelsContext.move(m)));
        return Output.of(json, moves.isEmpty() ? "no alias moves"
            : moves.stream().map(ModelsContext::moveLine).collect(Collectors.joining("\n")));
      });
    }
  }

  /** {@code mlops models rollback <name> <alias>}. */
  @Command(addMethodSubcommands = false, name = "rollback", mixinStandardHelpOptions = true,
      description = "Move an alias back to where it pointed before its last move.")
  static final class Rollback implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private SharedOptions.ModelAlias target;
    @Mixin private SharedOptions.Actor actor;
    @Mixin private SharedOptions.Reason reason;

    @Override
    public Integer call() throws Exception {
      return new ModelsContext(spec).read(mlops -> {
        AliasMove move = mlops.models().rollback(target.model, target.alias, actor.name, reason.orElse("rollback"));
        return Output.of(ModelsContext.move(move), ModelsContext.moveLine(move));
      });
    }
  }

  /** {@code mlops models protect <name> <alias> [--gate] [--approvals N] [--expiry DURATION]}. */
  @Command(addMethodSubcommands = false, name = "protect", mixinStandardHelpOptions = true,
      description = "Protect an alias: from now on it moves only by an approved promotion.")
  static final class Protect implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private SharedOptions.ModelAlias target;

    @Option(names = "--gate", description = "Require the promotion gate to pass.")
    private boolean gate;

    @Option(names = "--approvals", paramLabel = "N", description = "Approvals by distinct people. Default: 1.")
    private int approvals = 1;

    @Option(names = "--expiry", paramLabel = "DURATION", description = "ISO-8601, default P7D.")
    private Duration expiry = AliasPolicy.DEFAULT_EXPIRY;

    @Override
    public Integer call() throws Exception {
      return new ModelsContext(spec).read(mlops -> {
        AliasPolicy policy = new AliasPolicy(gate, approvals, expiry);
        mlops.models().protect(target.model, target.alias, policy);
        ObjectNode json = ModelsContext.JSON.createObjectNode().put("model", target.model).put("alias", target.alias)
            .put("gate", gate).put("approvals", approvals).put("expiry", expiry.toString());
        return Output.of(json, "protected " + target.model + "@" + ModelsContext.policy(target.alias, policy));
      });
    }
  }
}
