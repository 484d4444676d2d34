package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.validation.Bootstrap;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.CustomMetric;
import dev.mlops.api.validation.IntervalMethod;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.Measurement;
import dev.mlops.api.validation.MetaMetrics;
import dev.mlops.api.validation.Predictor;
import dev.mlops.api.validation.SliceCheck;
import dev.mlops.api.validation.Spread;
import dev.mlops.api.validation.StabilityCheck;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The validator end to end on an in-memory store, with host-supplied predictors. */
class ValidatorTest {
  private final InMemoryObjectStore store = InMemoryObjectStore.create();
  private final DefaultValidator validator = new DefaultValidator(store,
      Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));
  private final LabelledData data = Fixtures.regions(600, 1);

  @AfterEach
  void close() {
    store.close();
  }

  private ValidationReport run(ValidationSuite suite, Predictor candidate) {
    return validator.validate(ValidationRequest.builder().suite(suite).candidate(candidate)
        .data(data).build());
  }

  private static ValidationSuite.Builder suite() {
    return ValidationSuite.builder().name("gate");
  }

  @Test
  void valueThresholdsPassAndFailOnTheMeasuredMetric() {
    ValidationReport report = run(suite().require("accuracy", Comparison.AT_LEAST, 0.9)
        .require("log_loss", Comparison.AT_MOST, 0.1).build(), Fixtures.poorOnRegionC());
    // poorOnRegionC is wrong on exactly the 200 region-C rows of 600.
    assertEquals(400.0 / 600, report.metrics().get("accuracy"), 1e-12);
    assertFalse(report.checks().get(0).passed());
    assertFalse(report.passed());
    ValidationReport good = run(suite().require("accuracy", Comparison.AT_LEAST, 0.9).build(),
        Fixtures.perfect());
    assertTrue(good.passed());
    assertEquals(1.0, good.metrics().get("accuracy"));
  }

  @Test
  void aModelAccurateOverallButPoorOnOneSliceFailsTheSliceCheck() {
    // Reference by construction: the model is wrong only on region C, so C's accuracy is 0.
    LabelledData mostlyGood = Fixtures.regions(600, 2);
    Predictor candidate = rows -> Fixtures.map(rows,
        r -> r[1] == 2 && r[2] < 40 ? 1 - r[0] : r[0]); // wrong on ~40% of region C only
    ValidationReport report = validator.validate(ValidationRequest.builder()
        .suite(suite().require("accuracy", Comparison.AT_LEAST, 0.8)
            .check(new SliceCheck("accuracy", "region", List.of(), 0.1, 30)).build())
        .candidate(candidate).data(mostlyGood).build());
    assertTrue(report.checks().get(0).passed(), report.checks().get(0).message());
    CheckResult slice = report.checks().get(1);
    assertFalse(slice.passed(), slice.message());
    assertTrue(slice.message().contains("region=C"), slice.message());
    assertEquals(3, report.slices().size());
    assertTrue(report.slices().stream().filter(s -> !s.passed()).allMatch(s -> s.slice().equals("C")));
  }

  @Test
  void slicesBelowTheMinimumSizeAreReportedButNotJudged() {
    ValidationReport report = run(suite().check(new SliceCheck("accuracy", "region", List.of(), 0.1,
        1000)).build(), Fixtures.poorOnRegionC());
    assertTrue(report.passed());
    assertTrue(report.slices().stream().noneMatch(s -> s.judged()));
    assertEquals(0.0, report.slices().get(2).value(), 0);
  }

  @Test
  void numericBucketsSliceAFeatureColumn() {
    LabelledData named = Fixtures.regions(600, 3).withFeatureNames(List.of("signal", "code", "amount"));
    ValidationReport report = validator.validate(ValidationRequest.builder()
        .suite(suite().check(new SliceCheck("accuracy", "amount", List.of(50.0), 0.01, 1)).build())
        .candidate(Fixtures.perfect()).data(named).build());
    assertEquals(List.of("(-inf, 50.0)", "[50.0, inf)"),
        report.slices().stream().map(s -> s.slice()).sorted().toList());
    assertEquals(600, report.slices().stream().mapToLong(s -> s.size()).sum());
  }

  @Test
  void anUnstableModelFailsTheStabilityCheckAndAStableOnePasses() {
    ValidationSuite stability = suite().check(new StabilityCheck("accuracy", 5, 7, Spread.STD, 0.02))
        .build();
    ValidationReport unstable = run(stability, Fixtures.coinFlip());
    // About half right at random: accuracy on 120-row subsets has std ~ sqrt(.25/120) = 0.046.
    assertFalse(unstable.passed(), unstable.checks().get(0).message());
    ValidationReport stable = run(stability, Fixtures.perfect());
    assertTrue(stable.passed());
    assertEquals(0.0, stable.checks().get(0).observed(), 0);
  }

  @Test
  void aSlowModelFailsTheLatencyThreshold() {
    ValidationSuite latency = suite().measurement(new Measurement(8, 3, 20))
        .require(MetaMetrics.LATENCY_P50_SINGLE, Comparison.AT_MOST, 1.0).build();
    ValidationReport slow = run(latency, Fixtures.slow(3_000));
    assertFalse(slow.passed(), slow.checks().get(0).message());
    assertTrue(slow.metrics().get(MetaMetrics.LATENCY_P50_SINGLE) >= 3.0);
    assertEquals("ms", slow.units().get(MetaMetrics.LATENCY_P50_SINGLE));
    assertEquals(2, slow.latency().size());
    assertEquals(20, slow.latency().get(1).samplesMillis().size());
    assertTrue(slow.metrics().get(MetaMetrics.ALLOCATED_PER_PREDICTION) >= 0);
  }

  @Test
  void changeThresholdsCompareWithTheBaselineInTheStatedDirection() {
    ValidationSuite change = suite().notWorseThanBaseline("accuracy", true, 0.01)
        .notWorseThanBaselineRelative("log_loss", false, 0.5).build();
    ValidationReport worse = validator.validate(ValidationRequest.builder().suite(change)
        .candidate(Fixtures.poorOnRegionC()).baseline(Fixtures.perfect()).data(data).build());
    CheckResult accuracy = worse.checks().get(0);
    assertFalse(accuracy.passed());
    assertEquals(1.0, accuracy.baseline().getAsDouble(), 0);
    assertEquals(0.99, accuracy.threshold().getAsDouble(), 1e-12);
    ValidationReport better = validator.validate(ValidationRequest.builder().suite(change)
        .candidate(Fixtures.perfect()).baseline(Fixtures.poorOnRegionC()).data(data).build());
    assertTrue(better.passed());
    ValidationReport noBaseline = run(change, Fixtures.perfect());
    assertFalse(noBaseline.passed());
    assertTrue(noBaseline.checks().get(0).message().contains("no baseline"));
  }

  @Test
  void bootstrapIntervalsAreSeededAndCanGateOnTheLowerBound() {
    ValidationSuite ci = suite().bootstrap(new Bootstrap(200, 0.95, 11))
        .require("accuracy", Comparison.AT_LEAST, 0.66)
        .requireWithConfidence("accuracy", Comparison.AT_LEAST, 0.66).build();
    ValidationReport first = run(ci, Fixtures.poorOnRegionC());
    ValidationReport second = run(ci, Fixtures.poorOnRegionC());
    CheckResult point = first.checks().get(0);
    CheckResult bound = first.checks().get(1);
    assertTrue(point.passed()); // 0.6667 >= 0.66
    assertFalse(bound.passed(), bound.message()); // lower bound ~ 0.63 (binomial, n = 600)
    var interval = point.interval().orElseThrow();
    assertTrue(interval.lower() < 2.0 / 3 && 2.0 / 3 < interval.upper());
    // The normal approximation gives a half-width of 1.96 * sqrt(p(1-p)/n) = 0.0377.
    assertEquals(0.0377, (interval.upper() - interval.lower()) / 2, 0.01);
    assertEquals(interval, second.checks().get(0).interval().orElseThrow());
    assertEquals(IntervalMethod.BCA, interval.method(), "the default method, reported");
    assertTrue(ValidationReportPage.render(first).contains(" (BCa)</td>"), "the page names the method");
    assertEquals(first.checks(), ReportJson.read(first.id(), ReportJson.write(first)).checks());
    ValidationSuite percentile = suite().bootstrap(new Bootstrap(200, 0.95, 11).withMethod(IntervalMethod.PERCENTILE))
        .require("accuracy", Comparison.AT_LEAST, 0.66).build();
    assertEquals(IntervalMethod.PERCENTILE,
        run(percentile, Fixtures.poorOnRegionC()).checks().get(0).interval().orElseThrow().method());
  }

  @Test
  void aBusinessMetricIsReportedWithItsUnit() {
    // Expected cost: a missed positive costs 5 EUR, a false alarm 1 EUR, per row on average.
    CustomMetric cost = new CustomMetric("expected_cost", "EUR", false, (labels, outputs) -> {
      double sum = 0;
      for (int i = 0; i < labels.length; i++) {
        boolean predicted = outputs[i][1] >= 0.5;
        sum += labels[i] == 1 && !predicted ? 5 : labels[i] == 0 && predicted ? 1 : 0;
      }
      return sum / labels.length;
    });
    ValidationReport report = run(suite().metric(cost)
        .require("expected_cost", Comparison.AT_MOST, 0.5)
        .check(new SliceCheck("expected_cost", "region", List.of(), 10, 1)).build(),
        Fixtures.poorOnRegionC());
    // Region C (200 rows) is all wrong: its positives cost 5, its negatives 1.
    long positivesInC = java.util.stream.IntStream.range(0, 600)
        .filter(i -> i % 3 == 2 && data.labels()[i] == 1).count();
    double expected = (positivesInC * 5 + (200 - positivesInC)) / 600.0;
    assertEquals(expected, report.metrics().get("expected_cost"), 1e-12);
    assertEquals("EUR", report.units().get("expected_cost"));
    assertEquals(0.0, report.slices().get(0).value(), 0);
  }

  @Test
  void reportsAreStoredLinkedToTheModelVersionAndReadBackById() {
    ValidationReport stored = validator.validate(ValidationRequest.builder()
        .suite(suite().require("accuracy", Comparison.AT_LEAST, 0.9).build())
        .candidate(Fixtures.perfect()).data(data).model("churn/3").build());
    assertEquals(64, stored.id().length());
    assertEquals(stored, validator.report(stored.id()));
    assertEquals(List.of(stored.id()), validator.reportsFor("churn/3"));
    assertEquals(List.of(), validator.reportsFor("churn/4"));
    assertTrue(store.list("logs/validation/churn/0000000003/").findAny().isPresent());
    assertThrows(dev.mlops.api.NotFoundException.class, () -> validator.report("0".repeat(64)));
    assertThrows(IllegalArgumentException.class, () -> validator.report("../x"));
  }

  @Test
  void aReportWhoseBytesDoNotMatchItsIdIsAnIntegrityError() {
    String id = "ab".repeat(32);
    store.putIfAbsent("objects/sha256/ab/" + id, "{\"schema\":\"x\"}".getBytes());
    assertThrows(dev.mlops.api.IntegrityException.class, () -> validator.report(id));
  }

  @Test
  void badInputIsRejectedWithAMessageThatSaysWhatToDo() {
    IllegalArgumentException metric = assertThrows(IllegalArgumentException.class,
        () -> run(suite().require("acuracy", Comparison.AT_LEAST, 0.9).build(), Fixtures.perfect()));
    assertTrue(metric.getMessage().contains("'acuracy'") && metric.getMessage().contains("accuracy,"),
        metric.getMessage());
    IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
        () -> run(suite().check(new SliceCheck("accuracy", "regoin", List.of(), 0.1, 1)).build(),
            Fixtures.perfect()));
    assertTrue(column.getMessage().contains("region"), column.getMessage());
    IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
        () -> run(suite().require("accuracy", Comparison.AT_LEAST, 0.9).build(),
            rows -> new float[rows.length - 1][]));
    assertTrue(length.getMessage().contains("same length"), length.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> run(suite().require("accuracy", Comparison.AT_LEAST, 0.9).build(),
            rows -> Fixtures.map(rows, r -> Float.NaN)));
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    assertTrue(store.list("").findAny().isEmpty(), "nothing was stored");
  }

  @Test
  void theDefaultFiveArgumentFormLinksTheReport() {
    ValidationReport report = validator.validate(suite().require("auc", Comparison.AT_LEAST, 0.9)
        .build(), Fixtures.perfect(), Optional.empty(), data, Optional.of("m/1"));
    assertEquals(Optional.of("m/1"), report.model());
    assertEquals(1.0, report.metrics().get("auc"));
  }
}
