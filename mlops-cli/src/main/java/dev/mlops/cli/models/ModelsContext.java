package dev.mlops.cli.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.registry.TensorSpec;
import dev.mlops.cli.CommandContext;
import dev.mlops.cli.Numbers;
import dev.mlops.core.input.ByteUnits;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/** What every {@code mlops models} command needs: the store, output options, JSON forms of values. */
final class ModelsContext extends CommandContext {
  static final ObjectMapper JSON = new ObjectMapper();

  ModelsContext(CommandSpec spec) {
    super(spec);
  }

  static ObjectNode version(ModelVersion v) {
    ObjectNode node = JSON.createObjectNode();
    node.put("model", v.model());
    node.put("version", v.version());
    node.put("format", v.format().name());
    node.put("createdAt", v.createdAt().toString());
    node.put("bytes", v.artifactSize());
    node.put("description", v.description());
    v.lineage().runId().ifPresent(run -> node.put("run", run));
    v.lineage().codeVersion().ifPresent(code -> node.put("code", code));
    ArrayNode datasets = node.putArray("datasets");
    v.lineage().datasets().forEach(d -> datasets.add(d.toString()));
    ObjectNode tags = node.putObject("tags");
    v.tags().forEach(tags::put);
    ObjectNode metrics = node.putObject("metrics");
    v.metrics().forEach(metrics::put);
    v.signature().ifPresent(signature -> {
      ObjectNode sig = node.putObject("signature");
      ArrayNode inputs = sig.putArray("inputs");
      signature.inputs().forEach(t -> inputs.addObject().put("name", t.name()).put("type", t.elementType())
          .put("shape", t.shape().toString()));
      ArrayNode outputs = sig.putArray("outputs");
      signature.outputs().forEach(t -> outputs.addObject().put("name", t.name()).put("type", t.elementType())
          .put("shape", t.shape().toString()));
    });
    return node;
  }

  /** A version for humans: one field per line, with the aliases that point to it. */
  static String versionText(ModelVersion v, Map<String, Integer> aliases) {
    StringBuilder text = new StringBuilder();
    field(text, "model", v.model());
    List<String> pointing = aliases.entrySet().stream().filter(a -> a.getValue() == v.version())
        .map(Map.Entry::getKey).sorted().toList();
    field(text, "version", v.version() + (pointing.isEmpty() ? "" : " (" + String.join(", ", pointing) + ")"));
    field(text, "format", v.format().name());
    field(text, "created", v.createdAt().toString());
    field(text, "bytes", v.artifactSize() + " (" + ByteUnits.format(v.artifactSize()) + ")");
    if (!v.description().isEmpty()) {
      field(text, "description", v.description());
    }
    v.lineage().runId().ifPresent(run -> field(text, "run", run));
    v.lineage().codeVersion().ifPresent(code -> field(text, "code", code));
    v.lineage().datasets().forEach(d -> field(text, "dataset", d.toString()));
    new TreeMap<>(v.tags()).forEach((k, val) -> field(text, "tag", k + " = " + val));
    new TreeMap<>(v.metrics()).forEach((k, val) -> field(text, "metric", k + " = " + Numbers.format(val)));
    v.signature().ifPresent(signature -> {
      signature.inputs().forEach(t -> field(text, "input", tensor(t)));
      signature.outputs().forEach(t -> field(text, "output", tensor(t)));
    });
    return text.toString().stripTrailing();
  }

  private static void field(StringBuilder text, String name, String value) {
    text.append(String.format("%-12s", name)).append(value).append('\n');
  }

  /** A tensor as {@code name FLOAT [-1, 4]}, -1 being any size. */
  static String tensor(TensorSpec t) {
    return t.name() + " " + t.elementType() + " " + t.shape();
  }

  /** Aliases as {@code production -> 2, staging -> 3}. */
  static String aliases(Map<String, Integer> aliases) {
    return aliases.isEmpty() ? "none" : new TreeMap<>(aliases).entrySet().stream()
        .map(a -> a.getKey() + " -> " + a.getValue()).collect(Collectors.joining(", "));
  }

  /** A protection for humans: {@code production: gate required, 1 approval, requests expire after 7d}. */
  static String policy(String alias, AliasPolicy p) {
    return alias + ": " + policy(p);
  }

  /** A protection's terms: {@code gate required, 1 approval, requests expire after 7d}. */
  static String policy(AliasPolicy p) {
    return (p.requireGate() ? "gate required" : "no gate") + ", " + p.approvals() + " approval"
        + (p.approvals() == 1 ? "" : "s") + ", requests expire after " + Numbers.duration(p.expiry());
  }

  static ObjectNode move(AliasMove m) {
    ObjectNode node = JSON.createObjectNode();
    node.put("model", m.model());
    node.put("alias", m.alias());
    if (m.from().isPresent()) {
      node.put("from", m.from().getAsInt());
    } else {
      node.putNull("from");
    }
    if (m.to().isPresent()) {
      node.put("to", m.to().getAsInt());
    } else {
      node.putNull("to");
    }
    node.put("actor", m.actor());
    node.put("reason", m.reason());
    node.put("at", m.at().toString());
    if (m.gate().isPresent()) {
      node.put("gate", m.gate().getAsInt());
    } else {
      node.putNull("gate");
    }
    return node;
  }

  static String moveLine(AliasMove m) {
    return m.at() + "  " + m.alias() + ": " + (m.from().isPresent() ? m.from().getAsInt() : "-") + " -> "
        + (m.to().isPresent() ? m.to().getAsInt() : "-") + "  by " + m.actor() + "  " + m.reason()
        + (m.gate().isPresent() ? "  (gate " + m.gate().getAsInt() + ")" : "");
  }

  static ObjectNode request(PromotionRequest r) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", r.id());
    node.put("model", r.model());
    node.put("alias", r.alias());
    node.put("version", r.version());
    node.put("status", r.status().name());
    node.put("requester", r.requester());
    node.put("reason", r.reason());
    ArrayNode approvers = node.putArray("approvers");
    r.approvers().forEach(approvers::add);
    node.put("createdAt", r.createdAt().toString());
    node.put("expiresAt", r.expiresAt().toString());
    if (r.gate().isPresent()) {
      node.put("gate", r.gate().getAsInt());
    } else {
      node.putNull("gate");
    }
    ArrayNode reasons = node.putArray("gateReasons");
    r.gateReasons().forEach(reasons::add);
    return node;
  }

  static String requestLine(PromotionRequest r) {
    return r.id() + "  " + r.status() + "  " + r.alias() + " -> " + r.version() + "  by " + r.requester()
        + "  approvals " + r.approvers() + "  expires " + r.expiresAt();
  }
}
