package dev.mlops.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** MLflow's run endpoints: create, read, end, delete, and log metrics, params, tags and inputs. */
final class Runs {
  private static final String MODEL_HISTORY_TAG = "mlflow.log-model.history";

  private final ExperimentLogger logger;
  private final Experiments experiments;
  private final LiveRuns live;
  private final MetaStore meta;
  private final Clock clock;

  Runs(ExperimentLogger logger, Experiments experiments, LiveRuns live, MetaStore meta, Clock clock) {
    this.logger = logger;
    this.experiments = experiments;
    this.live = live;
    this.meta = meta;
    this.clock = clock;
  }

  void create(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String experiment = experiments.activeName(params.text("experiment_id", Experiments.DEFAULT_ID));
    RunSpec.Builder spec = RunSpec.builder().experiment(experiment);
    String runName = params.text("run_name");
    List<JsonNode> tags = params.objects("tags");
    Set<String> tagKeys = new HashSet<>();
    for (JsonNode tag : tags) {
      String key = Limits.key("tag", tag);
      if (tagKeys.add(key)) {
        spec.tag(key, Limits.value("Tag value", Limits.MAX_TAG_VALUE_LENGTH, tag));
      }
      if (runName == null && key.equals("mlflow.runName")) {
        runName = tag.path("value").asText();
      }
    }
    if (runName != null && !runName.isEmpty()) {
      if (!tagKeys.contains("mlflow.runName")) {
        spec.tag("mlflow.runName", runName);
      }
      if (Names.isValid(runName)) {
        spec.name(runName);
      }
    }
    String user = params.text("user_id");
    if (user != null && !user.isEmpty() && !tagKeys.contains("mlflow.user")) {
      spec.tag("mlflow.user", user);
    }
    Run run = logger.start(spec.build());
    live.started(run);
    ObjectNode body = Json.object();
    body.set("run", RunJson.run(run.info(), experiments.idOf(experiment), RunJson.Overlay.NONE, null));
    Json.send(response, body);
  }

  void get(WebRequest request, WebResponse response) throws IOException {
    String runId = runId(Params.of(request));
    live.flush(runId);
    RunInfo info = require(runId);
    ObjectNode body = Json.object();
    body.set("run", RunJson.run(info, experiments.idOf(info.experiment()), overlay(runId),
        key -> logger.history(runId, key)));
    Json.send(response, body);
  }

  void update(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String runId = runId(params);
    requireActive(runId);
    String runName = params.text("run_name");
    if (runName != null && !runName.isEmpty()) {
      // MLflow keeps the run name in the tag mlflow.runName too; the tag is where ours changes
      String name = Limits.value("Run name", Limits.MAX_TAG_VALUE_LENGTH, Json.object().put("value", runName));
      live.write(runId, run -> run.tag("mlflow.runName", name));
      unremoveTags(runId, Set.of("mlflow.runName"));
    }
    String status = params.text("status");
    if (status != null && !status.isEmpty()) {
      RunStatus target = status(status);
      if (target.isTerminal()) {
        live.end(runId, target);
      } else if (!live.isLive(runId)) {
        throw ApiError.invalid("Run '" + runId + "' has ended; this server cannot set it RUNNING again (log to it"
            + " and it is resumed for the write)");
      }
    }
    RunInfo info = require(runId);
    ObjectNode body = Json.object();
    body.set("run_info", RunJson.info(info, experiments.idOf(info.experiment()), overlay(runId)));
    Json.send(response, body);
  }

  void delete(WebRequest request, WebResponse response) throws IOException {
    String runId = runId(Params.of(request));
    require(runId);
    meta.update(overlayKey(runId), doc -> doc.put("deleted", true).put("deleted_time", clock.millis()));
    live.setDeleted(runId, true);
    Json.sendEmpty(response);
  }

  void restore(WebRequest request, WebResponse response) throws IOException {
    String runId = runId(Params.of(request));
    require(runId);
    meta.update(overlayKey(runId), doc -> doc.put("deleted", false));
    live.setDeleted(runId, false);
    Json.sendEmpty(response);
  }

  void logMetric(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String runId = runId(params);
    String key = Limits.key("metric", params.node());
    double value = Limits.metricValue(key, params.node());
    long step = Limits.step(key, params.node());
    Instant time = Instant.ofEpochMilli(Limits.timestamp(key, params.node(), clock));
    requireActive(runId);
    live.write(runId, run -> run.log(key, value, step, time));
    Json.sendEmpty(response);
  }

