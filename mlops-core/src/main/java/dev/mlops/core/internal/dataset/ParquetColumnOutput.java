package dev.mlops.core.internal.dataset;

import dev.mlops.api.Remedy;
import dev.mlops.api.dataset.TableFormatException;
import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.api.Binary;

/**
 * One column of a Parquet file being written: Arrow values go through parquet-column's values
 * writers (dictionary encoding with fallback to plain, as parquet-java's V1 pages) and level
 * writer into V1 data pages, compressed with Snappy and kept until the row group is written, since
 * a column chunk's pages must lie together in the file. Its statistics are computed here, not by
 * parquet-column, whose statistics classes need the geometry library left out of the dependencies.
 */
final class ParquetColumnOutput {
  private final ParquetSchemaMapping.Column column;
  private final ColumnDescriptor descriptor;
  private final ParquetProperties properties;
  private final SnappyCompressor snappy = new SnappyCompressor();
  private final List<byte[]> pages = new ArrayList<>();
  private final Set<Encoding> encodings = EnumSet.noneOf(Encoding.class);
  private ValuesWriter values;
  private ValuesWriter levels;
  private ParquetStatistics statistics;
  private long pageBytes;
  private long uncompressedBytes;
  private int pageValues;
  private long chunkValues;

  ParquetColumnOutput(ParquetSchemaMapping.Column column, ParquetProperties properties) {
    this.column = column;
    this.descriptor = column.descriptor();
    this.properties = properties;
    startChunk();
  }

  private void startChunk() {
    values = properties.newValuesWriter(descriptor);
    levels = properties.newDefinitionLevelWriter(descriptor);
    statistics = new ParquetStatistics(column.kind());
    pages.clear();
    encodings.clear();
    pageBytes = 0;
    uncompressedBytes = 0;
    pageValues = 0;
    chunkValues = 0;
  }

  /** Adds rows {@code [from, to)} of the column's vector, closing a page whenever one is full. */
  void write(FieldVector vector, int from, int to) throws IOException {
    boolean optional = descriptor.getMaxDefinitionLevel() > 0;
    for (int row = from; row < to; row++) {
      if (vector.isNull(row)) {
        if (!optional) { // Arrow does not enforce a field's nullability; Parquet's REQUIRED has no null
          throw new TableFormatException("Cannot write column '" + column.name() + "' as Parquet: it holds a null"
              + " although its field is not nullable", Remedy.CHECKOUT_CSV_OR_ARROW, null);
        }
        levels.writeInteger(0);
        statistics.addNull();
      } else {
        if (optional) {
          levels.writeInteger(1);
        }
        writeValue(vector, row);
      }
      pageValues++;
      if (values.getBufferedSize() + levels.getBufferedSize() >= properties.getPageSizeThreshold()) {
        closePage();
      }
    }
  }

  private void writeValue(FieldVector vector, int row) {
    switch (column.kind()) {
      case BOOL -> {
        boolean v = ((BitVector) vector).get(row) != 0;
        values.writeBoolean(v);
        statistics.addLong(v ? 1 : 0);
      }
      case INT32 -> {
        int v = ((IntVector) vector).get(row);
        values.writeInteger(v);
        statistics.addLong(v);
      }
      case DATE -> {
        int v = ((DateDayVector) vector).get(row);
        values.writeInteger(v);
        statistics.addLong(v);
      }
      case INT64 -> {
        long v = ((BigIntVector) vector).get(row);
        values.writeLong(v);
        statistics.addLong(v);
      }
      case TIMESTAMP -> {
        long v = ((TimeStampVector) vector).get(row);
        values.writeLong(v);
        statistics.addLong(v);
      }
      case FLOAT -> {
        float v = ((Float4Vector) vector).get(row);
        values.writeFloat(v);
        statistics.addDouble(v);
      }
      case DOUBLE -> {
        double v = ((Float8Vector) vector).get(row);
        values.writeDouble(v);
        statistics.addDouble(v);
      }
      case STRING -> writeBytes(((VarCharVector) vector).get(row));
      case BINARY -> writeBytes(((VarBinaryVector) vector).get(row));
      case FIXED -> writeBytes(((FixedSizeBinaryVector) vector).get(row));
      case DECIMAL -> writeBytes(column.decimalBytes((DecimalVector) vector, row));
    }
  }

