package dev.mlops.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Seattle weather data the demo runs on: one {@link Day} per day from 2012 to 2015, read from
 * the copy shipped in this module's resources (see {@code DATA-ATTRIBUTION.md} beside it).
 */
public final class WeatherData {
  /** The CSV's header, also written at the top of every slice. */
  public static final String HEADER = "date,precipitation,temp_max,temp_min,wind,weather";

  /** The five labels of the {@code weather} column, in the order the demo's validation uses. */
  public static final List<String> LABELS = List.of("drizzle", "fog", "rain", "snow", "sun");

  private static final String RESOURCE = "/seattle-weather.csv";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

  private WeatherData() {}

  /**
   * One day of weather.
   *
   * @param date the day
   * @param precipitation precipitation in mm
   * @param tempMax highest temperature in °C
   * @param tempMin lowest temperature in °C
   * @param wind mean wind speed in m/s
   * @param weather the label: drizzle, rain, sun, snow or fog
   * @param line the day's line in the CSV, unchanged
   */
  public record Day(LocalDate date, double precipitation, double tempMax, double tempMin,
      double wind, String weather, String line) {}

  /**
   * Reads all 1461 days, in date order.
   *
   * @return the days
   */
  public static List<Day> load() {
    try (InputStream in = Objects.requireNonNull(WeatherData.class.getResourceAsStream(RESOURCE),
            "seattle-weather.csv is missing from the class path");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = reader.readLine();
      if (!HEADER.equals(header)) {
        throw new IllegalStateException("unexpected header in seattle-weather.csv: " + header);
      }
      List<Day> days = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          days.add(parse(line));
        }
      }
      return List.copyOf(days);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Keeps the days of some years.
   *
   * @param days the days
   * @param firstYear the first year kept
   * @param lastYear the last year kept
   * @return the days from January 1 of {@code firstYear} to December 31 of {@code lastYear}
   */
  public static List<Day> years(List<Day> days, int firstYear, int lastYear) {
    return days.stream()
        .filter(d -> d.date().getYear() >= firstYear && d.date().getYear() <= lastYear)
        .toList();
  }

  /**
   * Writes days as a CSV file with the original header and lines, so a later slice of the same
   * data shares its beginning byte for byte with an earlier one.
   *
   * @param days the days
   * @param file the file to write
   * @return {@code file}
   */
  public static Path writeCsv(List<Day> days, Path file) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    days.forEach(d -> csv.append(d.line()).append('\n'));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Names a day's season (meteorological: winter is December to February), for slicing.
   *
   * @param day the day
   * @return winter, spring, summer or autumn
   */
  public static String season(Day day) {
    return switch (day.date().getMonthValue()) {
      case 12, 1, 2 -> "winter";
      case 3, 4, 5 -> "spring";
      case 6, 7, 8 -> "summer";
      default -> "autumn";
    };
  }

  private static Day parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 6) {
      throw new IllegalStateException("expected 6 fields in seattle-weather.csv, got: " + line);
    }
    return new Day(LocalDate.parse(f[0], DATE), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
        Double.parseDouble(f[3]), Double.parseDouble(f[4]), f[5], line);
  }
}