  void logParam(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String runId = runId(params);
    String key = Limits.key("parameter", params.node());
    String value = Limits.value("Param value", Limits.MAX_PARAM_VALUE_LENGTH, params.node());
    requireActive(runId);
    live.write(runId, run -> run.param(key, value));
    Json.sendEmpty(response);
  }

  void setTag(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String runId = runId(params);
    String key = Limits.key("tag", params.node());
    String value = Limits.value("Tag value", Limits.MAX_TAG_VALUE_LENGTH, params.node());
    requireActive(runId);
    live.write(runId, run -> run.tag(key, value));
    unremoveTags(runId, Set.of(key));
    Json.sendEmpty(response);
  }

  void deleteTag(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String runId = runId(params);
    String key = params.required("key");
    requireActive(runId);
    if (!RunJson.tags(require(runId), overlay(runId)).containsKey(key)) {
      throw ApiError.notFound("No tag with name: " + key + " in run with id " + runId);
    }
    // Our run documents keep tags; MLflow's removal is recorded beside them and hides the tag.
    meta.update(overlayKey(runId), doc -> {
      ArrayNode removed = doc.withArray("removed_tags");
      removed.add(key);
    });
    Json.sendEmpty(response);
  }

  void logBatch(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    Limits.batchRequestSize(params.size());
    String runId = runId(params);
    List<JsonNode> metrics = params.objects("metrics");
    List<JsonNode> runParams = params.objects("params");
    List<JsonNode> tags = params.objects("tags");
    Limits.batchCounts(metrics.size(), runParams.size(), tags.size());
    Limits.uniqueParamKeys(runParams);
    int n = metrics.size();
    String[] keys = new String[n];
    double[] values = new double[n];
    long[] steps = new long[n];
    Instant[] times = new Instant[n];
    for (int i = 0; i < n; i++) {
      keys[i] = Limits.key("metric", metrics.get(i));
      values[i] = Limits.metricValue(keys[i], metrics.get(i));
      steps[i] = Limits.step(keys[i], metrics.get(i));
      times[i] = Instant.ofEpochMilli(Limits.timestamp(keys[i], metrics.get(i), clock));
    }
    String[][] paramPairs = pairs(runParams, "parameter", "Param value", Limits.MAX_PARAM_VALUE_LENGTH);
    String[][] tagPairs = pairs(tags, "tag", "Tag value", Limits.MAX_TAG_VALUE_LENGTH);
    requireActive(runId);
    live.write(runId, run -> {
      for (String[] pair : paramPairs) {
        run.param(pair[0], pair[1]);
      }
      for (String[] pair : tagPairs) {
        run.tag(pair[0], pair[1]);
      }
      for (int i = 0; i < n; i++) {
        run.log(keys[i], values[i], steps[i], times[i]);
      }
    });
    if (tagPairs.length > 0) {
      Set<String> tagKeys = new HashSet<>();
      for (String[] pair : tagPairs) {
        tagKeys.add(pair[0]);
      }
      unremoveTags(runId, tagKeys);
    }
    Json.sendEmpty(response);
  }

