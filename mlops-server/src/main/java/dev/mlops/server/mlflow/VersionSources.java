package dev.mlops.server.mlflow;

import dev.mlops.api.experiment.ArtifactInfo;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code model-versions/create}'s {@code source} into a registered version: the source
 * names a run's artifact ({@code runs:/<run>/<path>}, or the run's artifact URI and a path, as
 * {@code mlflow.register_model} sends it); the files under it are copied out of the store and
 * registered. One {@code .onnx} file among them makes an ONNX version (what MLflow's onnx flavour
 * logs: {@code model.onnx} beside {@code MLmodel}); anything else is registered as a directory of
 * format OTHER.
 */
final class VersionSources {
  private final ExperimentLogger logger;
  private final Experiments experiments;
  private final ModelRegistry registry;
  private final MetaStore meta;

  VersionSources(ExperimentLogger logger, Experiments experiments, ModelRegistry registry, MetaStore meta) {
    this.logger = logger;
    this.experiments = experiments;
    this.registry = registry;
    this.meta = meta;
  }

  record Source(String runId, String path) {}

  static Source parse(String source, @Nullable String runId) {
    if (source.startsWith("runs:/")) {
      String rest = source.substring("runs:/".length());
      int slash = rest.indexOf('/');
      return new Source(slash < 0 ? rest : rest.substring(0, slash), slash < 0 ? "" : trim(rest.substring(slash + 1)));
    }
    // mlflow-artifacts:/<experiment>/<run>/artifacts/<path>, or any URI with /<run>/artifacts/ in it.
    String[] parts = source.split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i + 1].equals("artifacts") && !parts[i].isEmpty() && (runId == null || runId.isEmpty()
          || parts[i].equals(runId))) {
        String marker = "/" + parts[i] + "/artifacts";
        int at = source.indexOf(marker);
        return new Source(parts[i], trim(source.substring(at + marker.length())));
      }
    }
    throw ApiError.invalid("Unsupported model version source '" + source + "': this server registers a run's"
        + " artifacts, named as runs:/<run_id>/<path> or <the run's artifact_uri>/<path>");
  }

  private static String trim(String path) {
    String trimmed = path;
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  ModelVersion register(String model, String sourceText, @Nullable String runIdParam, String description,
      Map<String, String> tags) {
    Source source = parse(sourceText, runIdParam);
    RunInfo run = logger.run(source.runId).orElseThrow(() -> LiveRuns.missing(source.runId));
    String prefix = source.path.isEmpty() ? "" : source.path + "/";
    List<ArtifactInfo> files = Runs.overlay(meta, source.runId).artifacts(run).stream()
        .filter(a -> a.path().equals(source.path) || a.path().startsWith(prefix)).toList();
    if (files.isEmpty()) {
      throw ApiError.invalid("Run " + source.runId + " (experiment " + experiments.idOf(run.experiment())
          + ") has no artifacts under '" + source.path + "'; log the model's files to the run first");
    }
    Path directory;
    try {
      directory = Files.createTempDirectory("mlops-mlflow-version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      for (ArtifactInfo file : files) {
        String relative = file.path().equals(source.path) ? Path.of(file.path()).getFileName().toString()
            : file.path().substring(prefix.length());
        Path target = directory.resolve(relative);
        Files.createDirectories(target.getParent());
        try (InputStream in = logger.openArtifact(source.runId, file.path())) {
          Files.copy(in, target);
        }
      }
      List<ArtifactInfo> onnx = files.stream().filter(a -> a.path().endsWith(".onnx")).toList();
      ModelSpec.Builder spec = ModelSpec.builder().model(model).run(source.runId).description(description);
      tags.forEach(spec::tag);
      if (onnx.size() == 1) {
        String relative = onnx.get(0).path().equals(source.path) ? Path.of(source.path).getFileName().toString()
            : onnx.get(0).path().substring(prefix.length());
        spec.artifact(directory.resolve(relative), ModelFormat.ONNX);
      } else {
        spec.artifact(directory, ModelFormat.OTHER);
      }
      return registry.register(spec.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(directory);
    }
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
