package dev.mlops.cli.drift;

import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.internal.Excerpt;
import dev.mlops.core.internal.csv.CsvRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a CSV file (header line, comma-separated, RFC 4180 quotes, records bounded: see
 * {@link CsvRecords}) into a {@link Sample}. An empty
 * field, {@code NA}, {@code NaN} or {@code null} is missing. Column types come from the reference
 * file: numeric when every present value parses as a number; the current file must then have
 * numbers in the same columns. A column of nothing but true and false, in any case, has the
 * categories {@code true} and {@code false}, as a boolean column of a stored table has: pandas
 * writes {@code True}, spreadsheets {@code TRUE}.
 */
final class CsvSample {
  private final List<String> header;
  private final List<List<String>> columns;
  private final List<Integer> lines;
  private final Path path;

  private CsvSample(Path path, List<String> header, List<List<String>> columns, List<Integer> lines) {
    this.path = path;
    this.header = header;
    this.columns = columns;
    this.lines = lines;
  }

  static CsvSample read(Path path) {
    try (CsvRecords records = CsvRecords.open(path)) {
      List<String> header = records.next();
      if (header == null) {
        throw new IllegalArgumentException(path + " is empty; a CSV file needs a header line");
      }
      List<List<String>> columns = new ArrayList<>();
      header.forEach(h -> columns.add(new ArrayList<>()));
      List<Integer> lines = new ArrayList<>();
      for (List<String> row = records.next(); row != null; row = records.next()) {
        if (CsvRecords.isBlank(row)) {
          continue;
        }
        if (row.size() != header.size()) {
          throw new IllegalArgumentException(path + " line " + records.recordLine() + " has " + row.size()
              + " fields, the header " + header.size());
        }
        for (int c = 0; c < row.size(); c++) {
          columns.get(c).add(row.get(c));
        }
        lines.add(records.recordLine());
      }
      return new CsvSample(path, header, columns, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** The column types this file implies: numeric when every present value is a number. */
  Map<String, ColumnType> inferTypes() {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      boolean numeric = true;
      for (String v : columns.get(c)) {
        if (!missing(v) && parse(v) == null) {
          numeric = false;
          break;
        }
      }
      types.put(header.get(c), numeric ? ColumnType.NUMERIC : ColumnType.CATEGORICAL);
    }
    return types;
  }

  /** Builds the sample with the given types; a numeric column with text is an error naming it. */
  Sample toSample(Map<String, ColumnType> types) {
    Sample.Builder builder = Sample.builder();
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c);
      List<String> raw = columns.get(c);
      ColumnType type = types.getOrDefault(name, ColumnType.CATEGORICAL);
      if (type == ColumnType.NUMERIC) {
        double[] values = new double[raw.size()];
        for (int i = 0; i < values.length; i++) {
          String v = raw.get(i);
          Double parsed = missing(v) ? Double.valueOf(Double.NaN) : parse(v);
          if (parsed == null) {
            throw new IllegalArgumentException("column '" + name + "' is numeric in the reference but " + path
                + " line " + lines.get(i) + " has '" + Excerpt.of(v) + "'; fix the value or leave it empty (missing)");
          }
          values[i] = parsed;
        }
        builder.numeric(name, values);
      } else {
        boolean booleans = raw.stream().allMatch(v -> missing(v) || isBoolean(v));
        builder.categorical(name, raw.stream()
            .map(v -> missing(v) ? null : booleans ? v.toLowerCase(Locale.ROOT) : v)
            .toArray(String[]::new));
      }
    }
    return builder.build();
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
}