  /**
   * {@code runs/log-model}, which {@code mlflow.<flavour>.log_model} calls after uploading the
   * files: as MLflow's server does, the model's description joins the JSON list in the run's tag
   * {@code mlflow.log-model.history}.
   */
  void logModel(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String runId = runId(params);
    JsonNode model = Json.parse(params.required("model_json").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    requireActive(runId);
    String history = require(runId).tags().get(MODEL_HISTORY_TAG);
    ArrayNode models = history == null ? Json.array() : (ArrayNode) Json.MAPPER.readTree(history);
    models.add(model);
    String value = Json.MAPPER.writeValueAsString(models);
    live.write(runId, run -> run.tag(MODEL_HISTORY_TAG, value));
    Json.sendEmpty(response);
  }

  void logInputs(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String runId = runId(params);
    List<JsonNode> datasets = params.objects("datasets");
    for (JsonNode input : datasets) {
      JsonNode dataset = input.path("dataset");
      if (dataset.path("name").asText().isEmpty() || dataset.path("digest").asText().isEmpty()) {
        throw ApiError.invalid("A dataset input needs dataset.name and dataset.digest");
      }
    }
    requireActive(runId);
    // MLflow's datasets are descriptions (name, digest, source), not our dataset versions: they are
    // kept beside the run and shown back in its inputs; the same name and digest are kept once.
    meta.update(overlayKey(runId), doc -> {
      ArrayNode inputs = doc.withArray("inputs");
      for (JsonNode input : datasets) {
        boolean known = false;
        for (JsonNode existing : inputs) {
          known |= existing.path("dataset").path("name").equals(input.path("dataset").path("name"))
              && existing.path("dataset").path("digest").equals(input.path("dataset").path("digest"));
        }
        if (!known) {
          ObjectNode kept = Json.object();
          kept.set("tags", input.path("tags").isArray() ? input.path("tags") : Json.array());
          kept.set("dataset", input.path("dataset"));
          inputs.add(kept);
        }
      }
    });
    Json.sendEmpty(response);
  }

  void history(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String runId = runId(params);
    String key = params.required("metric_key");
    live.flush(runId);
    MetricHistory history;
    try {
      history = logger.history(runId, key);
    } catch (NotFoundException e) {
      throw LiveRuns.missing(runId);
    }
    int max = params.text("max_results") == null ? Integer.MAX_VALUE : Limits.maxResults(params, Limits.MAX_RESULTS);
    int offset = PageToken.offset(params.text("page_token"));
    int end = (int) Math.min(history.size(), (long) offset + max);
    ObjectNode body = Json.object();
    ArrayNode metrics = body.putArray("metrics");
    for (int i = offset; i < end; i++) {
      metrics.add(RunJson.metric(key, history.value(i), history.timestamp(i), history.step(i)));
    }
    if (end < history.size()) {
      body.put("next_page_token", PageToken.of(end));
    }
    Json.send(response, body);
  }

  private static String[][] pairs(List<JsonNode> entries, String kind, String valueKind, int limit) {
    String[][] pairs = new String[entries.size()][];
    for (int i = 0; i < pairs.length; i++) {
      pairs[i] = new String[] {Limits.key(kind, entries.get(i)), Limits.value(valueKind, limit, entries.get(i))};
    }
    return pairs;
  }

  private void unremoveTags(String runId, Set<String> keys) {
    if (overlay(runId).removedTags().stream().anyMatch(keys::contains)) {
      meta.update(overlayKey(runId), doc -> {
        ArrayNode kept = Json.array();
        doc.withArray("removed_tags").forEach(k -> {
          if (!keys.contains(k.asText())) {
            kept.add(k);
          }
        });
        doc.set("removed_tags", kept);
      });
    }
  }

  static String runId(Params params) {
    String runId = params.text("run_id");
    if (runId == null || runId.isEmpty()) {
      runId = params.text("run_uuid");
    }
    if (runId == null || runId.isEmpty()) {
      throw ApiError.invalid("Missing value for required parameter 'run_id'. See the API docs for more information"
          + " about request parameters.");
    }
    return runId;
  }

  RunInfo require(String runId) {
    return logger.run(runId).orElseThrow(() -> LiveRuns.missing(runId));
  }

  /**
   * Refuses writes to a deleted run, as MLflow does. A run live here is written only through this
   * server (one writer per run), so its lifecycle is known here without reading the store.
   */
  private void requireActive(String runId) {
    Boolean deleted = live.deleted(runId);
    if (deleted == null) {
      require(runId);
      deleted = overlay(runId).deleted();
    }
    if (deleted) {
      throw ApiError.invalid("The run " + runId + " must be in the 'active' state. Current state is deleted.");
    }
  }

  RunJson.Overlay overlay(String runId) {
    return overlay(meta, runId);
  }

  static RunJson.Overlay overlay(MetaStore meta, String runId) {
    return meta.read(overlayKey(runId)).map(Runs::overlay).orElse(RunJson.Overlay.NONE);
  }

  static RunJson.Overlay overlay(JsonNode doc) {
    Set<String> removed = new HashSet<>();
    doc.path("removed_tags").forEach(k -> removed.add(k.asText()));
    Set<String> removedArtifacts = new HashSet<>();
    doc.path("removed_artifacts").forEach(k -> removedArtifacts.add(k.asText()));
    return new RunJson.Overlay(doc.path("deleted").asBoolean(), removed,
        doc.path("inputs").isArray() ? doc.path("inputs") : null, removedArtifacts);
  }

  static String overlayKey(String runId) {
    return "runs/" + runId + ".json";
  }

  private static RunStatus status(String status) {
    try {
      return RunStatus.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("Invalid value '" + status + "' for parameter 'status': use RUNNING, FINISHED, FAILED or"
          + " KILLED (SCHEDULED is not supported)");
    }
  }
}
