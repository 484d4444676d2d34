package dev.mlops.examples;

import dev.mlops.api.Comparison;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftMonitorConfig;
import dev.mlops.api.drift.DriftWindow;
import dev.mlops.api.drift.Sample;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.Tensor;
import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.AutomationRule;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.retrain.TriggerEvaluation;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.Validator;
import dev.mlops.core.MlOps;
import dev.mlops.examples.WeatherData.Day;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The release side of the demo: validate, serve from the registry, decide to retrain, show history. */
final class WeatherRelease {
  private WeatherRelease() {}

  /** Validates a candidate on labelled days, against a champion when one is given; stores the report. */
  static ValidationReport validate(Validator validator, OnnxWeatherModel candidate,
      @Nullable OnnxWeatherModel champion, List<Day> days, String model) {
    ValidationRequest.Builder request = ValidationRequest.builder()
        .suite(WeatherGate.suite(champion != null)).candidate(candidate::probabilities)
        .data(WeatherGate.data(days)).model(model);
    if (champion != null) {
      request.baseline(champion::probabilities);
    }
    return validator.validate(request.build());
  }

  /**
   * Loads a model by reference and serves the days in order, with Micrometer, an in-service
   * {@code DriftMonitor} on the inputs and monthly drift checks recorded in the drift history
   * {@code history}.
   */
  static List<WeatherMonitor.Month> serve(MlOps mlops, String reference, String history, List<Day> trainingDays,
      List<Day> served, PrintStream out) {
    MeterRegistry meters = mlops.meterRegistry();
    List<String> columns = List.of("precipitation", "temp_max", "temp_min", "wind");
    List<WeatherMonitor.Month> months;
    try (ModelHandle handle = mlops.models().load(reference);
        DriftMonitor monitor = mlops.drift().monitor(DriftMonitorConfig.builder().name("weather-inputs")
            .reference(mlops.drift().profile(inputs(trainingDays, columns)))
            .columns(columns).windowSize(30).build())) {
      List<String> labels = List.of(handle.version().tags().get("labels").split(","));
      out.println("   serving " + reference + " (version " + handle.version().version()
          + ") in ONNX Runtime, day by day over 2015");
      months = WeatherMonitor.serve(mlops.drift(), mlops.drift().history(history), day -> {
        monitor.observe(new double[] {day.precipitation(), day.tempMax(), day.tempMin(), day.wind()});
        float[] p = handle.predict(Tensor.ofFloats(new float[][] {WeatherTrainer.features(day)})).first().floatRows()[0];
        return labels.get(argMax(p));
      }, trainingDays, served, meters);
      DriftWindow last = monitor.closeWindow().orElseThrow();  // the last, partial window
      out.printf(Locale.ROOT, "   DriftMonitor weather-inputs (30-day windows against the whole 2012 profile,"
          + " so seasons count): the year's last days drifted in %s, Micrometer mlops.drift.share = %.2f%n",
          last.report().columns().stream().filter(ColumnDrift::drifted).map(ColumnDrift::column).toList(),
          meters.get("mlops.drift.share").gauge().value());
    }
    Timer latency = meters.get("weather.predict").timer();
    out.printf(Locale.ROOT, "   %d predictions, mean latency %.1f µs (Micrometer timer weather.predict)%n",
        latency.count(), latency.mean(TimeUnit.MICROSECONDS));
    out.println("   month    accuracy  columns drifted from the same month of 2012");
    for (WeatherMonitor.Month month : months) {
      out.printf(Locale.ROOT, "   %s  %.2f      %s%n", month.month(), month.accuracy(),
          month.drifted().isEmpty() ? "-" : String.join(", ", month.drifted()));
    }
    out.println("   each month's report is recorded in the drift history " + history
        + " (DriftHistory.record, over the month): the web UI's drift page charts it");
    long labelDrift = months.stream().filter(m -> m.drifted().contains("weather")).count();
    out.println("   the observed weather itself drifted in " + labelDrift + " of " + months.size()
        + " months (2015 labels most rainy days fog): the 2012 model is out of date");
    return months;
  }

  /**
   * The demo's retraining policy: retrain when accuracy fell by a quarter from validation, or half
   * the columns drifted, three months in a row. The default automation rule decides how: a small
   * drift ({@code drift.share} at most 0.3) retrains on its own, a larger one waits for a person.
   * One policy per demo run.
   */
  static RetrainPolicyConfig policy(String session) {
    return RetrainPolicyConfig.builder().name("weather-retrain-" + session)
        .trigger(Trigger.when("metric.accuracy.drop", Comparison.AT_LEAST, 0.25))
        .trigger(Trigger.when("drift.share", Comparison.AT_LEAST, 0.5))
        .atLeast(1).consecutiveWindows(3).automationRule(AutomationRule.ofDefaults()).build();
  }

