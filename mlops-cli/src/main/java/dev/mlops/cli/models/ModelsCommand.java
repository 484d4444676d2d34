package dev.mlops.cli.models;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.CommandTree;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops models}: the model registry. */
@Command(
    addMethodSubcommands = false,
    name = "models",
    mixinStandardHelpOptions = true,
    description = "Register model versions, move aliases, promote with approvals, roll back, predict.")
public final class ModelsCommand {
  /**
   * The subcommands, in the order the usage lists them: {@link dev.mlops.cli.Main} adds them (not
   * the annotation), so that a run builds only the one it names.
   */
  public static final List<CommandTree> SUBCOMMANDS = List.of(
      CommandTree.of("ls", Ls.class),
      CommandTree.of("show", Show.class),
      CommandTree.of("register", Register.class),
      CommandTree.of("rename", Rename.class),
      CommandTree.of("alias", AliasCommands.Alias.class),
      CommandTree.of("history", AliasCommands.History.class),
      CommandTree.of("rollback", AliasCommands.Rollback.class),
      CommandTree.of("protect", AliasCommands.Protect.class),
      CommandTree.of("gate", GateCommands.class),
      CommandTree.of("promote", PromotionCommands.Promote.class),
      CommandTree.of("approve", PromotionCommands.Approve.class),
      CommandTree.of("reject", PromotionCommands.Reject.class),
      CommandTree.of("promotions", PromotionCommands.Promotions.class),
      CommandTree.of("predict", PredictCommand.class));

  /** {@code mlops models ls}. */
  @Command(addMethodSubcommands = false, name = "ls", mixinStandardHelpOptions = true, description = "List models with their aliases.")
  static final class Ls implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return new ModelsContext(spec).read(mlops -> {
        ModelRegistry models = mlops.models();
        ArrayNode json = ModelsContext.JSON.createArrayNode();
        StringBuilder text = new StringBuilder();
        for (String model : models.models()) {
          List<ModelVersion> versions = models.versions(model);
          Map<String, Integer> aliases = models.aliases(model);
          ObjectNode node = json.addObject().put("model", model).put("versions", versions.size());
          ObjectNode aliasNode = node.putObject("aliases");
          aliases.forEach(aliasNode::put);
          text.append(model).append("  versions 1..").append(versions.size()).append("  aliases ")
              .append(ModelsContext.aliases(aliases)).append('\n');
        }
        return Output.of(json, text.isEmpty() ? "no models" : text.toString().stripTrailing());
      });
    }
  }

  /** {@code mlops models show <name>[@<version|alias>]}. */
  @Command(addMethodSubcommands = false, name = "show", mixinStandardHelpOptions = true,
      description = "Show a model's versions and aliases, or one version in full.")
  static final class Show implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL[@VERSION|ALIAS]")
    private String reference;

    @Override
    public Integer call() throws Exception {
      return new ModelsContext(spec).read(mlops -> {
        ModelRegistry models = mlops.models();
        if (reference.contains("@") || reference.contains("/")) {
          ModelVersion v = models.resolve(reference);
          return Output.of(ModelsContext.version(v), ModelsContext.versionText(v, models.aliases(v.model())));
        }
        ObjectNode json = ModelsContext.JSON.createObjectNode().put("model", reference);
        ArrayNode versions = json.putArray("versions");
        StringBuilder text = new StringBuilder(reference).append('\n');
        for (ModelVersion v : models.versions(reference)) {
          versions.add(ModelsContext.version(v));
          text.append("  ").append(v.version()).append("  ").append(v.createdAt()).append("  ").append(v.format())
              .append("  ").append(v.lineage().runId().map(r -> "run " + r).orElse("")).append("  ")
              .append(v.description()).append('\n');
        }
        ObjectNode aliases = json.putObject("aliases");
        models.aliases(reference).forEach(aliases::put);
        text.append("aliases    ").append(ModelsContext.aliases(models.aliases(reference)));
        new java.util.TreeMap<>(models.policies(reference)).forEach((alias, policy) ->
            text.append("\nprotected  ").append(ModelsContext.policy(alias, policy)));
        return Output.of(json, text.toString());
      });
    }
  }

  /** {@code mlops models register <name> <file> [--run ID] [--tag K=V]...}. */
  @Command(addMethodSubcommands = false, name = "register", mixinStandardHelpOptions = true, description = "Register a new version.")
  static final class Register implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL")
    private String model;

    @Parameters(index = "1", paramLabel = "FILE", description = "An .onnx file, or any file or directory.")
    private Path file;

    @Option(names = "--run", paramLabel = "ID", description = "The run that produced it (lineage).")
    private String run;

    @Option(names = "--tag", paramLabel = "K=V", description = "A tag; repeatable.")
    private Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--description", paramLabel = "TEXT")
    private String description;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "ONNX or OTHER. Default: ONNX for *.onnx files, else OTHER.")
    private ModelFormat format;

    @Override
    public Integer call() throws Exception {
      ModelsContext context = new ModelsContext(spec);
      if (!java.nio.file.Files.exists(file)) {
        throw new IllegalArgumentException("no such file or directory: '" + file + "'; give the model's file"
            + " (or its directory)");
      }
      Path name = file.toAbsolutePath().normalize().getFileName();
      ModelFormat chosen = format != null ? format
          : name != null && name.toString().endsWith(".onnx") ? ModelFormat.ONNX : ModelFormat.OTHER;
      ModelSpec.Builder builder = ModelSpec.builder().model(model).artifact(file, chosen);
      if (run != null) {
        builder.run(run);
      }
      if (description != null) {
        builder.description(description);
      }
      tags.forEach(builder::tag);
      ModelSpec request = builder.build();
      return context.write(mlops -> {
        ModelVersion v = mlops.models().register(request);
        ObjectNode json = ModelsContext.JSON.createObjectNode().put("model", v.model()).put("version", v.version());
        return Output.of(json, "registered " + v.model() + "/" + v.version());
      });
    }
  }

  /** {@code mlops models rename <from> <to> [--actor NAME]}. */
  @Command(addMethodSubcommands = false, name = "rename", mixinStandardHelpOptions = true,
      description = "Rename a model: its versions, aliases, gates and alias history move to the new name;"
          + " the old name is not reused.")
  static final class Rename implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @picocli.CommandLine.Mixin private SharedOptions.Actor actor;

    @Parameters(index = "0", paramLabel = "FROM")
    private String from;

    @Parameters(index = "1", paramLabel = "TO")
    private String to;

    @Override
    public Integer call() throws Exception {
      return new ModelsContext(spec).write(mlops -> {
        List<ModelVersion> versions = mlops.models().rename(from, to, actor.name);
        ObjectNode json = ModelsContext.JSON.createObjectNode().put("from", from).put("model", to)
            .put("versions", versions.size());
        return Output.of(json, "renamed " + from + " to " + to + " (" + versions.size() + " versions)");
      });
    }
  }
}
