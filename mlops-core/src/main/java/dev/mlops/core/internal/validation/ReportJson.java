package dev.mlops.core.internal.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.Interval;
import dev.mlops.api.validation.LatencyProfile;
import dev.mlops.api.validation.SliceOutcome;
import dev.mlops.api.validation.ValidationReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The stored JSON form of a report (schema {@value #SCHEMA}, documented in docs/validation.md).
 * The id is not inside: it is the SHA-256 of these bytes. Non-finite numbers are written as
 * {@code null} and read back as NaN.
 */
public final class ReportJson {
  /** The schema tag written into every report. */
  public static final String SCHEMA = "mlops.validation.report/1";

  private ReportJson() {}

  /**
   * Writes a report (its id is left out).
   *
   * @param r the report
   * @return UTF-8 JSON
   */
  public static String write(ValidationReport r) {
    ObjectNode root = SuiteJson.MAPPER.createObjectNode();
    root.put("schema", SCHEMA).put("suite", r.suite());
    if (r.model().isPresent()) {
      root.put("model", r.model().get());
    } else {
      root.putNull("model");
    }
    root.put("passed", r.passed()).put("createdAt", r.createdAt().toString());
    ObjectNode metrics = root.putObject("metrics");
    r.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> number(metrics, e.getKey(), e.getValue()));
    ObjectNode units = root.putObject("units");
    r.units().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> units.put(e.getKey(), e.getValue()));
    ArrayNode checks = root.putArray("checks");
    for (CheckResult c : r.checks()) {
      ObjectNode n = checks.addObject();
      n.put("name", c.check().metric()).put("description", c.check().describe());
      n.put("passed", c.passed());
      number(n, "value", c.observed());
      number(n, "threshold", c.threshold().isPresent() ? c.threshold().getAsDouble() : Double.NaN);
      number(n, "baseline", c.baseline().isPresent() ? c.baseline().getAsDouble() : Double.NaN);
      if (c.interval().isPresent()) {
        Interval i = c.interval().get();
        ObjectNode in = n.putObject("interval");
        number(in, "lower", i.lower());
        number(in, "upper", i.upper());
        in.put("confidence", i.confidence());
      } else {
        n.putNull("interval");
      }
      n.put("message", c.message());
      n.set("check", CheckJson.write(c.check()));
    }
    ArrayNode slices = root.putArray("slices");
    for (SliceOutcome s : r.slices()) {
      ObjectNode n = slices.addObject().put("metric", s.metric()).put("column", s.column())
          .put("slice", s.slice()).put("size", s.size());
      number(n, "value", s.value());
      number(n, "overall", s.overall());
      n.put("judged", s.judged()).put("passed", s.passed());
    }
    ArrayNode latency = root.putArray("latency");
    for (LatencyProfile p : r.latency()) {
      ObjectNode n = latency.addObject().put("batchSize", p.batchSize());
      number(n, "p50", p.p50());
      number(n, "p95", p.p95());
      number(n, "p99", p.p99());
      ArrayNode samples = n.putArray("samplesMillis");
      p.samplesMillis().forEach(samples::add);
    }
    ArrayNode confusion = root.putArray("confusionMatrix");
    for (List<Long> row : r.confusionMatrix()) {
      ArrayNode out = confusion.addArray();
      row.forEach(out::add);
    }
    try {
      return SuiteJson.MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write report JSON", e);
    }
  }

  /**
   * Reads a stored report.
   *
   * @param id the id to give it
   * @param json the stored JSON
   * @return the report
   */
  public static ValidationReport read(String id, String json) {
    JsonNode root;
    try {
      root = SuiteJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("report " + id + " is not valid JSON", e);
    }
    if (!SCHEMA.equals(root.path("schema").asText())) {
      throw new IllegalArgumentException("report " + id + " has schema '"
          + root.path("schema").asText() + "', this version reads " + SCHEMA);
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    root.path("metrics").properties().forEach(e -> metrics.put(e.getKey(), num(e.getValue())));
    Map<String, String> units = new LinkedHashMap<>();
    root.path("units").properties().forEach(e -> units.put(e.getKey(), e.getValue().asText()));
    List<CheckResult> checks = new ArrayList<>();
    for (JsonNode n : root.path("checks")) {
      JsonNode in = n.path("interval");
      Optional<Interval> interval = in.isObject()
          ? Optional.of(new Interval(num(in.get("lower")), num(in.get("upper")), in.get("confidence").asDouble()))
          : Optional.empty();
      checks.add(new CheckResult(CheckJson.read(n.get("check"), "report check"),
          n.get("passed").asBoolean(), num(n.get("value")), optional(n.get("threshold")),
          optional(n.get("baseline")), interval, n.get("message").asText()));
    }
    List<SliceOutcome> slices = new ArrayList<>();
    for (JsonNode n : root.path("slices")) {
      slices.add(new SliceOutcome(n.get("metric").asText(), n.get("column").asText(),
          n.get("slice").asText(), n.get("size").asLong(), num(n.get("value")),
          num(n.get("overall")), n.get("judged").asBoolean(), n.get("passed").asBoolean()));
    }
    List<LatencyProfile> latency = new ArrayList<>();
    for (JsonNode n : root.path("latency")) {
      latency.add(new LatencyProfile(n.get("batchSize").asInt(), num(n.get("p50")),
          num(n.get("p95")), num(n.get("p99")), CheckJson.doubles(n.get("samplesMillis"))));
    }
    List<List<Long>> confusion = new ArrayList<>();
    for (JsonNode row : root.path("confusionMatrix")) {
      List<Long> out = new ArrayList<>();
      row.forEach(v -> out.add(v.asLong()));
      confusion.add(out);
    }
    JsonNode model = root.get("model");
    return new ValidationReport(id, root.get("suite").asText(),
        model == null || model.isNull() ? Optional.empty() : Optional.of(model.asText()), checks,
        metrics, units, slices, latency, confusion, Instant.parse(root.get("createdAt").asText()));
  }

  private static void number(ObjectNode node, String name, double value) {
    if (Double.isFinite(value)) {
      node.put(name, value);
    } else {
      node.putNull(name);
    }
  }

  private static double num(JsonNode n) {
    return n == null || n.isNull() ? Double.NaN : n.asDouble();
  }

  private static OptionalDouble optional(JsonNode n) {
    return n == null || n.isNull() ? OptionalDouble.empty() : OptionalDouble.of(n.asDouble());
  }
}
