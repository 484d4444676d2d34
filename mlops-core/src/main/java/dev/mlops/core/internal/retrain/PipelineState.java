package dev.mlops.core.internal.retrain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.retrain.PipelineRun;
import dev.mlops.api.retrain.StepRecord;
import dev.mlops.api.retrain.StepStatus;
import dev.mlops.core.internal.json.JsonFields;
import dev.mlops.core.internal.json.StrictJson;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
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
      JsonFields node = new JsonFields(StrictJson.tree(bytes), key);
      List<StepRecord> steps = new ArrayList<>();
      if (node.has("steps")) { // a run whose pipeline has no steps writes none
        for (JsonFields s : node.objects("steps")) {
          steps.add(new StepRecord(s.text("name"), s.enumValue("status", StepStatus.class),
              s.int32("attempts", null), s.textMap("inputs"), s.textMap("outputs"),
              s.optionalInstant("startedAt"), s.optionalInstant("endedAt"),
              s.optionalText("error")));
          s.requireNoOthers();
        }
      }
      PipelineRun run = new PipelineRun(node.text("pipeline"), node.text("runId"),
          node.textMap("inputs"), steps, node.bool("completed", null));
      node.requireNoOthers();
      if (!key.equals(key(run.pipeline(), run.runId()))) {
        throw new IllegalArgumentException("it describes " + key(run.pipeline(), run.runId()));
      }
      return run;
    } catch (IllegalArgumentException | DateTimeException | InvalidNameException e) {
      throw new IntegrityException("The pipeline run document '" + key + "' is damaged ("
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

}
