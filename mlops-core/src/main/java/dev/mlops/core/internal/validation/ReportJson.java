package dev.mlops.core.internal.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.Interval;
import dev.mlops.api.validation.IntervalMethod;
import dev.mlops.api.validation.LatencyProfile;
import dev.mlops.api.validation.SliceOutcome;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.core.internal.json.JsonFields;
import dev.mlops.core.internal.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The stored JSON form of a report (schema {@value #SCHEMA}, documented in docs/validation.md).
 * The id is not inside: it is the SHA-256 of these bytes. Non-finite numbers are written as
 * {@code null} and read back as NaN. Schema {@value #SCHEMA_1} (before intervals named their
 * method; all its intervals are percentile ones) is still read; a reader of schema 1 refuses
 * schema 2 with its "upgrade" message rather than with an unknown field.
 */
public final class ReportJson {
  /** The schema tag written into every report: 2 adds {@code interval.method}. */
  public static final String SCHEMA = "mlops.validation.report/2";
  /** The schema written before issue 17, still read. */
  static final String SCHEMA_1 = "mlops.validation.report/1";

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
        in.put("method", SuiteJson.methodName(i.method()));
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
    if (!r.classNames().isEmpty()) { // absent when unnamed, so such reports keep their bytes and id
      ArrayNode names = root.putArray("classNames");
      r.classNames().forEach(names::add);
    }
    try {
      return SuiteJson.MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write report JSON", e);
    }
  }

  /**
   * Reads a stored report, strictly: an unknown, missing or mistyped field is damage.
   *
   * @param id the id to give it
   * @param json the stored JSON
   * @return the report
   * @throws IntegrityException if the JSON is not a report of schema {@value #SCHEMA} or
   *     {@value #SCHEMA_1}
   */
  public static ValidationReport read(String id, String json) {
    try {
      return read(id, new JsonFields(StrictJson.tree(json.getBytes(StandardCharsets.UTF_8)),
          "report " + id));
    } catch (IllegalArgumentException | DateTimeException | InvalidNameException e) {
      throw new IntegrityException("Validation report " + id + " does not read (" + e.getMessage()
          + "); restore it from a backup, or run the suite again to store a new report", e);
    }
  }

  private static ValidationReport read(String id, JsonFields root) {
    String schema = root.text("schema");
    if (!SCHEMA.equals(schema) && !SCHEMA_1.equals(schema)) {
      throw new IllegalArgumentException("it has schema '" + schema + "', this version reads "
          + SCHEMA + " and " + SCHEMA_1 + " (written by a newer mlops? upgrade)");
    }
    boolean methodNamed = SCHEMA.equals(schema);
    Map<String, Double> metrics = root.numberMap("metrics");
    Map<String, String> units = root.textMap("units");
    List<CheckResult> checks = new ArrayList<>();
    for (JsonFields n : root.objects("checks")) {
      n.text("name");
      n.text("description"); // written for readers of the JSON; the check itself says the same
      Optional<Interval> interval = Optional.empty();
      if (n.has("interval")) {
        JsonFields in = n.object("interval");
        // Schema 1 has no method: its intervals were percentile ones.
        IntervalMethod method = methodNamed ? SuiteJson.intervalMethod(in.text("method"))
            : IntervalMethod.PERCENTILE;
        interval = Optional.of(new Interval(in.numberOrNaN("lower"), in.numberOrNaN("upper"),
            in.number("confidence"), method));
        in.requireNoOthers();
      }
      checks.add(new CheckResult(CheckJson.read(n.value("check"), "report check"),
          n.bool("passed", null), n.numberOrNaN("value"), optional(n, "threshold"),
          optional(n, "baseline"), interval, n.text("message")));
      n.requireNoOthers();
    }
    List<SliceOutcome> slices = new ArrayList<>();
    for (JsonFields n : root.objects("slices")) {
      slices.add(new SliceOutcome(n.text("metric"), n.text("column"), n.text("slice"),
          n.integer("size", null), n.numberOrNaN("value"), n.numberOrNaN("overall"),
          n.bool("judged", null), n.bool("passed", null)));
      n.requireNoOthers();
    }
    List<LatencyProfile> latency = new ArrayList<>();
    for (JsonFields n : root.objects("latency")) {
      latency.add(new LatencyProfile(n.int32("batchSize", null), n.numberOrNaN("p50"),
          n.numberOrNaN("p95"), n.numberOrNaN("p99"), n.numbers("samplesMillis")));
      n.requireNoOthers();
    }
    List<List<Long>> confusion = new ArrayList<>();
    for (JsonNode row : root.array("confusionMatrix")) {
      List<Long> out = new ArrayList<>();
      if (!row.isArray()) {
        throw new IllegalArgumentException("a confusion matrix row is not an array: " + row);
      }
      for (JsonNode v : row) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
          throw new IllegalArgumentException("a confusion matrix count is not an integer: " + v);
        }
        out.add(v.asLong());
      }
      confusion.add(out);
    }
    ValidationReport report = new ValidationReport(id, root.text("suite"),
        root.optionalText("model"), checks, metrics, units, slices, latency, confusion,
        root.instant("createdAt"), root.has("classNames") ? root.texts("classNames") : List.of());
    if (report.passed() != root.bool("passed", null)) {
      throw new IllegalArgumentException("its 'passed' does not agree with its checks");
    }
    root.requireNoOthers();
    return report;
  }

  private static OptionalDouble optional(JsonFields fields, String name) {
    double value = fields.numberOrNaN(name);
    return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  private static void number(ObjectNode node, String name, double value) {
    if (Double.isFinite(value)) {
      node.put(name, value);
    } else {
      node.putNull(name);
    }
  }
}
