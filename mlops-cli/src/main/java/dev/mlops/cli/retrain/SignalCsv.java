package dev.mlops.cli.retrain;

import dev.mlops.api.retrain.RetrainSignals;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || !header.strip().startsWith("at,")) {
        throw new IllegalArgumentException(file + ": the first line must be a header starting with"
            + " 'at,' followed by signal names, e.g. at,drift.share,kpi.lost_payments");
      }
      String[] columns = header.strip().split(",", -1);
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length != columns.length) {
          throw new IllegalArgumentException(file + " line " + number + ": " + cells.length
              + " cells, the header has " + columns.length);
        }
        Instant at = instant(cells[0].strip(), file, number);
        RetrainSignals.Builder window = RetrainSignals.builder(at);
        for (int c = 1; c < columns.length; c++) {
          String cell = cells[c].strip();
          if (cell.isEmpty()) {
            continue;
          }
          double value = number(cell, columns[c], file, number);
          switch (columns[c].strip()) {
            case "new_labelled_rows" -> window.newLabelledRows((long) value);
            case "change" -> {
              if (value != 0) {
                changes.add(at);
              }
            }
            default -> window.signal(columns[c].strip(), value);
          }
        }
        windows.add(window.build());
      }
    }
    return new Stream(windows, changes);
  }

  private static Instant instant(String cell, Path file, int line) {
    try {
      return Instant.parse(cell);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(file + " line " + line + ": 'at' must be an instant such as"
          + " 2026-03-03T00:00:00Z, got '" + cell + "'");
    }
  }

  private static double number(String cell, String column, Path file, int line) {
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + " line " + line + ": column '" + column
          + "' must be a number, got '" + cell + "'");
    }
  }
}
