package dev.mlops.examples;

import dev.mlops.api.Comparison;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.MetaMetrics;
import dev.mlops.api.validation.SliceCheck;
import dev.mlops.api.validation.Spread;
import dev.mlops.api.validation.StabilityCheck;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.examples.WeatherData.Day;
import java.util.List;
import java.util.Locale;

/**
 * What a weather model must show before it serves: the demo's validation suite and the labelled
 * data it runs on. The registry's gate lets a version take {@code production} only with a passing
 * report of this suite for exactly that version.
 */
public final class WeatherGate {
  /** The suite's name, which the promotion gate looks for. */
  public static final String SUITE = "weather-gate";

  private WeatherGate() {}

  /**
   * The suite. The thresholds are the demo's policy: better than always answering the most frequent
   * label, fast and small enough to serve inline, no season far behind the others, stable across
   * subsets; and, once a champion serves, not worse than it.
   *
   * @param againstChampion whether a champion exists to compare with
   * @return the suite
   */
  public static ValidationSuite suite(boolean againstChampion) {
    ValidationSuite.Builder suite = ValidationSuite.builder().name(SUITE)
        .require("accuracy", Comparison.AT_LEAST, 0.45)
        // The median, not the tail: the demo shares two cores with builds, so tails are noise here.
        .require(MetaMetrics.LATENCY_P50_SINGLE, Comparison.AT_MOST, 20.0)
        .require(MetaMetrics.ALLOCATED_PER_PREDICTION, Comparison.AT_MOST, 64 * 1024)
        .check(new SliceCheck("accuracy", "season", List.of(), 0.35, 30))
        // Three subsets, so that a quarter of fresh data can be judged: with about 30 days each,
        // sampling alone spreads accuracy by about 0.09 (sqrt(p(1-p)/30)); 0.2 is twice that.
        .check(new StabilityCheck("accuracy", 3, 7, Spread.STD, 0.2));
    if (againstChampion) {
      suite.notWorseThanBaseline("accuracy", true, 0.0);
    }
    return suite.build();
  }

  /**
   * Labelled data: the model's features, the label's index in {@link WeatherData#LABELS} (named
   * so, for the report's confusion matrix) and the season as an attribute to slice by.
   *
   * @param days the days
   * @return the data
   */
  public static LabelledData data(List<Day> days) {
    float[][] features = days.stream().map(WeatherTrainer::features).toArray(float[][]::new);
    double[] labels = days.stream().mapToDouble(d -> WeatherData.LABELS.indexOf(d.weather())).toArray();
    return LabelledData.of(features, labels).withFeatureNames(WeatherTrainer.FEATURES)
        .withClassNames(WeatherData.LABELS)
        .withAttribute("season", days.stream().map(WeatherData::season).toArray(String[]::new));
  }

  /**
   * Describes one check's outcome in a line.
   *
   * @param result the check's result
   * @return for example {@code passed  accuracy >= 0.45: 0.567}
   */
  public static String describe(CheckResult result) {
    return String.format(Locale.ROOT, "%s  %s: observed %.4g%s", result.passed() ? "passed" : "FAILED",
        result.check().describe(), result.observed(), result.baseline().isPresent()
            ? String.format(Locale.ROOT, " (champion %.4g)", result.baseline().getAsDouble()) : "");
  }

  /**
   * Summarises a report in a line.
   *
   * @param report the report
   * @return passed or failed, with counts
   */
  public static String summary(ValidationReport report) {
    long passed = report.checks().stream().filter(CheckResult::passed).count();
    return (report.passed() ? "passed" : "failed") + " (" + passed + " of " + report.checks().size()
        + " checks), report " + report.id();
  }
}
