package dev.mlops.core.internal.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Writes a table's batches as CSV that the CSV table reader parses back to the same rows: a header
 * of column names, RFC 4180 quoting (a field holding a comma, a quote, a line break or a space at
 * either end is quoted, quotes doubled), {@code \n} line ends, a null as an empty field. Numbers
 * are written in Java's shortest round-trip form ({@code Double.toString}), so they parse back
 * to the same value. Types the CSV reader does not read (dates, decimals, nested) are written as
 * Arrow's text of the value. An empty string comes back as a null: CSV has one empty field.
 */
final class CsvTableOutput {
  private CsvTableOutput() {}

  static long write(ArrowReader table, OutputStream out) throws IOException {
    Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    List<Field> fields = table.getVectorSchemaRoot().getSchema().getFields();
    for (int c = 0; c < fields.size(); c++) {
      if (c > 0) {
        csv.write(',');
      }
      field(csv, fields.get(c).getName());
    }
    csv.write('\n');
    long rows = 0;
    while (table.loadNextBatch()) {
      List<FieldVector> vectors = table.getVectorSchemaRoot().getFieldVectors();
      int count = table.getVectorSchemaRoot().getRowCount();
      for (int row = 0; row < count; row++) {
        for (int c = 0; c < vectors.size(); c++) {
          if (c > 0) {
            csv.write(',');
          }
          FieldVector vector = vectors.get(c);
          if (!vector.isNull(row)) {
            field(csv, text(vector, row));
          }
        }
        csv.write('\n');
      }
      rows += count;
    }
    csv.flush();
    return rows;
  }

  private static String text(FieldVector vector, int row) {
    if (vector instanceof VarCharVector v) {
      return new String(v.get(row), StandardCharsets.UTF_8);
    } else if (vector instanceof BigIntVector v) {
      return Long.toString(v.get(row));
    } else if (vector instanceof IntVector v) {
      return Integer.toString(v.get(row));
    } else if (vector instanceof Float8Vector v) {
      return Double.toString(v.get(row));
    } else if (vector instanceof Float4Vector v) {
      return Float.toString(v.get(row));
    } else if (vector instanceof BitVector v) {
      return v.get(row) != 0 ? "true" : "false";
    }
    return String.valueOf(vector.getObject(row));
  }

  private static void field(Writer csv, String value) throws IOException {
    boolean quote = !value.isEmpty() && (Character.isWhitespace(value.charAt(0))
        || Character.isWhitespace(value.charAt(value.length() - 1)))
        || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0;
    if (!quote) {
      csv.write(value);
      return;
    }
    csv.write('"');
    csv.write(value.replace("\"", "\"\""));
    csv.write('"');
  }
}
