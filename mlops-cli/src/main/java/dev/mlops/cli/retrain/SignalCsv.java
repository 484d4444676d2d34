package dev.mlops.cli.retrain;

import dev.mlops.api.Names;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.core.input.CsvRecords;
import dev.mlops.core.input.Excerpt;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream of signal windows as CSV: a header {@code at,<signal>,...}, one window per line; the
 * optional columns {@code new_labelled_rows} and {@code change} (1 marks a true change point).
 * An empty cell is a missing signal.
 */
final class SignalCsv {
  record Stream(List<RetrainSignals> windows, List<Instant> changes) {}

  private SignalCsv() {}

  static Stream read(Path file) throws IOException {
    List<RetrainSignals> windows = new ArrayList<>();
    List<Instant> changes = new ArrayList<>();
    try (CsvRecords in = CsvRecords.open(file)) {
      List<String> header = in.next();
      if (header == null || header.size() < 2 || !header.get(0).strip().equals("at")) {
        throw new IllegalArgumentException(file + ": the first line must be a header starting with"
            + " 'at,' followed by signal names, e.g. at,drift.share,kpi.lost_payments");
      }
      String[] columns = header.stream().map(String::strip).toArray(String[]::new);
      requireValidHeader(columns, file);
      for (List<String> cells = in.next(); cells != null; cells = in.next()) {
        if (CsvRecords.isBlank(cells)) {
          continue;
        }
        int number = in.recordLine();
        if (cells.size() != columns.length) {
          throw new IllegalArgumentException(file + " line " + number + ": " + cells.size()
              + " cells, the header has " + columns.length);
        }
        Instant at = instant(cells.get(0).strip(), file, number);
        RetrainSignals.Builder window = RetrainSignals.builder(at);
        for (int c = 1; c < columns.length; c++) {
          String cell = cells.get(c).strip();
          if (cell.isEmpty()) {
            continue;
          }
          double value = number(cell, columns[c], file, number);
          switch (columns[c]) {
            case "new_labelled_rows" -> window.newLabelledRows((long) value);
            case "change" -> {
              if (value != 0) {
                changes.add(at);
              }
            }
            default -> window.signal(columns[c], value);
          }
        }
        windows.add(window.build());
      }
    }
    return new Stream(windows, changes);
  }

  private static void requireValidHeader(String[] columns, Path file) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int c = 1; c < columns.length; c++) {
      if (!seen.add(columns[c])) {
        throw new IllegalArgumentException(file + " line 1: the column '" + Excerpt.of(columns[c])
            + "' appears twice; give each signal one column");
      }
      if (!Names.isValid(columns[c])) {
        throw new IllegalArgumentException(file + " line 1: '" + Excerpt.of(columns[c]) + "' is not a"
            + " valid signal name; use letters, digits, _ - . (starting with a letter, digit or _)");
      }
    }
  }

  private static Instant instant(String cell, Path file, int line) {
    try {
      return Instant.parse(cell);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(file + " line " + line + ": 'at' must be an instant such as"
          + " 2026-03-03T00:00:00Z, got '" + Excerpt.of(cell) + "'");
    }
  }

  private static double number(String cell, String column, Path file, int line) {
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + " line " + line + ": column '" + Excerpt.of(column)
          + "' must be a number, got '" + Excerpt.of(cell) + "'");
    }
  }
}
