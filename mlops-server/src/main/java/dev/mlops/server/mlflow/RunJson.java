package dev.mlops.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.experiment.ArtifactInfo;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.RunInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Our runs in MLflow's JSON ({@code Run}, {@code RunInfo}, {@code Metric}). */
final class RunJson {
  /** Attribute keys MLflow's run search accepts; {@code created} is MLflow's name for start time. */
  static final Set<String> ATTRIBUTES =
      Set.of("run_id", "run_name", "status", "user_id", "artifact_uri", "start_time", "end_time", "created",
          "lifecycle_stage");
  static final Set<String> TIME_ATTRIBUTES = Set.of("start_time", "end_time", "created");

  private RunJson() {}

  /**
   * What MLflow keeps of a run beside our document: its lifecycle, removed tags, dataset inputs,
   * and the artifact files deleted through the {@code mlflow-artifacts} proxy.
   */
  record Overlay(boolean deleted, Set<String> removedTags, @Nullable JsonNode inputs, Set<String> removedArtifacts) {
    static final Overlay NONE = new Overlay(false, Set.of(), null, Set.of());

    /** The run's artifact files MLflow clients see: ours, less those deleted through the proxy. */
    List<ArtifactInfo> artifacts(RunInfo info) {
      return info.artifacts().stream().filter(a -> !removedArtifacts.contains(a.path())).toList();
    }
  }

  static String artifactUri(String experimentId, String runId) {
    return "mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts";
  }

  static String runName(RunInfo info) {
    // the tag follows runs/update's run_name; runs started from Java have only their name
    return info.tags().getOrDefault("mlflow.runName", info.name());
  }

  static Map<String, String> tags(RunInfo info, Overlay overlay) {
    if (overlay.removedTags().isEmpty()) {
      return info.tags();
    }
    Map<String, String> tags = new HashMap<>(info.tags());
    tags.keySet().removeAll(overlay.removedTags());
    return tags;
  }

  static ObjectNode info(RunInfo info, String experimentId, Overlay overlay) {
    ObjectNode json = Json.object()
        .put("run_id", info.id())
        .put("run_uuid", info.id())
        .put("run_name", runName(info))
        .put("experiment_id", experimentId)
        .put("user_id", info.tags().getOrDefault("mlflow.user", ""))
        .put("status", info.status().name())
        .put("start_time", info.startedAt().toEpochMilli());
    info.endedAt().ifPresent(end -> json.put("end_time", end.toEpochMilli()));
    json.put("artifact_uri", artifactUri(experimentId, info.id()));
    json.put("lifecycle_stage", overlay.deleted() ? "deleted" : "active");
    return json;
  }

  /**
   * A whole run.
   *
   * @param latest each metric's last point, or null to show the latest values with step 0 and the
   *     run's start as time (searches, where reading every history would cost too much)
   */
  static ObjectNode run(RunInfo info, String experimentId, Overlay overlay,
      @Nullable Function<String, MetricHistory> latest) {
    ObjectNode json = Json.object();
    json.set("info", info(info, experimentId, overlay));
    ObjectNode data = json.putObject("data");
    ArrayNode metrics = data.putArray("metrics");
    new TreeMap<>(info.latestMetrics()).forEach((key, value) -> {
      MetricHistory history = latest == null ? null : latest.apply(key);
      if (history != null && history.size() > 0) {
        int last = history.size() - 1;
        metrics.add(metric(key, history.value(last), history.timestamp(last), history.step(last)));
      } else {
        metrics.add(metric(key, value, info.startedAt().toEpochMilli(), 0));
      }
    });
    data.set("params", Json.keyValues(info.params()));
    data.set("tags", Json.keyValues(tags(info, overlay)));
    ObjectNode inputs = json.putObject("inputs");
    inputs.set("dataset_inputs", overlay.inputs() == null ? Json.array() : overlay.inputs());
    return json;
  }

  static ObjectNode metric(String key, double value, long timestamp, long step) {
    return Json.object().put("key", key).put("value", value).put("timestamp", timestamp).put("step", step);
  }

  /** The value search compares for a field of a run. */
  static @Nullable Object field(RunInfo info, String experimentId, Overlay overlay, String entity, String key) {
    return switch (entity) {
      case "metrics" -> info.latestMetrics().get(key);
      case "params" -> info.params().get(key);
      case "tags" -> tags(info, overlay).get(key);
      default -> switch (key) {
        case "run_id" -> info.id();
        case "run_name" -> runName(info);
        case "status" -> info.status().name();
        case "user_id" -> info.tags().getOrDefault("mlflow.user", "");
        case "artifact_uri" -> artifactUri(experimentId, info.id());
        case "lifecycle_stage" -> overlay.deleted() ? "deleted" : "active";
        case "start_time", "created" -> (double) info.startedAt().toEpochMilli();
        case "end_time" -> info.endedAt().map(end -> (double) end.toEpochMilli()).orElse(null);
        default -> null;
      };
    };
  }
}
