package dev.mlops.core.internal.retrain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Comparison;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.Suppression;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.retrain.TriggerEvaluation;
import dev.mlops.core.internal.json.JsonFields;
import dev.mlops.core.internal.json.StrictJson;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

  /** Reads a decision strictly; throws {@link IllegalArgumentException} if it is not one. */
  static RetrainDecision decision(JsonFields node) {
    List<TriggerEvaluation> evidence = new ArrayList<>();
    for (JsonFields item : node.objects("evidence")) {
      Trigger trigger = new Trigger(item.text("signal"),
          item.enumValue("comparison", Comparison.class), item.number("enter"),
          item.number("exit"));
      evidence.add(new TriggerEvaluation(trigger, item.numberOrNaN("value"),
          item.bool("active", null)));
      item.requireNoOthers();
    }
    return new RetrainDecision(node.text("policy"), node.integer("seq", null),
        node.instant("at"), node.bool("asked", null), node.bool("fired", null),
        node.optionalText("automation").map(a -> Automation.valueOf(a)), evidence,
        node.integer("newLabelledRows", null),
        node.optionalText("suppressedBy").map(a -> Suppression.valueOf(a)),
        node.optionalText("requestId"));
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
      JsonFields node = new JsonFields(StrictJson.tree(bytes), key);
      JsonFields state = node.object("state");
      List<Instant> fires = new ArrayList<>();
      for (String fire : state.texts("fires")) {
        fires.add(Instant.parse(fire));
      }
      PolicyState policyState = new PolicyState(state.boolMap("active"),
          state.int32("consecutive", null), state.bool("latched", null), fires,
          state.optionalInstant("lastAt"), state.optionalInstant("since"));
      state.requireNoOthers();
      Entry entry = new Entry(decision(node), policyState, node.instant("recordedAt"));
      node.requireNoOthers();
      if (!key.endsWith("/" + String.format("%012d", entry.decision().seq()))) {
        throw new IllegalArgumentException("it says it is entry " + entry.decision().seq());
      }
      return entry;
    } catch (IllegalArgumentException | DateTimeException | InvalidNameException e) {
      throw new IntegrityException("The retrain history entry '" + key + "' is damaged ("
          + e.getMessage() + "); restore it from a backup, or delete it if it is the latest entry"
          + " and was never acted on", e);
    }
  }
}
