package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.Interval;
import dev.mlops.api.validation.IntervalMethod;
import dev.mlops.api.validation.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Stored reports keep reading across the schema change of issue 17 (intervals name their method):
 * the fixture {@code report-written-by-67c609b.json} was written by {@code ReportJson.write} of
 * commit 67c609b, before the change, so it is a real schema-1 document.
 */
class ReportJsonTest {
  static String resource(String name) throws IOException {
    try (InputStream in = ReportJsonTest.class.getResourceAsStream("/validation/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aReportStoredBeforeIntervalsNamedTheirMethodReadsWithPercentileIntervals() throws IOException {
    String stored = resource("report-written-by-67c609b.json");
    ValidationReport report = ReportJson.read("old", stored);
    CheckResult check = report.checks().get(0);
    assertEquals(new Interval(0.81, 0.87, 0.95, IntervalMethod.PERCENTILE), check.interval().orElseThrow());
    assertEquals(List.of(List.of(50L, 10L), List.of(5L, 35L)), report.confusionMatrix());
    assertEquals(Optional.of("churn/7"), report.model());
  }

  @Test
  void aNewReportIsSchemaTwoAndNamesItsMethod() throws IOException {
    ValidationReport old = ReportJson.read("old", resource("report-written-by-67c609b.json"));
    for (IntervalMethod method : IntervalMethod.values()) {
      CheckResult c = old.checks().get(0);
      CheckResult withMethod = new CheckResult(c.check(), c.passed(), c.observed(), c.threshold(), c.baseline(),
          Optional.of(new Interval(0.81, 0.87, 0.95, method)), c.message());
      ValidationReport report = new ValidationReport("new", old.suite(), old.model(), List.of(withMethod),
          old.metrics(), old.units(), old.slices(), old.latency(), old.confusionMatrix(), old.createdAt());
      String json = ReportJson.write(report);
      assertTrue(json.contains("\"schema\" : \"mlops.validation.report/2\""), json);
      assertTrue(json.contains("\"method\" : \"" + method.name().toLowerCase(java.util.Locale.ROOT) + "\""), json);
      assertEquals(report, ReportJson.read("new", json));
    }
  }

  @Test
  void aMethodMissingFromSchemaTwoOrAddedToSchemaOneIsDamageAndANewerSchemaAsksForAnUpgrade() throws IOException {
    String stored = resource("report-written-by-67c609b.json");
    String twoWithoutMethod = stored.replace("report/1", "report/2");
    IntegrityException missing = assertThrows(IntegrityException.class, () -> ReportJson.read("a", twoWithoutMethod));
    assertTrue(missing.getMessage().contains("method"), missing.getMessage());
    String oneWithMethod = stored.replace("\"confidence\" : 0.95", "\"confidence\" : 0.95, \"method\" : \"bca\"");
    IntegrityException extra = assertThrows(IntegrityException.class, () -> ReportJson.read("b", oneWithMethod));
    assertTrue(extra.getMessage().contains("method"), extra.getMessage());
    IntegrityException newer = assertThrows(IntegrityException.class,
        () -> ReportJson.read("c", stored.replace("report/1", "report/3")));
    assertTrue(newer.getMessage().contains("upgrade"), newer.getMessage());
  }
}
