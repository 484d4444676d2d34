package dev.mlops.examples;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import dev.mlops.examples.WeatherData.Day;
import java.nio.file.Path;
import java.util.List;

/** The drift example of docs/guide.md: Seattle's Julys of 2012 and 2015, column by column. */
public final class DetectDrift {
  private DetectDrift() {}

  /**
   * Compares July 2015 with July 2012 and prints each column's result.
   *
   * @param args the store's directory, else {@code ./.mlops}
   */
  public static void main(String[] args) {
    Path directory = Path.of(args.length > 0 ? args[0] : ".mlops");
    List<Day> july2012 = july(2012);
    List<Day> july2015 = july(2015);
    // snippet:detect-drift
    try (MlOps mlops = MlOps.local(directory)) {
      Sample reference = Sample.builder()
          .numeric("temp_max", july2012.stream().mapToDouble(Day::tempMax).toArray())
          .categorical("weather", july2012.stream().map(Day::weather).toArray(String[]::new))
          .build();
      Sample current = Sample.builder()
          .numeric("temp_max", july2015.stream().mapToDouble(Day::tempMax).toArray())
          .categorical("weather", july2015.stream().map(Day::weather).toArray(String[]::new))
          .build();
      DriftReport report = mlops.drift().compare(reference, current, DriftConfig.ofDefaults());
      for (ColumnDrift column : report.columns()) {   // KS for numbers, chi-square for categories
        System.out.printf("%s: %s statistic %.3f, p-value %.2g, drifted %s%n", column.column(),
            column.method(), column.statistic(), column.pValue().orElse(Double.NaN), column.drifted());
      }
    }
    // end:detect-drift
  }

  private static List<Day> july(int year) {
    return WeatherData.years(WeatherData.load(), year, year).stream()
        .filter(d -> d.date().getMonthValue() == 7).toList();
  }
}
