package dev.mlops.server.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.experiment.ArtifactInfo;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code mlflow-artifacts} proxy ({@code mlflow server --serve-artifacts} semantics): paths
 * {@code <experiment id>/<run id>/artifacts/<path>} are the run's artifacts, stored as content
 * objects like artifacts logged from Java. A delete hides the files from MLflow's answers (as a
 * deleted tag is hidden): they are recorded beside the run in {@code mlflow/runs/<run>.json}, while
 * the run's document keeps them for the Java API and {@code mlops}; uploading to the same path
 * again shows the new file.
 */
final class Artifacts {
  private final ExperimentLogger logger;
  private final LiveRuns live;
  private final Experiments experiments;
  private final MetaStore meta;

  Artifacts(ExperimentLogger logger, LiveRuns live, Experiments experiments, MetaStore meta) {
    this.logger = logger;
    this.live = live;
    this.experiments = experiments;
    this.meta = meta;
  }

  /** A proxy path split into its run and the artifact path in it (empty for the run's root). */
  record Location(String runId, String path) {
    static Location parse(String proxyPath) {
      String[] parts = proxyPath.split("/", 4);
      if (parts.length < 3 || !parts[2].equals("artifacts") || parts[1].isEmpty()) {
        throw ApiError.invalid("Invalid artifact path '" + proxyPath + "': expected <experiment id>/<run id>/artifacts/<path>,"
            + " the run's artifact_uri after mlflow-artifacts:/");
      }
      String path = parts.length == 4 ? parts[3] : "";
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      for (String segment : path.split("/", -1)) {
        if (!path.isEmpty() && (segment.isEmpty() || segment.equals("..") || segment.equals(".") || segment.contains("\\"))) {
          throw ApiError.invalid("Invalid artifact path '" + proxyPath + "': a path may not contain '..', '.', '\\' or"
              + " empty segments");
        }
      }
      return new Location(parts[1], path);
    }
  }

  void upload(WebRequest request, WebResponse response) throws IOException {
    Location location = Location.parse(request.pathParameter("path"));
    if (location.path.isEmpty()) {
      throw ApiError.invalid("Uploading needs a file name after 'artifacts/'");
    }
    Path temporary = Files.createTempFile("mlops-mlflow-upload", ".bin");
    try {
      try (InputStream body = request.body()) {
        Files.copy(body, temporary, StandardCopyOption.REPLACE_EXISTING);
      }
      live.write(location.runId, run -> run.artifact(location.path, temporary));
    } finally {
      Files.deleteIfExists(temporary);
    }
    if (Runs.overlay(meta, location.runId).removedArtifacts().contains(location.path)) {
      meta.update(Runs.overlayKey(location.runId), doc -> removeFrom(doc.withArray("removed_artifacts"), location.path));
    }
    Json.sendEmpty(response);
  }

  void download(WebRequest request, WebResponse response) throws IOException {
    Location location = Location.parse(request.pathParameter("path"));
    RunInfo run = logger.run(location.runId).orElseThrow(() -> LiveRuns.missing(location.runId));
    if (Runs.overlay(meta, location.runId).artifacts(run).stream().noneMatch(a -> a.path().equals(location.path))) {
      throw ApiError.notFound("Run " + location.runId + " has no artifact file '" + location.path + "'");
    }
    try (InputStream in = logger.openArtifact(location.runId, location.path);
        OutputStream out = response.stream(200, "application/octet-stream")) {
      in.transferTo(out);
    }
  }

  /**
   * Deletes a file, or a directory with every file below it, as MLflow's proxy does; nothing to
   * delete is not an error there either. The bytes stay in the store: see the class description.
   */
  void delete(WebRequest request, WebResponse response) throws IOException {
    Location location = Location.parse(request.pathParameter("path"));
    RunInfo run = logger.run(location.runId).orElseThrow(() -> LiveRuns.missing(location.runId));
    String prefix = location.path.isEmpty() ? "" : location.path + "/";
    List<String> doomed = Runs.overlay(meta, location.runId).artifacts(run).stream().map(ArtifactInfo::path)
        .filter(p -> p.equals(location.path) || p.startsWith(prefix)).toList();
    if (!doomed.isEmpty()) {
      meta.update(Runs.overlayKey(location.runId), doc -> {
        ArrayNode removed = doc.withArray("removed_artifacts");
        doomed.forEach(removed::add);
      });
    }
    Json.sendEmpty(response);
  }

  private static void removeFrom(ArrayNode list, String value) {
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.get(i).asText().equals(value)) {
        list.remove(i);
      }
    }
  }

  /** {@code GET /api/2.0/mlflow-artifacts/artifacts?path=...}: the entries of one directory, by name. */
  void list(WebRequest request, WebResponse response) throws IOException {
    String path = Params.of(request).text("path", "");
    Location location = Location.parse(path);
    ObjectNode body = Json.object();
    ArrayNode files = body.putArray("files");
    entries(location).forEach((name, size) -> {
      ObjectNode file = files.addObject().put("path", name).put("is_dir", size < 0);
      if (size >= 0) {
        file.put("file_size", size);
      }
    });
    Json.send(response, body);
  }

  /** {@code GET artifacts/list?run_id=&path=}: the tracking API's listing, paths from the run's root. */
  void listByRun(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String runId = Runs.runId(params);
    String path = params.text("path", "");
    Location location = Location.parse("0/" + runId + "/artifacts/" + path);
    RunInfo run = logger.run(runId).orElseThrow(() -> LiveRuns.missing(runId));
    ObjectNode body = Json.object();
    body.put("root_uri", RunJson.artifactUri(experiments.idOf(run.experiment()), runId));
    ArrayNode files = body.putArray("files");
    String prefix = location.path.isEmpty() ? "" : location.path + "/";
    entries(location).forEach((name, size) -> {
      ObjectNode file = files.addObject().put("path", prefix + name).put("is_dir", size < 0);
      if (size >= 0) {
        file.put("file_size", size);
      }
    });
    Json.send(response, body);
  }

  /** Names directly under a directory of the run: files with their size, directories as -1. */
  private Map<String, Long> entries(Location location) {
    RunInfo run = logger.run(location.runId).orElseThrow(() -> LiveRuns.missing(location.runId));
    String prefix = location.path.isEmpty() ? "" : location.path + "/";
    Map<String, Long> entries = new TreeMap<>();
    for (ArtifactInfo artifact : Runs.overlay(meta, location.runId).artifacts(run)) {
      if (!artifact.path().startsWith(prefix)) {
        continue;
      }
      String rest = artifact.path().substring(prefix.length());
      int slash = rest.indexOf('/');
      entries.put(slash < 0 ? rest : rest.substring(0, slash), slash < 0 ? artifact.size() : -1L);
    }
    return entries;
  }
}