  private void writeBytes(byte[] bytes) {
    values.writeBytes(Binary.fromConstantByteArray(bytes));
    statistics.addBytes(bytes);
  }

  /** Heap held by this column's open row group: its closed pages and the writers' buffers. */
  long bufferedBytes() {
    return pageBytes + values.getAllocatedSize() + levels.getAllocatedSize();
  }

  private void closePage() throws IOException {
    if (pageValues == 0) {
      return;
    }
    byte[] raw = BytesInput.concat(levels.getBytes(), values.getBytes()).toByteArray();
    // read after getBytes: the dictionary writer decides on the first page whether to fall back to plain
    Encoding valueEncoding = format(values.getEncoding());
    Encoding levelEncoding = format(levels.getEncoding());
    PageHeader header = new PageHeader(PageType.DATA_PAGE, raw.length, 0);
    header.setData_page_header(new DataPageHeader(pageValues, valueEncoding, levelEncoding, Encoding.BIT_PACKED));
    addPage(header, raw);
    encodings.add(valueEncoding);
    encodings.add(levelEncoding);
    encodings.add(Encoding.BIT_PACKED); // the repetition levels', empty in a flat column
    chunkValues += pageValues;
    pageValues = 0;
    values.reset();
    levels.reset();
  }

  private void addPage(PageHeader header, byte[] raw) throws IOException {
    byte[] compressed = new byte[snappy.maxCompressedLength(raw.length)];
    int size = snappy.compress(raw, 0, raw.length, compressed, 0, compressed.length);
    header.setCompressed_page_size(size);
    ByteArrayOutputStream page = new ByteArrayOutputStream(size + 64);
    Util.writePageHeader(header, page);
    int headerSize = page.size();
    page.write(compressed, 0, size);
    pages.add(page.toByteArray());
    pageBytes += page.size();
    uncompressedBytes += headerSize + raw.length;
  }

  /**
   * Writes the row group's chunk of this column at {@code offset} (its dictionary page first, then
   * its data pages) and starts the next chunk.
   *
   * @return the chunk's metadata for the footer
   */
  ColumnChunk writeChunk(OutputStream out, long offset) throws IOException {
    closePage();
    List<byte[]> dataPages = new ArrayList<>(pages);
    pages.clear();
    DictionaryPage dictionary = values.toDictPageAndClose();
    long dictionaryBytes = 0;
    if (dictionary != null) {
      Encoding encoding = format(dictionary.getEncoding());
      byte[] raw = dictionary.getBytes().toByteArray();
      PageHeader header = new PageHeader(PageType.DICTIONARY_PAGE, raw.length, 0);
      header.setDictionary_page_header(new DictionaryPageHeader(dictionary.getDictionarySize(), encoding));
      addPage(header, raw);
      encodings.add(encoding);
      byte[] page = pages.remove(0);
      out.write(page);
      dictionaryBytes = page.length;
    }
    for (byte[] page : dataPages) {
      out.write(page);
    }
    ColumnMetaData meta = new ColumnMetaData(column.physicalType(), new ArrayList<>(encodings), List.of(column.name()),
        CompressionCodec.SNAPPY, chunkValues, uncompressedBytes, pageBytes, offset + dictionaryBytes);
    if (dictionary != null) {
      meta.setDictionary_page_offset(offset);
    }
    meta.setStatistics(statistics.toFormat());
    ColumnChunk chunk = new ColumnChunk(offset);
    chunk.setMeta_data(meta);
    values.close();
    levels.close();
    startChunk();
    return chunk;
  }

  private static Encoding format(org.apache.parquet.column.Encoding encoding) {
    return Encoding.valueOf(encoding.name());
  }
}
