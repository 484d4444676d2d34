package dev.mlops.cli.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.TriggerEvaluation;
import dev.mlops.cli.Numbers;
import java.util.Optional;

/** JSON and one-line text forms of decisions and requests for the retrain commands. */
final class RetrainJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private RetrainJson() {}

  static ObjectNode decision(RetrainDecision d, Optional<RetrainRequest> request) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("policy", d.policy());
    node.put("seq", d.seq());
    node.put("at", d.at().toString());
    node.put("asked", d.asked());
    node.put("fired", d.fired());
    node.put("automation", d.automation().map(Enum::name).orElse(null));
    node.put("suppressedBy", d.suppressedBy().map(Enum::name).orElse(null));
    node.put("newLabelledRows", d.newLabelledRows());
    ArrayNode evidence = node.putArray("evidence");
    for (TriggerEvaluation e : d.evidence()) {
      ObjectNode item = evidence.addObject();
      item.put("signal", e.trigger().signal());
      item.put("comparison", e.trigger().comparison().symbol());
      item.put("enter", e.trigger().enter());
      item.put("exit", e.trigger().exit());
      if (Double.isNaN(e.value())) {
        item.putNull("value");
      } else {
        item.put("value", e.value());
      }
      item.put("active", e.active());
    }
    node.put("requestId", d.requestId().orElse(null));
    request.ifPresent(r -> {
      node.put("requestStatus", r.status().name());
      node.put("decidedBy", r.decidedBy().orElse(null));
      node.put("reason", r.reason().orElse(null));
    });
    return node;
  }

  static ObjectNode request(RetrainRequest r) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", r.id());
    node.put("policy", r.decision().policy());
    node.put("status", r.status().name());
    node.put("createdAt", r.createdAt().toString());
    node.put("expiresAt", r.expiresAt().toString());
    node.put("decidedBy", r.decidedBy().orElse(null));
    node.put("reason", r.reason().orElse(null));
    node.put("executed", r.executed());
    node.set("decision", decision(r.decision(), Optional.empty()));
    return node;
  }

  static String text(RetrainDecision d, Optional<RetrainRequest> request) {
    StringBuilder line = new StringBuilder();
    line.append(d.at()).append("  ").append(d.policy()).append(" #").append(d.seq()).append("  ");
    if (d.fired()) {
      line.append("FIRED ").append(d.automation().orElseThrow());
    } else if (d.suppressedBy().isPresent()) {
      line.append("held by ").append(d.suppressedBy().get());
    } else {
      line.append("quiet");
    }
    line.append("  [");
    for (int i = 0; i < d.evidence().size(); i++) {
      TriggerEvaluation e = d.evidence().get(i);
      line.append(i == 0 ? "" : ", ").append(e.trigger().signal()).append('=').append(Numbers.format(e.value()))
          .append(' ').append(e.trigger().comparison().symbol()).append(' ')
          .append(Numbers.format(e.trigger().enter())).append(e.active() ? " active" : "");
    }
    line.append("]  rows=").append(d.newLabelledRows());
    request.ifPresent(r -> line.append("  request ").append(r.id()).append(' ').append(r.status())
        .append(r.decidedBy().map(by -> " by " + by).orElse(""))
        .append(r.reason().filter(s -> !s.isBlank()).map(s -> " (" + s + ")").orElse("")));
    return line.toString();
  }

  static String text(RetrainRequest r) {
    return r.id() + "  " + r.status() + "  policy " + r.decision().policy() + "  window "
        + r.decision().at() + "  expires " + r.expiresAt()
        + r.decidedBy().map(by -> "  by " + by).orElse("");
  }
}
