package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.validation.Bootstrap;
import dev.mlops.api.validation.CategoryCheck;
import dev.mlops.api.validation.CustomMetric;
import dev.mlops.api.validation.DuplicateCheck;
import dev.mlops.api.validation.IntervalMethod;
import dev.mlops.api.validation.Measurement;
import dev.mlops.api.validation.MetaMetrics;
import dev.mlops.api.validation.MetricFunction;
import dev.mlops.api.validation.NullShareCheck;
import dev.mlops.api.validation.RangeCheck;
import dev.mlops.api.validation.SchemaCheck;
import dev.mlops.api.validation.SliceCheck;
import dev.mlops.api.validation.Spread;
import dev.mlops.api.validation.StabilityCheck;
import dev.mlops.api.validation.TrainingOverlapCheck;
import dev.mlops.api.validation.ValidationSuite;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JSON form of a suite round-trips with the builder form and rejects what it does not know. */
class SuiteJsonTest {
  private static final MetricFunction COST = (labels, outputs) -> labels.length;

  static ValidationSuite everyKind() {
    return ValidationSuite.builder().name("full-gate")
        .metric(new CustomMetric("expected_cost", "EUR", false, COST))
        .bootstrap(new Bootstrap(500, 0.9, 3))
        .measurement(new Measurement(32, 10, 100))
        .require("auc", Comparison.AT_LEAST, 0.85)
        .requireWithConfidence("accuracy", Comparison.ABOVE, 0.8)
        .require("expected_cost", Comparison.BELOW, 12.5)
        .require(MetaMetrics.LATENCY_P99_SINGLE, Comparison.AT_MOST, 5)
        .notWorseThanBaseline("auc", true, 0.01)
        .notWorseThanBaselineRelative("log_loss", false, 0.05)
        .check(new SliceCheck("accuracy", "region", List.of(), 0.05, 30))
        .check(new SliceCheck("accuracy", "age", List.of(18.0, 65.0), 0.1, 10))
        .check(new StabilityCheck("auc", 5, 7, Spread.RANGE, 0.03))
        .check(new SchemaCheck(List.of("age", "income")))
        .check(new NullShareCheck("income", 0.01))
        .check(new RangeCheck("age", 0, 130))
        .check(new CategoryCheck("region", Set.of("north", "south")))
        .check(new DuplicateCheck(0.001))
        .check(new TrainingOverlapCheck(0))
        .build();
  }

  @Test
  void theBootstrapMethodRoundTripsAndASuiteStoredWithoutOneGetsBca() throws java.io.IOException {
    ValidationSuite suite = ValidationSuite.builder().name("ci")
        .bootstrap(new Bootstrap(500, 0.9, 3, IntervalMethod.PERCENTILE))
        .requireWithConfidence("accuracy", Comparison.ABOVE, 0.8).build();
    String json = SuiteJson.write(suite);
    assertTrue(json.contains("\"method\" : \"percentile\""), json);
    assertEquals(suite, SuiteJson.read(json, Map.of()));
    // Written by SuiteJson.write of commit 67c609b, before suites named the method.
    String stored = ReportJsonTest.resource("suite-written-by-67c609b.json");
    assertEquals(new Bootstrap(1000, 0.95, 42, IntervalMethod.BCA),
        SuiteJson.read(stored, Map.of()).bootstrap().orElseThrow());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SuiteJson.read(json.replace("\"percentile\"", "\"student\""), Map.of()));
    assertTrue(e.getMessage().contains("'student'; use bca or percentile"), e.getMessage());
  }

  @Test
  void everyCheckKindRoundTrips() {
    ValidationSuite suite = everyKind();
    String json = SuiteJson.write(suite);
    assertEquals(suite, SuiteJson.read(json, Map.of("expected_cost", COST)));
    assertEquals(json, SuiteJson.write(SuiteJson.read(json, Map.of("expected_cost", COST))));
  }

  @Test
  void optionalFieldsTakeTheirDocumentedDefaults() {
    ValidationSuite suite = SuiteJson.read("""
        {"name": "short", "checks": [
          {"type": "value", "metric": "auc", "comparison": ">=", "threshold": 0.8},
          {"type": "slice", "metric": "auc", "column": "region", "maxGap": 0.05},
          {"type": "stability", "metric": "auc", "subsets": 5, "seed": 1, "maxSpread": 0.02}]}
        """, Map.of());
    assertEquals(Measurement.ofDefaults(), suite.measurement());
    assertEquals(new SliceCheck("auc", "region", List.of(), 0.05, SliceCheck.DEFAULT_MIN_SLICE_SIZE),
        suite.checks().get(1));
    assertEquals(Spread.STD, ((StabilityCheck) suite.checks().get(2)).spread());
  }

  @Test
  void anUnknownCheckTypeNamesItAndTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SuiteJson.read(
        "{\"name\": \"s\", \"checks\": [{\"type\": \"fairness\", \"metric\": \"auc\"}]}", Map.of()));
    assertTrue(e.getMessage().contains("'fairness'"), e.getMessage());
    assertTrue(e.getMessage().contains("value, change, slice, stability, schema, null_share, range,"
        + " categories, duplicates, training_overlap"), e.getMessage());
    assertTrue(e.getMessage().contains("checks[0]"), e.getMessage());
  }

  @Test
  void misspeltFieldsMissingFunctionsAndBrokenJsonAreErrors() {
    IllegalArgumentException field = assertThrows(IllegalArgumentException.class, () -> SuiteJson.read(
        "{\"name\": \"s\", \"checks\": [{\"type\": \"duplicates\", \"maxShare\": 0, \"maxshare\": 1}]}",
        Map.of()));
    assertTrue(field.getMessage().contains("'maxshare'"), field.getMessage());
    IllegalArgumentException function = assertThrows(IllegalArgumentException.class,
        () -> SuiteJson.read(SuiteJson.write(everyKind()), Map.of()));
    assertTrue(function.getMessage().contains("expected_cost"), function.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SuiteJson.read("{\"name\": ", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> SuiteJson.read("", Map.of()));
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> SuiteJson.read(
        "{\"name\": \"s\", \"checks\": [{\"type\": \"value\", \"metric\": \"auc\", \"comparison\":"
            + " \">=\", \"threshold\": \"high\"}]}", Map.of()));
    assertTrue(type.getMessage().contains("'threshold' must be a number"), type.getMessage());
    assertThrows(dev.mlops.api.InvalidNameException.class, () -> SuiteJson.read(
        "{\"name\": \"../etc\", \"checks\": [{\"type\": \"duplicates\", \"maxShare\": 0}]}", Map.of()));
  }
}
