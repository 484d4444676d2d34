package dev.mlops.core.internal.retrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Comparison;
import dev.mlops.api.MlOpsException;
import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.AutomationRule;
import dev.mlops.api.retrain.PolicyFormatException;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.input.JsonErrors;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** The JSON form of a policy; the format is documented in {@code docs/retraining.md}. */
final class PolicyJson {
  private static final Set<String> FIELDS = Set.of("name", "triggers", "atLeast", "all",
      "consecutiveWindows", "cooldown", "budget", "minNewLabelledRows", "automation",
      "approvalTimeout");
  private static final List<String> TYPES =
      List.of("drift", "metric", "kpi", "freshness", "schedule", "signal");
  private static final java.util.Map<String, Set<String>> TRIGGER_FIELDS = java.util.Map.of(
      "drift", Set.of("type", "column", "comparison", "enter", "exit"),
      "metric", Set.of("type", "metric", "relativeDrop", "comparison", "enter", "exit"),
      "kpi", Set.of("type", "kpi", "comparison", "enter", "exit"),
      "freshness", Set.of("type", "measure", "comparison", "enter", "exit"),
      "schedule", Set.of("type", "every"),
      "signal", Set.of("type", "signal", "comparison", "enter", "exit"));

  private PolicyJson() {}

  static RetrainPolicyConfig parse(String json) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new PolicyFormatException("The policy is not valid JSON (" + JsonErrors.describe(e) + ")", e);
    }
    if (root == null || root.isMissingNode()) {
      throw new PolicyFormatException("The policy is empty; write a JSON object with \"name\" and \"triggers\"",
          null);
    }
    if (!root.isObject()) {
      throw new PolicyFormatException("The policy must be a JSON object with \"name\" and \"triggers\"", null);
    }
    try {
      return read(root);
    } catch (IllegalArgumentException | IllegalStateException | MlOpsException e) {
      if (e instanceof PolicyFormatException p) {
        throw p;
      }
      throw new PolicyFormatException("Invalid policy: " + e.getMessage(), e);
    }
  }

  private static RetrainPolicyConfig read(JsonNode root) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException("unknown field \"" + field + "\"; allowed: " + FIELDS);
      }
    }
    RetrainPolicyConfig.Builder b = RetrainPolicyConfig.builder().name(Json.text(root, "name"));
    JsonNode triggers = root.path("triggers");
    if (!triggers.isArray() || triggers.isEmpty()) {
      throw new IllegalArgumentException("\"triggers\" must be a non-empty array");
    }
    for (JsonNode t : triggers) {
      b.trigger(trigger(t));
    }
    if (root.has("atLeast")) {
      b.atLeast(integer(root, "atLeast"));
    }
    if (flag(root, "all", false)) {
      b.all();
    }
    if (root.has("consecutiveWindows")) {
      b.consecutiveWindows(integer(root, "consecutiveWindows"));
    }
    if (root.has("cooldown")) {
      b.cooldown(duration(root, "cooldown"));
    }
    if (root.has("budget")) {
      JsonNode budget = root.get("budget");
      allowOnly(budget, "\"budget\"", Set.of("maxRetrains", "period"));
      b.budget(integer(budget, "maxRetrains"), duration(budget, "period"));
    }
    if (root.has("minNewLabelledRows")) {
      JsonNode rows = root.get("minNewLabelledRows");
      if (!rows.isIntegralNumber()) {
        throw new IllegalArgumentException("\"minNewLabelledRows\" must be an integer, got " + rows);
      }
      b.minNewLabelledRows(rows.asLong());
    }
    if (root.has("approvalTimeout")) {
      b.approvalTimeout(duration(root, "approvalTimeout"));
    }
    if (root.has("automation")) {
      b.automationRule(rule(root.get("automation")));
    }
    return b.build();
  }

  private static Trigger trigger(JsonNode t) {
    String type = t.path("type").asText("");
    if (!TYPES.contains(type)) {
      throw new PolicyFormatException("Unknown trigger type \"" + type + "\" in " + t
          + "; use one of " + TYPES, null);
    }
    allowOnly(t, "a " + type + " trigger", TRIGGER_FIELDS.get(type));
    if (type.equals("schedule")) {
      Duration every = duration(t, "every");
      if (every.isZero() || every.isNegative()) {
        throw new IllegalArgumentException("schedule \"every\" must be positive, got " + every);
      }
      return Trigger.when(PolicyEngine.SCHEDULE_SIGNAL, Comparison.AT_LEAST, every.toMillis() / 3_600_000.0);
    }
    String signal = switch (type) {
      case "drift" -> "drift." + (t.has("column") ? Json.text(t, "column") : "share");
      case "metric" -> "metric." + Json.text(t, "metric") + (flag(t, "relativeDrop", false) ? ".drop" : "");
      case "kpi" -> "kpi." + Json.text(t, "kpi");
      case "freshness" -> "data." + Json.text(t, "measure");
      default -> Json.text(t, "signal");
    };
    boolean dropOrMetric = type.equals("metric") && !flag(t, "relativeDrop", false);
    Comparison comparison = t.has("comparison") ? comparison(Json.text(t, "comparison"))
        : type.equals("signal") ? comparison(Json.text(t, "comparison"))
        : dropOrMetric ? Comparison.BELOW : Comparison.AT_LEAST;
    if (!t.has("enter") || !t.get("enter").isNumber()) {
      throw new IllegalArgumentException("trigger on '" + Excerpt.of(signal) + "' needs a numeric \"enter\" threshold");
    }
    double enter = t.get("enter").asDouble();
    if (t.has("exit") && !t.get("exit").isNumber()) {
      throw new IllegalArgumentException("trigger on '" + Excerpt.of(signal)
          + "' has a non-numeric \"exit\" threshold: " + t.get("exit"));
    }
    double exit = t.has("exit") ? t.get("exit").asDouble() : enter;
    boolean nonNegative = !type.equals("kpi") && !type.equals("signal");
    if (nonNegative && (enter < 0 || exit < 0)) {
      throw new IllegalArgumentException("thresholds of a " + type + " trigger on '" + Excerpt.of(signal)
          + "' must not be negative, got enter " + enter + ", exit " + exit);
    }
    return new Trigger(signal, comparison, enter, exit);
  }

  private static AutomationRule rule(JsonNode node) {
    String rule = node.path("rule").isTextual() ? node.get("rule").asText() : "";
    if (!node.isObject()) {
      throw new IllegalArgumentException("\"automation\" must be an object, got " + node);
    }
    return switch (rule) {
      case "fixed" -> {
        allowOnly(node, "a fixed automation rule", Set.of("rule", "level"));
        yield AutomationRule.always(level(Json.text(node, "level")));
      }
      case "magnitude" -> {
        allowOnly(node, "a magnitude automation rule", Set.of("rule", "signal", "limit", "atOrBelow", "above"));
        if (node.has("limit") && !node.get("limit").isNumber()) {
          throw new IllegalArgumentException("\"limit\" must be a number, got " + node.get("limit"));
        }
        yield new AutomationRule.ByMagnitude(
            node.has("signal") ? Json.text(node, "signal") : AutomationRule.DEFAULT_SIGNAL,
            node.has("limit") ? node.get("limit").asDouble() : Double.NaN,
            level(node.has("atOrBelow") ? Json.text(node, "atOrBelow") : "AUTO"),
            level(node.has("above") ? Json.text(node, "above") : "APPROVAL"));
      }
      default -> throw new IllegalArgumentException("unknown automation rule \"" + rule
          + "\"; use \"fixed\" (with \"level\") or \"magnitude\" (with \"signal\", \"limit\")");
    };
  }

  static String write(RetrainPolicyConfig c) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("name", c.name());
    ArrayNode triggers = root.putArray("triggers");
    for (Trigger t : c.triggers()) {
      triggers.addObject().put("type", "signal").put("signal", t.signal())
          .put("comparison", t.comparison().symbol()).put("enter", t.enter()).put("exit", t.exit());
    }
    root.put("atLeast", c.minActive());
    root.put("consecutiveWindows", c.consecutiveWindows());
    root.put("cooldown", c.cooldown().toString());
    c.budget().ifPresent(budget -> root.putObject("budget").put("maxRetrains", budget.maxRetrains())
        .put("period", budget.period().toString()));
    root.put("minNewLabelledRows", c.minNewLabelledRows());
    root.put("approvalTimeout", c.approvalTimeout().toString());
    ObjectNode automation = root.putObject("automation");
    if (c.automationRule() instanceof AutomationRule.Fixed fixed) {
      automation.put("rule", "fixed").put("level", fixed.level().name());
    } else if (c.automationRule() instanceof AutomationRule.ByMagnitude m) {
      automation.put("rule", "magnitude").put("signal", m.signal()).put("limit", m.limit())
          .put("atOrBelow", m.atOrBelow().name()).put("above", m.above().name());
    } else {
      throw new IllegalArgumentException("policy '" + Excerpt.of(c.name()) + "' has a host-defined automation"
          + " rule, which has no JSON form; use AutomationRule.always or AutomationRule.byMagnitude");
    }
    return new String(Json.bytes(root), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Fails on a field that a part of the policy does not have (a typo would otherwise be ignored). */
  private static void allowOnly(JsonNode node, String what, Set<String> allowed) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object, got " + node);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        throw new IllegalArgumentException("unknown field \"" + field + "\" in " + what
            + "; allowed: " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  private static boolean flag(JsonNode node, String field, boolean fallback) {
    JsonNode value = node.get(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException("\"" + field + "\" must be true or false, got " + value);
    }
    return value.asBoolean();
  }

  private static Comparison comparison(String symbol) {
    return Arrays.stream(Comparison.values())
        .filter(c -> c.symbol().equals(symbol) || c.name().equals(symbol)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown comparison \"" + symbol
            + "\"; use >=, >, <= or <"));
  }

  private static Automation level(String name) {
    try {
      return Automation.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown automation level \"" + name + "\"; use AUTO, APPROVAL or NOTIFY");
    }
  }

  private static int integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
      throw new IllegalArgumentException("\"" + field + "\" must be an integer, got " + value);
    }
    return value.asInt();
  }

  private static Duration duration(JsonNode node, String field) {
    String text = Json.text(node, field);
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("\"" + field + "\" must be an ISO-8601 duration such as"
          + " \"P1D\" or \"PT6H\", got \"" + text + "\"");
    }
  }
}
