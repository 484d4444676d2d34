package dev.mlops.core.internal.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.validation.Bootstrap;
import dev.mlops.api.validation.Check;
import dev.mlops.api.validation.CustomMetric;
import dev.mlops.api.validation.IntervalMethod;
import dev.mlops.api.validation.Measurement;
import dev.mlops.api.validation.MetricFunction;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.input.JsonErrors;
import dev.mlops.core.internal.json.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of a {@link ValidationSuite}. Writing then reading gives an equal suite (custom
 * metrics' functions are supplied again by name when reading). Reading is strict: an unknown check
 * type or field is an error that names what is known.
 */
public final class SuiteJson {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SuiteJson() {}

  /**
   * Writes a suite.
   *
   * @param suite the suite
   * @return its JSON form
   */
  public static String write(ValidationSuite suite) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("name", suite.name());
    var metrics = root.putArray("metrics");
    for (CustomMetric m : suite.metrics()) {
      metrics.addObject().put("name", m.name()).put("unit", m.unit())
          .put("higherIsBetter", m.higherIsBetter());
    }
    suite.bootstrap().ifPresent(b -> root.putObject("bootstrap").put("resamples", b.resamples())
        .put("confidence", b.confidence()).put("seed", b.seed())
        .put("method", methodName(b.method())));
    Measurement m = suite.measurement();
    root.putObject("measurement").put("batchSize", m.batchSize())
        .put("warmupCalls", m.warmupCalls()).put("calls", m.calls());
    var checks = root.putArray("checks");
    suite.checks().forEach(c -> checks.add(CheckJson.write(c)));
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write suite JSON", e);
    }
  }

  /**
   * Reads a suite.
   *
   * @param json the JSON form
   * @param functions the functions of the custom metrics the JSON names, by name
   * @return the suite
   * @throws IllegalArgumentException on malformed JSON, an unknown check type or field, or a custom
   *     metric without a function
   */
  public static ValidationSuite read(String json, Map<String, MetricFunction> functions) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("suite is not valid JSON (" + JsonErrors.describe(e) + ")", e);
    }
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException("suite JSON is empty; write a JSON object with \"name\" and"
          + " \"checks\"");
    }
    JsonFields f = new JsonFields(root, "suite");
    String name = f.text("name");
    List<CustomMetric> metrics = new ArrayList<>();
    if (f.has("metrics")) {
      int i = 0;
      for (JsonNode node : f.array("metrics")) {
        JsonFields m = new JsonFields(node, "metrics[" + i++ + "]");
        String metric = m.text("name");
        MetricFunction fn = functions.get(metric);
        if (fn == null) {
          throw new IllegalArgumentException("custom metric '" + Excerpt.of(metric) + "' needs its function:"
              + " pass it by name when reading the suite (given: " + functions.keySet() + ")");
        }
        metrics.add(new CustomMetric(metric, m.textOr("unit", ""), m.bool("higherIsBetter", null), fn));
        m.requireNoOthers();
      }
    }
    Optional<Bootstrap> bootstrap = Optional.empty();
    JsonNode b = f.optional("bootstrap");
    if (b != null) {
      JsonFields bf = new JsonFields(b, "bootstrap");
      bootstrap = Optional.of(new Bootstrap(
          bf.int32("resamples", Bootstrap.DEFAULT_RESAMPLES),
          bf.has("confidence") ? bf.number("confidence") : Bootstrap.DEFAULT_CONFIDENCE,
          bf.integer("seed", (int) Bootstrap.DEFAULT_SEED),
          intervalMethod(bf.textOr("method", methodName(Bootstrap.DEFAULT_METHOD)))));
      bf.requireNoOthers();
    }
    Measurement measurement = Measurement.ofDefaults();
    JsonNode m = f.optional("measurement");
    if (m != null) {
      JsonFields mf = new JsonFields(m, "measurement");
      measurement = new Measurement(mf.int32("batchSize", Measurement.DEFAULT_BATCH_SIZE),
          mf.int32("warmupCalls", Measurement.DEFAULT_WARMUP_CALLS),
          mf.int32("calls", Measurement.DEFAULT_CALLS));
      mf.requireNoOthers();
    }
    List<Check> checks = new ArrayList<>();
    int i = 0;
    for (JsonNode node : f.array("checks")) {
      checks.add(CheckJson.read(node, "checks[" + i++ + "]"));
    }
    f.requireNoOthers();
    return new ValidationSuite(name, checks, metrics, bootstrap, measurement);
  }

  /** The JSON name of a method: "percentile" or "bca". */
  static String methodName(IntervalMethod method) {
    return method.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Reads "percentile" or "bca" (any case); anything else is an error that lists both. */
  static IntervalMethod intervalMethod(String name) {
    for (IntervalMethod m : IntervalMethod.values()) {
      if (m.name().equalsIgnoreCase(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown bootstrap method '" + Excerpt.of(name)
        + "'; use bca or percentile");
  }
}
