package dev.mlops.core.internal.dataset;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.input.CsvRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A CSV file read as Arrow batches of {@link TableSource#BATCH_ROWS} rows. Without a schema, a
 * first pass infers each column's type from all its values. Every record must have as many fields
 * as the header; a ragged row or an unparsable value fails with its line number. Given a copy
 * stream, the pass that reads the batches copies every byte it reads from the file into it, so what
 * is stored is exactly what was parsed, even if the file changes meanwhile.
 */
final class CsvArrowReader extends ArrowReader implements TableWriter.SourceCopying {
  private static final ArrowType INT64 = new ArrowType.Int(64, true);
  private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

  private final Path file;
  private final Optional<Schema> given;
  private final @Nullable OutputStream copy;
  private final Runnable keepAlive;
  private @Nullable InputStream copying;
  private CsvRecords records;

  CsvArrowReader(BufferAllocator allocator, Path file, Optional<Schema> schema) {
    this(allocator, file, schema, null, () -> { });
  }

  /**
   * A reader that copies the bytes it parses into {@code copy} and calls {@code keepAlive} now and
   * then while the type-inference pass reads the whole file without storing anything.
   */
  CsvArrowReader(BufferAllocator allocator, Path file, Optional<Schema> schema, @Nullable OutputStream copy,
      Runnable keepAlive) {
    super(allocator);
    this.file = file;
    this.given = schema;
    this.copy = copy;
    this.keepAlive = keepAlive;
  }

  @Override
  protected Schema readSchema() throws IOException {
    records = copy == null ? open() : openCopying(copy);
    List<String> header = next(records);
    if (header == null) {
      throw error(1, "is empty; a CSV table needs a header line naming its columns");
    }
    if (given.isPresent()) {
      List<String> names = given.get().getFields().stream().map(Field::getName).toList();
      if (!names.equals(header)) {
        throw error(1, "has the header " + Excerpt.of(header.toString()) + " but the schema names the columns "
            + Excerpt.of(names.toString()));
      }
      return given.get();
    }
    return infer(header);
  }

  private Schema infer(List<String> header) throws IOException {
    int columns = header.size();
    boolean[] notLong = new boolean[columns];
    boolean[] notDouble = new boolean[columns];
    boolean[] notBool = new boolean[columns];
    boolean[] seen = new boolean[columns];
    try (CsvRecords scan = open()) {
      next(scan);
      long rows = 0;
      for (List<String> row = next(scan); row != null; row = next(scan)) {
        if (++rows % TableSource.BATCH_ROWS == 0) {
          keepAlive.run();
        }
        requireWidth(row, columns, scan.recordLine());
        for (int c = 0; c < columns; c++) {
          String v = row.get(c);
          if (v.isEmpty()) {
            continue;
          }
          seen[c] = true;
          // Each test runs only while the column still might be of that type.
          if (!notLong[c] && !isLong(v)) {
            notLong[c] = true;
          }
          if (notLong[c] && !notDouble[c] && !isDouble(v)) {
            notDouble[c] = true;
          }
          if (!notBool[c] && !isBoolean(v)) {
            notBool[c] = true;
          }
        }
      }
    }
    List<Field> fields = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      ArrowType type = !seen[c] ? ArrowType.Utf8.INSTANCE
          : !notLong[c] ? INT64
          : !notDouble[c] ? FLOAT64
          : !notBool[c] ? ArrowType.Bool.INSTANCE
          : ArrowType.Utf8.INSTANCE;
      fields.add(new Field(header.get(c), FieldType.nullable(type), null));
    }
    return new Schema(fields);
  }

  /**
   * True and false in any case: pandas writes {@code True}/{@code False}, spreadsheets
   * {@code TRUE}/{@code FALSE}, and the same column must not turn into text because of it.
   */
  private static boolean isBoolean(String value) {
    return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
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

  /** The file's records; a file that is missing, a directory or unreadable is an MlOpsException. */
  private CsvRecords open() {
    try {
      return CsvRecords.open(file);
    } catch (IllegalArgumentException e) {
      throw new MlOpsException("Cannot read the CSV file: " + e.getMessage(), e);
    }
  }

  /** The file's records, its bytes copied into {@code copy} as they are read. */
  private CsvRecords openCopying(OutputStream copy) throws IOException {
    open().close(); // the checks and messages of a plain open: missing file, directory, unreadable
    copying = new java.io.FilterInputStream(java.nio.file.Files.newInputStream(file)) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          copy.write(b);
        }
        return b;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        int n = super.read(bytes, offset, length);
        if (n > 0) {
          copy.write(bytes, offset, n);
        }
        return n;
      }
    };
    return new CsvRecords(CsvRecords.utf8(copying), file.toString());
  }

  @Override
  public void copyRest() throws IOException {
    if (copying != null) {
      byte[] buffer = new byte[64 * 1024];
      while (copying.read(buffer, 0, buffer.length) >= 0) {
        // read(..) copies what it reads
      }
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

  private static boolean isLong(String v) {
    String t = v.trim();
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (!(ch >= '0' && ch <= '9') && !(i == 0 && (ch == '-' || ch == '+'))) {
        return false; // not a number: skip the exception
      }
    }
    try {
      Long.parseLong(v.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isDouble(String v) {
    String t = v.trim();
    if (t.isEmpty() || "0123456789+-.NI".indexOf(t.charAt(0)) < 0) {
      return false; // cannot start a Java double: skip the exception
    }
    try {
      Double.parseDouble(v.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() throws IOException {
    if (records != null) {
      records.close();
    }
  }
}
