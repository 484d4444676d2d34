package dev.mlops.core.input;

import dev.mlops.api.Names;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.input.CsvRecords;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads labelled data from CSV: a header row, then one row per example. The label column is named;
 * every other column whose present cells are all numbers is a feature (empty cell = NaN, missing),
 * every other column an attribute (text, for slices and category checks). Read by
 * {@link CsvRecords}: fields may be quoted with {@code "} (a doubled {@code ""} inside quotes is one
 * quote), and a record is bounded ({@link CsvRecords#MAX_RECORD_CHARS}).
 */
public final class LabelledCsv {
  private LabelledCsv() {}

  /**
   * Reads the CSV.
   *
   * @param reader the CSV text
   * @param label the label column's name
   * @param source the file's name, for messages
   * @return the data, with feature names and attributes from the header
   * @throws IllegalArgumentException if the label column is missing, a row has another number of
   *     fields than the header, a label is not a number, or there are no rows
   * @throws IOException if reading fails
   */
  public static LabelledData read(Reader reader, String label, String source) throws IOException {
    return read(new CsvRecords(reader, source), label);
  }

  /**
   * Reads the CSV from records (see {@link CsvRecords#open}, which names the line of bytes that are
   * not UTF-8).
   *
   * @param records the records; not closed here
   * @param label the label column's name
   * @return the data, with feature names and attributes from the header
   * @throws IllegalArgumentException as {@link #read(Reader, String, String)} does
   * @throws IOException if reading fails
   */
  public static LabelledData read(CsvRecords records, String label) throws IOException {
    String source = records.source();
    List<String> header = records.next();
    if (header == null) {
      throw new IllegalArgumentException(source + " is empty; expected a header row and data rows");
    }
    header = header.stream().map(String::strip).toList(); // "a, b" names columns a and b
    int labelIndex = header.indexOf(label);
    if (labelIndex < 0) {
      throw new IllegalArgumentException("label column '" + Excerpt.of(label) + "' is not in " + source
          + "; its columns are " + Excerpt.of(header.toString()) + "");
    }
    List<String[]> rows = new ArrayList<>();
    for (List<String> cells = records.next(); cells != null; cells = records.next()) {
      if (CsvRecords.isBlank(cells)) {
        continue;
      }
      if (cells.size() != header.size()) {
        throw new IllegalArgumentException(source + " line " + records.recordLine() + " has " + cells.size()
            + " fields, the header has " + header.size());
      }
      rows.add(cells.toArray(String[]::new));
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(source + " has a header but no data rows");
    }
    return toData(header, rows, labelIndex, source);
  }

  private static LabelledData toData(List<String> header, List<String[]> rows, int labelIndex,
      String source) {
    List<Integer> numeric = new ArrayList<>();
    Map<String, String[]> text = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      if (c == labelIndex) {
        continue;
      }
      Names.requireValidColumn(header.get(c));
      if (isNumeric(rows, c)) {
        numeric.add(c);
      } else {
        String[] values = new String[rows.size()];
        for (int r = 0; r < values.length; r++) {
          values[r] = rows.get(r)[c];
        }
        text.put(header.get(c), values);
      }
    }
    if (numeric.isEmpty()) {
      throw new IllegalArgumentException(source + " has no numeric feature column besides the label");
    }
    float[][] features = new float[rows.size()][numeric.size()];
    double[] labels = new double[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      for (int f = 0; f < numeric.size(); f++) {
        String cell = row[numeric.get(f)].trim();
        features[r][f] = cell.isEmpty() ? Float.NaN : Float.parseFloat(cell);
      }
      try {
        labels[r] = Double.parseDouble(row[labelIndex].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(source + " data row " + (r + 1) + ": label '"
            + Excerpt.of(row[labelIndex]) + "' is not a number (classifier labels are class indices 0, 1, ...)");
      }
    }
    LabelledData data = LabelledData.of(features, labels)
        .withFeatureNames(numeric.stream().map(header::get).toList());
    for (Map.Entry<String, String[]> attribute : text.entrySet()) {
      data = data.withAttribute(attribute.getKey(), attribute.getValue());
    }
    return data;
  }

  private static boolean isNumeric(List<String[]> rows, int column) {
    for (String[] row : rows) {
      String cell = row[column].trim();
      if (!cell.isEmpty()) {
        try {
          Float.parseFloat(cell);
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    return true;
  }
}
