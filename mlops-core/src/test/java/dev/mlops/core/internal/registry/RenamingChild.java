package dev.mlops.core.internal.registry;

import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link KilledRenameCampaignTest}: {@code <store> <work dir> <first n>} finds the
 * one model of the store (or starts {@code m0}) and then, round after round, registers a version
 * tagged {@code n} (a plain file holding n), moves {@code live} to it, and renames the model from
 * {@code m<i>} to {@code m<i+1>}, printing {@code ACK <model> <version> <n>}, {@code MOVED <model>
 * <version>} and {@code RENAMED <from> <to>} after each call returned; {@code READY} after the
 * first rename. Each round also starts a run in experiment {@code e<j>} (its name {@code n<n>}),
 * ends it, and renames the experiment to {@code e<j+1>}, printing {@code RUN <id> <n>} and
 * {@code EXP-RENAMED <from> <to>}.
 */
public final class RenamingChild {
  private RenamingChild() {}

  public static void main(String[] args) throws IOException {
    long first = Long.parseLong(args[2]);
    Path file = Path.of(args[1]).resolve("model-" + first + ".bin");
    try (MlOps mlops = MlOps.local(Path.of(args[0]))) {
      List<String> models = mlops.models().models();
      if (models.size() > 1) {
        throw new IllegalStateException("more than one model: " + models);
      }
      String name = models.isEmpty() ? "m0" : models.get(0);
      List<String> experiments = mlops.experiments().experiments();
      if (experiments.size() > 1) {
        throw new IllegalStateException("more than one experiment: " + experiments);
      }
      String experiment = experiments.isEmpty() ? "e0" : experiments.get(0);
      for (long n = first; ; n++) {
        Files.writeString(file, Long.toString(n));
        ModelVersion version = mlops.models().register(ModelSpec.builder().model(name)
            .artifact(file, ModelFormat.OTHER).tag("n", Long.toString(n)).build());
        System.out.println("ACK " + name + " " + version.version() + " " + n);
        mlops.models().moveAliases(name, Map.of("live", version.version()), "campaign", "n=" + n);
        System.out.println("MOVED " + name + " " + version.version());
        String next = "m" + (Integer.parseInt(name.substring(1)) + 1);
        mlops.models().rename(name, next, "campaign");
        System.out.println("RENAMED " + name + " " + next);
        name = next;
        try (dev.mlops.api.experiment.Run run = mlops.experiments().start(dev.mlops.api.experiment.RunSpec.builder()
            .experiment(experiment).name("n" + n).build())) {
          run.log("n", n, 0);
          run.flush();
          System.out.println("RUN " + run.id() + " " + n);
        }
        String nextExperiment = "e" + (Integer.parseInt(experiment.substring(1)) + 1);
        mlops.experiments().renameExperiment(experiment, nextExperiment);
        System.out.println("EXP-RENAMED " + experiment + " " + nextExperiment);
        experiment = nextExperiment;
        if (n == first) {
          System.out.println("READY");
        }
      }
    }
  }
}
