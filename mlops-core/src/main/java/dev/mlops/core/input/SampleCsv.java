package dev.mlops.core.input;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CSV file into a drift {@link Sample}: a header line, then one row per line, read by
 * {@link CsvRecords} (RFC 4180 quotes, records bounded). An empty field, {@code NA}, {@code NaN}
 * or {@code null} is missing. A column is numeric when every present value parses as a finite
 * number, else categorical; a column of nothing but {@code true} and {@code false}, in any case,
 * has the categories {@code true} and {@code false}, as a boolean column of a stored table has
 * (pandas writes {@code True}, spreadsheets {@code TRUE}). Header names are taken as they are,
 * spaces included ({@code sepal length}).
 *
 * <p>Compare two files with the reference's types, so that a column does not change type
 * between them:
 * <pre>{@code
 * Sample reference = SampleCsv.read(Path.of("reference.csv"));
 * Sample current = SampleCsv.read(Path.of("current.csv"), SampleCsv.types(reference));
 * DriftReport report = mlops.drift().compare(reference, current, DriftConfig.ofDefaults());
 * }</pre>
 */
public final class SampleCsv {
  private SampleCsv() {}

  /**
   * Reads a file, inferring each column's type from its values.
   *
   * @param file the CSV file
   * @return the sample, columns in header order
   * @throws IllegalArgumentException if the file is empty or a row has another number of fields
   *     than the header
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Sample read(Path file) {
    return read(file, Map.of());
  }

  /**
   * Reads a file with given column types, typically those of the reference it is compared with;
   * a column not in {@code types} is inferred.
   *
   * @param file the CSV file
   * @param types the type of each known column
   * @return the sample, columns in header order
   * @throws IllegalArgumentException if a column typed numeric holds text (the message names the
   *     column, the line and the value), the file is empty, or a row has another number of fields
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Sample read(Path file, Map<String, ColumnType> types) {
    requireNonNull(file, "file");
    requireNonNull(types, "types");
    Columns columns = Columns.read(file);
    Sample.Builder builder = Sample.builder();
    for (int c = 0; c < columns.header.size(); c++) {
      String name = columns.header.get(c);
      List<String> raw = columns.values.get(c);
      ColumnType type = types.containsKey(name) ? types.get(name) : infer(raw);
      if (type == ColumnType.NUMERIC) {
        builder.numeric(name, numbers(file, name, raw, columns.lines, types.containsKey(name)));
      } else {
        boolean booleans = raw.stream().allMatch(v -> missing(v) || isBoolean(v));
        builder.categorical(name, raw.stream()
            .map(v -> missing(v) ? null : booleans ? v.toLowerCase(Locale.ROOT) : v)
            .toArray(String[]::new));
      }
    }
    return builder.build();
  }

  /**
   * Returns the type of each column of a sample, to read another file the same way.
   *
   * @param sample the sample, usually the reference
   * @return column to type, in the sample's column order
   */
  public static Map<String, ColumnType> types(Sample sample) {
    Map<String, ColumnType> types = new java.util.LinkedHashMap<>();
    sample.columns().forEach(c -> types.put(c, sample.type(c).orElseThrow()));
    return types;
  }

  private static ColumnType infer(List<String> raw) {
    for (String v : raw) {
      if (!missing(v) && parse(v) == null) {
        return ColumnType.CATEGORICAL;
      }
    }
    return ColumnType.NUMERIC;
  }

  private static double[] numbers(Path file, String name, List<String> raw, List<Integer> lines,
      boolean given) {
    double[] values = new double[raw.size()];
    for (int i = 0; i < values.length; i++) {
      String v = raw.get(i);
      Double parsed = missing(v) ? Double.valueOf(Double.NaN) : parse(v);
      if (parsed == null) {
        throw new IllegalArgumentException("column '" + Excerpt.of(name) + "' is numeric"
            + (given ? " in the reference" : "") + " but " + file + " line " + lines.get(i) + " has '"
            + Excerpt.of(v) + "'; fix the value or leave it empty (missing)");
      }
      values[i] = parsed;
    }
    return values;
  }

  private static boolean isBoolean(String value) {
    return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
  }

  private static boolean missing(String value) {
    return value.isEmpty() || value.equals("NA") || value.equalsIgnoreCase("nan") || value.equals("null");
  }

  private static Double parse(String value) {
    try {
      double d = Double.parseDouble(value.strip());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The file's cells column by column, with the line each row started on. */
  private record Columns(List<String> header, List<List<String>> values, List<Integer> lines) {
    static Columns read(Path file) {
      try (CsvRecords records = CsvRecords.open(file)) {
        List<String> header = records.next();
        if (header == null) {
          throw new IllegalArgumentException(file + " is empty; a CSV file needs a header line");
        }
        header = header.stream().map(String::strip).toList();
        List<List<String>> values = new ArrayList<>();
        header.forEach(h -> values.add(new ArrayList<>()));
        List<Integer> lines = new ArrayList<>();
        for (List<String> row = records.next(); row != null; row = records.next()) {
          if (CsvRecords.isBlank(row)) {
            continue;
          }
          if (row.size() != header.size()) {
            throw new IllegalArgumentException(file + " line " + records.recordLine() + " has " + row.size()
                + " fields, the header " + header.size());
          }
          for (int c = 0; c < row.size(); c++) {
            values.get(c).add(row.get(c));
          }
          lines.add(records.recordLine());
        }
        return new Columns(header, values, lines);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
  }
}
