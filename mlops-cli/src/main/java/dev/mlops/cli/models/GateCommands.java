package dev.mlops.cli.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ChampionRule;
import dev.mlops.api.registry.GateData;
import dev.mlops.api.registry.GateSpec;
import dev.mlops.api.registry.GateVersion;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.validation.ChangeThreshold;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.api.validation.Validator;
import dev.mlops.cli.CliFiles;
import dev.mlops.cli.CommandContext.Output;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops models gate}: a protected alias's gate, stored in the store so that every client
 * (this CLI, Java applications, later the UI) applies the same one when the alias is promoted.
 */
@Command(addMethodSubcommands = false, name = "gate", mixinStandardHelpOptions = true,
    description = "Set or show the gate a protected alias's promotions must pass.",
    subcommands = {GateCommands.Set.class, GateCommands.Show.class})
final class GateCommands {
  private GateCommands() {}

  /** {@code mlops models gate set MODEL ALIAS --suite FILE --data DATASET@REF:TABLE --label COLUMN}. */
  @Command(addMethodSubcommands = false, name = "set", mixinStandardHelpOptions = true,
      description = "Store a new gate version: a suite run on a dataset table, compared with the champion.")
  static final class Set implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private SharedOptions.ModelAlias target;
    @Mixin private SharedOptions.Actor actor;

    @Option(names = "--suite", required = true, paramLabel = "SUITE.json",
        description = "The validation suite's JSON form (built-in metrics only).")
    private Path suite;

    @Option(names = "--data", required = true, paramLabel = "DATASET@REF:TABLE",
        description = "The labelled data the suite runs on: a table or a CSV file (PATH.csv) of a dataset"
            + " version, such as customers@main:holdout.csv; the reference is pinned to the version it names now.")
    private String data;

    @Option(names = "--label", required = true, paramLabel = "COLUMN", description = "The label column.")
    private String label;

    @Option(names = "--champion", paramLabel = "baseline|none",
        description = "baseline: the version the alias points to is the baseline of the suite's change"
            + " thresholds (left out on the first promotion); none: no baseline. Default: baseline.")
    private String champion = "baseline";