  /** The month a decision was taken for: windows end on the month's last day. */
  static YearMonth month(RetrainDecision decision) {
    return YearMonth.from(decision.at().atZone(ZoneOffset.UTC));
  }

  /** Prints a pending request the way a person on call would read it. */
  static void printRequest(RetrainRequest request, PrintStream out) {
    out.printf(Locale.ROOT, "   pending request %s (expires %s): drift.share %.2f > %.1f, so a person"
        + " explores the data before the model learns it%n", request.id(),
        request.expiresAt().atZone(ZoneOffset.UTC).toLocalDate(),
        request.decision().evidence().stream().filter(t -> t.trigger().signal().equals("drift.share"))
            .findFirst().orElseThrow().value(), AutomationRule.DEFAULT_LIMIT);
  }

  /** Feeds the policy one month at a time; returns the decision that fired, if any. */
  static Optional<RetrainDecision> evaluate(RetrainPolicy policy, List<WeatherMonitor.Month> months,
      double validationAccuracy, PrintStream out) {
    for (WeatherMonitor.Month month : months) {
      RetrainDecision decision = policy.evaluate(RetrainSignals.builder(
              month.month().atEndOfMonth().atStartOfDay().toInstant(ZoneOffset.UTC))
          .signal("drift.share", month.driftedShare())
          .metric("accuracy", validationAccuracy, month.accuracy())
          .newLabelledRows(month.days()).build());
      StringBuilder evidence = new StringBuilder();
      for (TriggerEvaluation t : decision.evidence()) {
        evidence.append(String.format(Locale.ROOT, "%s%s = %.2f (%s %s)", evidence.length() > 0 ? ", " : "",
            t.trigger().signal(), t.value(), t.trigger().comparison(), t.trigger().enter()));
        evidence.append(t.active() ? " active" : "");
      }
      out.println("   " + month.month() + ": " + (decision.fired()
          ? "FIRED, " + decision.automation().map(Automation::name).orElse("") + ": " + evidence
          : "no retrain" + decision.suppressedBy().map(s -> " yet (" + s + ")").orElse("") + ": " + evidence));
      if (decision.fired()) {
        return Optional.of(decision);
      }
    }
    out.println("   the policy did not fire in 2015");
    return Optional.empty();
  }

  /** Prints an alias's history and writes it as a page. */
  static void aliasHistory(ModelRegistry registry, String model, String alias, Path page, PrintStream out) {
    List<AliasMove> moves = registry.aliasHistory(model, alias);
    out.println("   history of " + model + "@" + alias + ":");
    List<List<String>> rows = moves.stream().map(m -> List.of(m.at().toString(),
        m.from().isPresent() ? Integer.toString(m.from().getAsInt()) : "-",
        m.to().isPresent() ? Integer.toString(m.to().getAsInt()) : "-", m.actor(), m.reason())).toList();
    rows.forEach(r -> out.println("     " + r.get(0) + "  " + r.get(1) + " -> " + r.get(2) + "  by " + r.get(3)
        + ": " + r.get(4)));
    int[] versions = moves.stream().mapToInt(m -> m.to().orElse(0)).toArray();
    new HtmlReport("Alias history: " + model + "@" + alias)
        .section("Moves", "Every move of the alias, oldest first, as the registry recorded it.")
        .stepChart("Version behind " + alias + " after each move (0: the alias was removed)",
            java.util.stream.IntStream.rangeClosed(1, versions.length).mapToObj(i -> "move " + i).toList(),
            "version", versions)
        .table(List.of("at", "from version", "to version", "by", "reason"), rows)
        .write(page);
  }

  private static Sample inputs(List<Day> days, List<String> columns) {
    Sample.Builder sample = Sample.builder();
    sample.numeric(columns.get(0), days.stream().mapToDouble(Day::precipitation).toArray());
    sample.numeric(columns.get(1), days.stream().mapToDouble(Day::tempMax).toArray());
    sample.numeric(columns.get(2), days.stream().mapToDouble(Day::tempMin).toArray());
    sample.numeric(columns.get(3), days.stream().mapToDouble(Day::wind).toArray());
    return sample.build();
  }

  private static int argMax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      best = values[i] > values[best] ? i : best;
    }
    return best;
  }
}
