package dev.mlops.core.internal.dataset;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnOrder;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.TypeDefinedOrder;
import org.apache.parquet.format.Util;

/**
 * Writes a table's batches as one Parquet file, without Hadoop: parquet-column's values writers
 * encode, {@link ParquetColumnOutput} makes Snappy-compressed V1 pages, and the footer is written
 * with parquet-format's Thrift structures, with each column chunk's statistics. The file reads
 * back, with {@link ParquetArrowReader} or any Parquet reader, to the same schema and rows.
 *
 * <p>Memory stays flat: batches are taken one at a time, and a row group is written once its
 * columns hold {@link #ROW_GROUP_BYTES} (compressed pages plus open buffers), so the heap holds at
 * most about one row group whatever the table's size. Snappy, not uncompressed, because it is what
 * Spark and pandas write by default, every reader reads it, it costs little CPU, and the file is
 * one a user keeps or hands to another tool.
 */
final class ParquetTableOutput {
  /** A row group is written once its columns buffer this many bytes. */
  static final long ROW_GROUP_BYTES = 32L << 20;
  /** A data page is closed once its values and levels take this many bytes, as parquet-java's default. */
  static final int PAGE_BYTES = 1 << 20;
  /** Rows taken at a time from a batch between row group size checks, so one large batch cannot overshoot much. */
  private static final int SLICE_ROWS = 1024;
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private ParquetTableOutput() {}

  /**
   * Writes the table; the caller has checked its schema with {@link ParquetSchemaMapping#unsupported}.
   *
   * @return the rows written
   */
  static long write(ArrowReader table, OutputStream out) throws IOException {
    return write(table, out, ROW_GROUP_BYTES, PAGE_BYTES);
  }

  /** As {@link #write(ArrowReader, OutputStream)}, with other sizes (tests use small ones to get several). */
  static long write(ArrowReader table, OutputStream out, long rowGroupBytes, int pageBytes) throws IOException {
    VectorSchemaRoot root = table.getVectorSchemaRoot();
    List<ParquetSchemaMapping.Column> mapping = ParquetSchemaMapping.columns(root.getSchema());
    ParquetProperties properties = ParquetProperties.builder()
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .withPageSize(pageBytes).withDictionaryPageSize(pageBytes).withDictionaryEncoding(true).build();
    List<ParquetColumnOutput> columns = mapping.stream().map(c -> new ParquetColumnOutput(c, properties)).toList();
    CountingOutputStream file = new CountingOutputStream(new BufferedOutputStream(out, 1 << 16));
    file.write(MAGIC);
    List<RowGroup> groups = new ArrayList<>();
    long rows = 0;
    long groupRows = 0;
    while (table.loadNextBatch()) {
      List<FieldVector> vectors = root.getFieldVectors();
      int count = root.getRowCount();
      for (int from = 0; from < count; from += SLICE_ROWS) {
        int to = Math.min(count, from + SLICE_ROWS);
        for (int c = 0; c < columns.size(); c++) {
          columns.get(c).write(vectors.get(c), from, to);
        }
        groupRows += to - from;
        if (columns.stream().mapToLong(ParquetColumnOutput::bufferedBytes).sum() >= rowGroupBytes) {
          groups.add(rowGroup(columns, groupRows, file));
          rows += groupRows;
          groupRows = 0;
        }
      }
    }
    if (groupRows > 0) {
      groups.add(rowGroup(columns, groupRows, file));
      rows += groupRows;
    }
    writeFooter(file, mapping, groups, rows);
    file.flush();
    return rows;
  }

  private static RowGroup rowGroup(List<ParquetColumnOutput> columns, long rows, CountingOutputStream file)
      throws IOException {
    long start = file.count();
    List<ColumnChunk> chunks = new ArrayList<>();
    long uncompressed = 0;
    for (ParquetColumnOutput column : columns) {
      ColumnChunk chunk = column.writeChunk(file, file.count());
      uncompressed += chunk.getMeta_data().getTotal_uncompressed_size();
      chunks.add(chunk);
    }
    RowGroup group = new RowGroup(chunks, uncompressed, rows);
    group.setFile_offset(start);
    group.setTotal_compressed_size(file.count() - start);
    return group;
  }

  private static void writeFooter(CountingOutputStream file, List<ParquetSchemaMapping.Column> mapping,
      List<RowGroup> groups, long rows) throws IOException {
    List<SchemaElement> schema = new ArrayList<>();
    SchemaElement root = new SchemaElement("schema");
    root.setNum_children(mapping.size());
    schema.add(root);
    List<ColumnOrder> orders = new ArrayList<>();
    for (ParquetSchemaMapping.Column column : mapping) {
      schema.add(column.element());
      orders.add(ColumnOrder.TYPE_ORDER(new TypeDefinedOrder()));
    }
    FileMetaData footer = new FileMetaData(1, schema, rows, groups);
    footer.setCreated_by(createdBy());
    footer.setColumn_orders(orders);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Util.writeFileMetaData(footer, bytes);
    bytes.writeTo(file);
    int length = bytes.size();
    file.write(new byte[] {(byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)});
    file.write(MAGIC);
  }

  /**
   * "mlops version V", in the form parquet-java parses: a writer it cannot parse makes it distrust
   * the binary columns' statistics.
   */
  private static String createdBy() {
    String version = ParquetTableOutput.class.getPackage().getImplementationVersion();
    return "mlops version " + (version != null ? version : "dev");
  }

  /** Counts the bytes written, for the offsets the footer records. */
  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    private long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    long count() {
      return count;
    }
  }
}
