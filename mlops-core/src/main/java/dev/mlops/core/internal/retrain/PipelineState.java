package dev.mlops.core.internal.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.retrain.PipelineRun;
import dev.mlops.api.retrain.StepRecord;
import dev.mlops.api.retrain.StepStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON document of a pipeline run, {@code refs/retrain/pipelines/<pipeline>/<run>}. */
final class PipelineState {
  static final String PREFIX = "refs/retrain/pipelines/";

  private PipelineState() {}

  static String key(String pipeline, String runId) {
    return PREFIX + pipeline + "/" + runId;
  }

  static byte[] encode(PipelineRun run) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("pipeline", run.pipeline());
    node.put("runId", run.runId());
    node.put("completed", run.completed());
    putMap(node.putObject("inputs"), run.inputs());
    for (StepRecord s : run.steps()) {
      ObjectNode step = node.withArray("steps").addObject();
      step.put("name", s.name());
      step.put("status", s.status().name());
      step.put("attempts", s.attempts());
      putMap(step.putObject("inputs"), s.inputs());
      putMap(step.putObject("outputs"), s.outputs());
      Json.putOptional(step, "startedAt", s.startedAt());
      Json.putOptional(step, "endedAt", s.endedAt());
      Json.putOptional(step, "error", s.error());
    }
    return Json.bytes(node);
  }

  static PipelineRun decode(String key, byte[] bytes) {
    try {
      JsonNode node = Json.MAPPER.readTree(bytes);
      List<StepRecord> steps = new ArrayList<>();
      for (JsonNode s : node.path("steps")) {
        steps.add(new StepRecord(Json.text(s, "name"), StepStatus.valueOf(Json.text(s, "status")),
            s.path("attempts").asInt(), map(s.path("inputs")), map(s.path("outputs")),
            Json.optionalInstant(s, "startedAt"), Json.optionalInstant(s, "endedAt"),
            Json.optionalText(s, "error")));
      }
      return new PipelineRun(Json.text(node, "pipeline"), Json.text(node, "runId"),
          map(node.path("inputs")), steps, node.path("completed").asBoolean());
    } catch (IOException | RuntimeException e) {
      throw new IntegrityException("The pipeline run document '" + key + "' is not readable ("
          + e.getMessage() + "); restore it from a backup or start a new run id", e);
    }
  }

  static StepRecord pending(String name) {
    return new StepRecord(name, StepStatus.PENDING, 0, Map.of(), Map.of(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  static StepRecord with(StepRecord s, StepStatus status, int attempts, Map<String, String> inputs,
      Map<String, String> outputs, Optional<Instant> startedAt, Optional<Instant> endedAt,
      Optional<String> error) {
    return new StepRecord(s.name(), status, attempts, inputs, outputs, startedAt, endedAt, error);
  }

  private static void putMap(ObjectNode node, Map<String, String> map) {
    map.forEach(node::put);
  }

  private static Map<String, String> map(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
    return out;
  }
}
