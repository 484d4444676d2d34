package dev.mlops.core.internal.dataset;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.input.CsvRecords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A stored CSV table read as Arrow batches of {@link TableSource#BATCH_ROWS} rows, with the schema
 * its commit derived ({@link CsvTables}), so the values are those that were profiled. Every record
 * must have as many fields as the header; a ragged row or an unparsable value fails with its line
 * number.
 */
final class CsvArrowReader extends ArrowReader {
  private final InputStream in;
  private final String file;
  private final Schema schema;
  private @Nullable CsvRecords records;

  /**
   * A reader of CSV bytes.
   *
   * @param in the CSV, closed with the reader
   * @param label names it in messages
   * @param schema its columns, which must be those its header names
   */
  CsvArrowReader(BufferAllocator allocator, InputStream in, String label, Schema schema) {
    super(allocator);
    this.in = in;
    this.file = label;
    this.schema = schema;
  }

  @Override
  protected Schema readSchema() throws IOException {
    CsvRecords opened = new CsvRecords(CsvRecords.utf8(in), file);
    records = opened;
    List<String> header = next(opened);
    if (header == null) {
      throw error(1, "is empty; a CSV table needs a header line naming its columns");
    }
    List<String> names = schema.getFields().stream().map(Field::getName).toList();
    if (!names.equals(header)) {
      throw error(1, "has the header " + Excerpt.of(header.toString()) + " but the schema names the columns "
          + Excerpt.of(names.toString()));
    }
    return schema;
  }

  private static boolean isBoolean(String value) {
    return CsvBlock.isBoolean(value);
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    prepareLoadNextBatch();
    VectorSchemaRoot root = getVectorSchemaRoot();
    List<FieldVector> vectors = root.getFieldVectors();
    root.allocateNew();
    int rows = 0;
    while (rows < TableSource.BATCH_ROWS) {
      List<String> row = next(records);
      if (row == null) {
        break;
      }
      requireWidth(row, vectors.size(), records.recordLine());
      for (int c = 0; c < vectors.size(); c++) {
        set(vectors.get(c), rows, row.get(c), records.recordLine());
      }
      rows++;
    }
    root.setRowCount(rows);
    return rows > 0;
  }

  private void set(FieldVector vector, int index, String value, int line) {
    if (value.isEmpty() && !(vector instanceof VarCharVector)) {
      vector.setNull(index);
      return;
    }
    try {
      if (vector instanceof BigIntVector v) {
        v.setSafe(index, Long.parseLong(value.trim()));
      } else if (vector instanceof IntVector v) {
        v.setSafe(index, Integer.parseInt(value.trim()));
      } else if (vector instanceof Float8Vector v) {
        v.setSafe(index, Double.parseDouble(value.trim()));
      } else if (vector instanceof Float4Vector v) {
        v.setSafe(index, Float.parseFloat(value.trim()));
      } else if (vector instanceof BitVector v) {
        if (!isBoolean(value)) {
          throw new NumberFormatException("not true or false");
        }
        v.setSafe(index, value.equalsIgnoreCase("true") ? 1 : 0);
      } else if (vector instanceof VarCharVector v) {
        if (value.isEmpty()) {
          v.setNull(index);
        } else {
          v.setSafe(index, value.getBytes(StandardCharsets.UTF_8));
        }
      } else {
        throw error(line, "has a column '" + vector.getName() + "' of type " + vector.getField().getType()
            + ", which CSV import does not support; use Int(64 or 32), FloatingPoint, Bool or Utf8");
      }
    } catch (NumberFormatException e) {
      throw error(line, "has the value '" + Excerpt.of(value) + "' in column '" + vector.getName()
          + "', which is not a " + vector.getField().getType() + "; fix the value or give a schema"
          + " with a wider type");
    }
  }

  private void requireWidth(List<String> row, int columns, int line) {
    if (row.size() != columns) {
      throw error(line, "has " + row.size() + " fields on line " + line + " but the header has "
          + columns + "; fix that row (a missing or extra comma, or an unquoted comma in a value)");
    }
  }

  /** The next record; malformed input (not UTF-8, an open quote, a record over the bounds) fails as MlOpsException. */
  private static List<String> next(CsvRecords records) throws IOException {
    try {
      return records.next();
    } catch (IllegalArgumentException e) {
      throw new MlOpsException("CSV file " + e.getMessage(), e);
    }
  }

  private MlOpsException error(int line, String what) {
    return new MlOpsException("CSV file '" + file + "' " + what + " (line " + line + ")");
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() throws IOException {
    if (records != null) {
      records.close();
    } else {
      in.close();
    }
  }
}
