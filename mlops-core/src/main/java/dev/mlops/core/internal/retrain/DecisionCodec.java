package dev.mlops.core.internal.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Comparison;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.Suppression;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.retrain.TriggerEvaluation;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON form of a history entry: the decision, its evidence and the state it left. */
final class DecisionCodec {
  private DecisionCodec() {}

  /** One history entry. */
  record Entry(RetrainDecision decision, PolicyState state, Instant recordedAt) {}

  static ObjectNode decisionNode(RetrainDecision d) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("policy", d.policy());
    node.put("seq", d.seq());
    node.put("at", d.at().toString());
    node.put("asked", d.asked());
    node.put("fired", d.fired());
    Json.putOptional(node, "automation", d.automation());
    Json.putOptional(node, "suppressedBy", d.suppressedBy());
    Json.putOptional(node, "requestId", d.requestId());
    node.put("newLabelledRows", d.newLabelledRows());
    ArrayNode evidence = node.putArray("evidence");
    for (TriggerEvaluation e : d.evidence()) {
      ObjectNode item = evidence.addObject();
      item.put("signal", e.trigger().signal());
      item.put("comparison", e.trigger().comparison().name());
      item.put("enter", e.trigger().enter());
      item.put("exit", e.trigger().exit());
      Json.putDouble(item, "value", e.value());
      item.put("active", e.active());
    }
    return node;
  }

  static RetrainDecision decision(JsonNode node) {
    List<TriggerEvaluation> evidence = new ArrayList<>();
    for (JsonNode item : node.path("evidence")) {
      Trigger trigger = new Trigger(Json.text(item, "signal"),
          Comparison.valueOf(Json.text(item, "comparison")), item.path("enter").asDouble(),
          item.path("exit").asDouble());
      evidence.add(new TriggerEvaluation(trigger, Json.getDouble(item, "value"),
          item.path("active").asBoolean()));
    }
    return new RetrainDecision(Json.text(node, "policy"), node.path("seq").asLong(),
        Instant.parse(Json.text(node, "at")), node.path("asked").asBoolean(),
        node.path("fired").asBoolean(),
        Json.optionalText(node, "automation").map(Automation::valueOf), evidence,
        node.path("newLabelledRows").asLong(),
        Json.optionalText(node, "suppressedBy").map(Suppression::valueOf),
        Json.optionalText(node, "requestId"));
  }

  static byte[] encode(Entry entry) {
    ObjectNode node = decisionNode(entry.decision());
    node.put("recordedAt", entry.recordedAt().toString());
    PolicyState s = entry.state();
    ObjectNode state = node.putObject("state");
    ObjectNode active = state.putObject("active");
    s.active().forEach(active::put);
    state.put("consecutive", s.consecutive());
    state.put("latched", s.latched());
    ArrayNode fires = state.putArray("fires");
    s.fires().forEach(t -> fires.add(t.toString()));
    Json.putOptional(state, "lastAt", s.lastAt());
    Json.putOptional(state, "since", s.since());
    return Json.bytes(node);
  }

  static Entry decode(String key, byte[] bytes) {
    try {
      JsonNode node = Json.MAPPER.readTree(bytes);
      JsonNode state = node.path("state");
      Map<String, Boolean> active = new HashMap<>();
      state.path("active").fields().forEachRemaining(f -> active.put(f.getKey(), f.getValue().asBoolean()));
      List<Instant> fires = new ArrayList<>();
      state.path("fires").forEach(t -> fires.add(Instant.parse(t.asText())));
      PolicyState policyState = new PolicyState(active, state.path("consecutive").asInt(),
          state.path("latched").asBoolean(), fires, Json.optionalInstant(state, "lastAt"),
          Json.optionalInstant(state, "since"));
      return new Entry(decision(node), policyState, Instant.parse(Json.text(node, "recordedAt")));
    } catch (IOException | RuntimeException e) {
      throw new IntegrityException("The retrain history entry '" + key + "' is not readable ("
          + e.getMessage() + "); restore it from a backup, or delete it if it is the latest entry"
          + " and was never acted on", e);
    }
  }
}
