package dev.mlops.examples;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftHistory;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Sample;
import dev.mlops.examples.WeatherData.Day;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The demo's service loop: predicts day by day, counts and times predictions with Micrometer, and
 * at the end of each month compares that month's inputs, predictions and observed weather with the
 * same month of the training period, so that the seasons alone do not count as drift. Each month's
 * report is recorded in a drift history over that month, so the web UI's drift page charts it.
 */
public final class WeatherMonitor {
  private WeatherMonitor() {}

  /**
   * One month of service.
   *
   * @param month the month
   * @param days how many days were served
   * @param accuracy the share of days predicted right, once the day's weather was known
   * @param drifted the columns whose distribution drifted from the reference
   * @param driftedShare the share of compared columns that drifted
   */
  public record Month(YearMonth month, int days, double accuracy, List<String> drifted,
      double driftedShare) {}

  /**
   * Serves the days in order and checks each month for drift.
   *
   * @param drift the SDK's drift detector
   * @param history where each month's report is recorded, its range the month
   * @param model the served model: a day in, a label out
   * @param reference the days the model was trained on, covering every month of the year
   * @param served the days to serve, in date order
   * @param meters where the prediction counter and timer go
   * @return one entry per month served
   */
  public static List<Month> serve(DriftDetector drift, DriftHistory history, Function<Day, String> model,
      List<Day> reference, List<Day> served, MeterRegistry meters) {
    Timer latency = Timer.builder("weather.predict").description("time to predict one day")
        .register(meters);
    Map<YearMonth, List<Day>> days = new LinkedHashMap<>();
    Map<YearMonth, List<String>> predictions = new LinkedHashMap<>();
    for (Day day : served) {
      String predicted = latency.record(() -> model.apply(day));
      meters.counter("weather.predictions", "label", predicted).increment();
      YearMonth month = YearMonth.from(day.date());
      days.computeIfAbsent(month, m -> new ArrayList<>()).add(day);
      predictions.computeIfAbsent(month, m -> new ArrayList<>()).add(predicted);
    }
    List<Month> months = new ArrayList<>();
    days.forEach((month, monthDays) -> {
      List<String> predicted = predictions.get(month);
      List<Day> sameMonth = reference.stream()
          .filter(d -> d.date().getMonth() == month.getMonth()).toList();
      DriftReport report = drift.compare(sample(sameMonth, sameMonth.stream().map(model).toList()),
          sample(monthDays, predicted), DriftConfig.ofDefaults());
      history.record(report, start(month), start(month.plusMonths(1)));
      long right = 0;
      for (int i = 0; i < monthDays.size(); i++) {
        right += predicted.get(i).equals(monthDays.get(i).weather()) ? 1 : 0;
      }
      months.add(new Month(month, monthDays.size(), (double) right / monthDays.size(),
          report.columns().stream().filter(ColumnDrift::drifted).map(ColumnDrift::column).toList(),
          report.driftedShare()));
    });
    return months;
  }

  private static Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  private static Sample sample(List<Day> days, List<String> predicted) {
    return Sample.builder()
        .numeric("precipitation", days.stream().mapToDouble(Day::precipitation).toArray())
        .numeric("temp_max", days.stream().mapToDouble(Day::tempMax).toArray())
        .numeric("temp_min", days.stream().mapToDouble(Day::tempMin).toArray())
        .numeric("wind", days.stream().mapToDouble(Day::wind).toArray())
        .categorical("predicted", predicted.toArray(String[]::new))
        // The observed weather is known the day after: the label's own drift.
        .categorical("weather", days.stream().map(Day::weather).toArray(String[]::new))
        .build();
  }
}
