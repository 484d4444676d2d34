package dev.mlops.examples;

import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.RunInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/** The demo's HTML reports, built with {@link HtmlReport} from what the steps stored or measured. */
final class DemoReports {
  private DemoReports() {}

  /**
   * Writes the sweep side by side, its curves read back from the store.
   *
   * @param logger the experiment logger
   * @param runIds the sweep's runs
   * @param file where the page goes
   */
  static void runs(ExperimentLogger logger, List<String> runIds, Path file) {
    Map<String, double[]> curves = new LinkedHashMap<>();
    List<List<String>> rows = new ArrayList<>();
    for (RunInfo run : logger.compare(runIds).runs()) {
      curves.put(run.name(), logger.history(run.id(), "val_accuracy").values());
      rows.add(List.of(run.name(), run.id(), run.params().get("learning_rate"),
          String.format(Locale.ROOT, "%.3f", run.latestMetrics().get("train_accuracy")),
          String.format(Locale.ROOT, "%.3f", run.latestMetrics().get("val_accuracy"))));
    }
    List<String> epochs = IntStream.rangeClosed(1, curves.values().iterator().next().length)
        .mapToObj(Integer::toString).toList();
    new HtmlReport("Runs: seattle-weather sweep")
        .section("Runs", "Logistic regression (Tribuo, AdaGrad) trained on 2012, validated on 2013.")
        .table(List.of("run", "id", "learning rate", "train accuracy", "validation accuracy"), rows)
        .lineChart("Validation accuracy by epochs of training", epochs, curves)
        .write(file);
  }

  /**
   * Writes the monthly drift checks of the service loop.
   *
   * @param months the months served
   * @param file where the page goes
   */
  static void drift(List<WeatherMonitor.Month> months, Path file) {
    List<List<String>> rows = months.stream().map(m -> List.of(m.month().toString(),
        Integer.toString(m.days()), String.format(Locale.ROOT, "%.2f", m.accuracy()),
        m.drifted().isEmpty() ? "-" : String.join(", ", m.drifted()))).toList();
    double[] accuracy = months.stream().mapToDouble(WeatherMonitor.Month::accuracy).toArray();
    boolean[] labelDrift = new boolean[months.size()];
    for (int i = 0; i < labelDrift.length; i++) {
      labelDrift[i] = months.get(i).drifted().contains("weather");
    }
    new HtmlReport("Drift: seattle-weather model served over 2015")
        .section("Monthly checks", "Each month of 2015 compared with the same month of 2012, the"
            + " training year (KS for numbers, chi-square for categories, p < 0.05).")
        .lineChart("Accuracy per month; below it, a filled marker for each month whose observed weather"
            + " (the label) drifted", months.stream().map(m -> m.month().toString().substring(5)).toList(),
            Map.of("accuracy", accuracy), 1, Map.of("weather drifted", labelDrift))
        .table(List.of("month", "days", "accuracy", "drifted columns"), rows)
        .write(file);
  }
}