    @Override
    public Integer call() throws Exception {
      ChampionRule rule = championRule(champion);
      String json = CliFiles.readText(suite, "--suite");
      requireBuiltinMetrics(json);
      return new ModelsContext(spec).read(mlops -> {
        ValidationSuite parsed = mlops.validator().suiteFromJson(json, Map.of());
        if (rule == ChampionRule.NO_BASELINE && parsed.checks().stream().anyMatch(c -> c instanceof ChangeThreshold)) {
          throw new IllegalArgumentException("--suite " + suite + " has change thresholds (notWorseThanBaseline),"
              + " which --champion none can never pass; use --champion baseline or remove them");
        }
        ModelRegistry models = mlops.models();
        Optional<GateVersion> before = models.gate(target.model, target.alias);
        GateVersion gate = models.setGate(target.model, target.alias, new GateSpec(parsed, data(data, label), rule),
            actor.name);
        boolean unchanged = before.isPresent() && before.get().version() == gate.version();
        StringBuilder text = new StringBuilder(unchanged ? "unchanged: " : "stored ").append(describe(gate));
        AliasPolicy policy = models.policies(target.model).get(target.alias);
        if (policy == null || !policy.requireGate()) {
          text.append("\nnote: ").append(target.model).append('@').append(target.alias).append(" does not require a")
              .append(" gate yet, so promotions do not run it; run 'mlops models protect ").append(target.model)
              .append(' ').append(target.alias).append(" --gate'");
        }
        return Output.of(json(gate, mlops.validator()).put("stored", !unchanged), text.toString());
      });
    }
  }

  /** {@code mlops models gate show MODEL ALIAS [GATE_VERSION]}. */
  @Command(addMethodSubcommands = false, name = "show", mixinStandardHelpOptions = true, description = "Show an alias's gate and its suite.")
  static final class Show implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private SharedOptions.ModelAlias target;

    @Parameters(index = "2", arity = "0..1", paramLabel = "GATE_VERSION",
        description = "A gate version, current or past. Default: the current one.")
    private @Nullable Integer version;

    @Override
    public Integer call() throws Exception {
      return new ModelsContext(spec).read(mlops -> {
        ModelRegistry models = mlops.models();
        GateVersion gate;
        if (version != null) {
          gate = models.gate(target.model, target.alias, version);
        } else {
          gate = models.gate(target.model, target.alias).orElseThrow(() -> new IllegalArgumentException(
              target.model + "@" + target.alias + " has no stored gate; set one with 'mlops models gate set "
                  + target.model + " " + target.alias + " --suite SUITE.json --data DATASET@REF:TABLE --label COLUMN'"));
        }
        Validator validator = mlops.validator();
        return Output.of(json(gate, validator), describe(gate) + "\nset by " + gate.actor() + " at " + gate.createdAt()
            + "\n" + validator.toJson(gate.spec().suite()));
      });
    }
  }

  static ChampionRule championRule(String value) {
    return switch (value) {
      case "baseline" -> ChampionRule.CHAMPION_IS_BASELINE;
      case "none" -> ChampionRule.NO_BASELINE;
      default -> throw new IllegalArgumentException("--champion must be baseline or none, got '" + value + "'");
    };
  }

  static String championWord(ChampionRule rule) {
    return rule == ChampionRule.CHAMPION_IS_BASELINE ? "baseline" : "none";
  }

  private static GateData data(String value, String label) {
    int at = value.indexOf('@');
    int colon = at < 0 ? -1 : value.indexOf(':', at);
    if (at <= 0 || colon < 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("--data " + value + " must be DATASET@REF:TABLE, such as"
          + " customers@main:holdout.arrow");
    }
    return new GateData(value.substring(0, colon), value.substring(colon + 1), label);
  }

  private static void requireBuiltinMetrics(String json) {
    try {
      JsonNode metrics = ModelsContext.JSON.readTree(json).path("metrics");
      if (metrics.isArray() && !metrics.isEmpty()) {
        throw new IllegalArgumentException("--suite defines custom metrics; a stored gate runs in every client,"
            + " which cannot have their Java functions: use built-in metrics only");
      }
    } catch (JsonProcessingException e) {
      // the validator's reader reports malformed JSON with its position
    }
  }

  /** One line: which gate, what it runs on, and how it treats the champion. */
  static String describe(GateVersion gate) {
    ValidationSuite suite = gate.spec().suite();
    return "gate " + gate.version() + " of " + gate.model() + "@" + gate.alias() + ": suite " + suite.name() + " ("
        + suite.checks().size() + " checks) on " + shortly(gate.spec().data()) + ", label " + gate.spec().data().label()
        + ", champion " + championWord(gate.spec().champion());
  }

  /** The data with its version id cut to 12 characters, as the CLI shows dataset ids. */
  private static String shortly(GateData data) {
    int at = data.dataset().indexOf('@');
    String id = data.dataset().substring(at + 1);
    return data.dataset().substring(0, at + 1) + id.substring(0, Math.min(12, id.length())) + ":" + data.table();
  }

  static ObjectNode json(GateVersion gate, Validator validator) {
    ObjectNode node = ModelsContext.JSON.createObjectNode().put("model", gate.model()).put("alias", gate.alias())
        .put("version", gate.version()).put("actor", gate.actor()).put("createdAt", gate.createdAt().toString());
    node.putObject("data").put("dataset", gate.spec().data().dataset()).put("table", gate.spec().data().table())
        .put("label", gate.spec().data().label());
    node.put("champion", championWord(gate.spec().champion()));
    try {
      node.set("suite", ModelsContext.JSON.readTree(validator.toJson(gate.spec().suite())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a suite's JSON form always parses", e);
    }
    return node;
  }
}
