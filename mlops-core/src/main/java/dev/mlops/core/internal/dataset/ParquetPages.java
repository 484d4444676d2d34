package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.TableFormatException;
import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;

/**
 * The pages of one column chunk, read one at a time from the file (so memory is one page per
 * column, whatever the row group's size) and decompressed in Java: this and parquet-column's
 * decoders are the whole reader; parquet-hadoop, and so Hadoop, is not needed.
 */
final class ParquetPages implements PageReader {
  /**
   * Pages carry no statistics: the decoders never read them, and building any Statistics object
   * loads parquet-column's stringifiers, which need the geometry library (jts) left out of the
   * dependencies.
   */
  private static final Statistics<?> NO_STATISTICS = null;

  private final InputStream in;
  private final ColumnDescriptor column;
  private final CompressionCodec codec;
  private final long totalValues;
  private final String label;
  private long valuesRead;
  private DictionaryPage dictionary;
  private PageHeader pending;
  /** The compressed bytes of the page being read, reused from page to page. */
  private byte[] compressedScratch = new byte[0];
  /** The decompressed bytes of the page {@link #nextPage} gave last, reused from page to page. */
  private byte[] pageScratch = new byte[0];
  private Decompressor decompressor;

  ParquetPages(FileChannel channel, ColumnMetaData meta, ColumnDescriptor column, String label) throws IOException {
    this.column = column;
    this.codec = meta.getCodec();
    this.totalValues = meta.getNum_values();
    this.label = label;
    long start = meta.isSetDictionary_page_offset() && meta.getDictionary_page_offset() > 0
        ? Math.min(meta.getDictionary_page_offset(), meta.getData_page_offset()) : meta.getData_page_offset();
    if (start < 4 || meta.getTotal_compressed_size() < 0 || start + meta.getTotal_compressed_size() > channel.size()) {
      throw damaged("a column chunk lies outside the file", null);
    }
    this.in = new BufferedInputStream(new RangeInputStream(channel, start, meta.getTotal_compressed_size()), 64 * 1024);
    switch (codec) {
      case UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW -> { }
      default -> throw new TableFormatException(label + ": column '" + column.getPath()[0] + "' is compressed with "
          + codec + ", which mlops does not read; it reads uncompressed, SNAPPY, GZIP, ZSTD and LZ4_RAW pages."
          + " Rewrite the file with one of those (Spark: spark.sql.parquet.compression.codec; pandas: compression=)",
          null);
    }
    PageHeader first = totalValues > 0 ? nextHeader() : null;
    if (first != null && first.isSetDictionary_page_header()) {
      byte[] bytes = payload(first, true);
      dictionary = new DictionaryPage(BytesInput.from(bytes), first.getDictionary_page_header().getNum_values(),
          Encoding.valueOf(first.getDictionary_page_header().getEncoding().name()));
    } else {
      pending = first;
    }
  }

  @Override
  public DictionaryPage readDictionaryPage() {
    return dictionary;
  }

  @Override
  public long getTotalValueCount() {
    return totalValues;
  }

  @Override
  public DataPage readPage() {
    try {
      while (true) {
        if (pending == null && valuesRead >= totalValues) {
          return null;
        }
        PageHeader header = pending != null ? pending : nextHeader();
        pending = null;
        if (header.isSetData_page_header()) {
          DataPageHeader h = header.getData_page_header();
          valuesRead += h.getNum_values();
          return new DataPageV1(BytesInput.from(payload(header, true)), h.getNum_values(),
              header.getUncompressed_page_size(), NO_STATISTICS,
              Encoding.valueOf(h.getRepetition_level_encoding().name()),
              Encoding.valueOf(h.getDefinition_level_encoding().name()), Encoding.valueOf(h.getEncoding().name()));
        }
        if (header.isSetData_page_header_v2()) {
          DataPageHeaderV2 h = header.getData_page_header_v2();
          valuesRead += h.getNum_values();
          byte[] raw = in.readNBytes(header.getCompressed_page_size());
          int levels = h.getRepetition_levels_byte_length() + h.getDefinition_levels_byte_length();
          if (raw.length != header.getCompressed_page_size() || levels > raw.length) {
            throw damaged("a page ends after its column chunk", null);
          }
          byte[] data = java.util.Arrays.copyOfRange(raw, levels, raw.length);
          if (h.isIs_compressed()) {
            data = decompress(data, data.length, header.getUncompressed_page_size() - levels);
          }
          return DataPageV2.uncompressed(h.getNum_rows(), h.getNum_nulls(), h.getNum_values(),
              BytesInput.from(raw, 0, h.getRepetition_levels_byte_length()),
              BytesInput.from(raw, h.getRepetition_levels_byte_length(), h.getDefinition_levels_byte_length()),
              Encoding.valueOf(h.getEncoding().name()), BytesInput.from(data), NO_STATISTICS);
        }
        in.skipNBytes(header.getCompressed_page_size()); // an index page: not needed to read rows
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A data page as bytes for {@link ParquetBulkColumn}: valid until the next call, as its arrays
   * are reused from page to page (each has {@link #SLACK} bytes after its end, so a decoder may
   * load eight bytes at any position before the end).
   */
  static final class Page {
    int values;
    Encoding valueEncoding;
    /** How the definition levels are encoded in a version 1 page (they lead {@link #data}). */
    Encoding levelEncoding;
    boolean v2;
    /** A version 2 page's definition levels, {@code [levelsStart, levelsEnd)}. */
    byte[] levels;
    int levelsStart;
    int levelsEnd;
    /** Version 1: levels then values; version 2: the values, {@code [dataStart, dataEnd)}. */
    byte[] data;
    int dataStart;
    int dataEnd;
  }

  /** What a page array holds past its end, so that a decoder may load eight bytes anywhere before it. */
  static final int SLACK = 8;

  /** The dictionary page's bytes (plain-encoded values), or null when the chunk has none. */
  byte[] dictionaryBytes() throws IOException {
    return dictionary == null ? null : dictionary.getBytes().toByteArray();
  }

  /** Fills {@code page} with the chunk's next data page; false when there is none left. */
  boolean nextPage(Page page) {
    try {
      while (true) {
        if (pending == null && valuesRead >= totalValues) {
          return false;
        }
        PageHeader header = pending != null ? pending : nextHeader();
        pending = null;
        int length = header.getCompressed_page_size();
        int size = header.getUncompressed_page_size();
        if (length < 0 || size < 0) {
          throw damaged("a page has a negative size", null);
        }
        if (header.isSetData_page_header()) {
          DataPageHeader h = header.getData_page_header();
          valuesRead += h.getNum_values();
          page.values = h.getNum_values();
          page.valueEncoding = Encoding.valueOf(h.getEncoding().name());
          page.levelEncoding = Encoding.valueOf(h.getDefinition_level_encoding().name());
          page.v2 = false;
          readCompressed(length);
          if (codec == CompressionCodec.UNCOMPRESSED) {
            checkStored(length, size);
            page.data = compressedScratch;
            page.dataEnd = length;
          } else {
            page.data = decompressInto(compressedScratch, 0, length, size);
            page.dataEnd = size;
          }
          page.dataStart = 0;
          return true;
        }
        if (header.isSetData_page_header_v2()) {
          DataPageHeaderV2 h = header.getData_page_header_v2();
          valuesRead += h.getNum_values();
          int repetition = h.getRepetition_levels_byte_length();
          int levels = repetition + h.getDefinition_levels_byte_length();
          if (repetition < 0 || levels < repetition || levels > length) {
            throw damaged("a page's levels end after the page", null);
          }
          page.values = h.getNum_values();
          page.valueEncoding = Encoding.valueOf(h.getEncoding().name());
          page.levelEncoding = Encoding.RLE;
          page.v2 = true;
          readCompressed(length);
          page.levels = compressedScratch;
          page.levelsStart = repetition;
          page.levelsEnd = levels;
          if (h.isIs_compressed() && codec != CompressionCodec.UNCOMPRESSED) {
            page.data = decompressInto(compressedScratch, levels, length - levels, size - levels);
            page.dataStart = 0;
            page.dataEnd = size - levels;
          } else {
            if (h.isIs_compressed()) {
              checkStored(length, size);
            }
            page.data = compressedScratch;
            page.dataStart = levels;
            page.dataEnd = length;
          }
          return true;
        }
        in.skipNBytes(header.getCompressed_page_size()); // an index page: not needed to read rows
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void checkStored(int length, int size) {
    if (length != size) {
      throw damaged("a page holds " + length + " bytes, not the " + size + " its header says", null);
    }
  }

  /** Reads a page's {@code length} stored bytes into {@link #compressedScratch}. */
  private void readCompressed(int length) throws IOException {
    if (compressedScratch.length < length + SLACK) {
      compressedScratch = new byte[length + SLACK];
    }
    if (in.readNBytes(compressedScratch, 0, length) != length) {
      throw damaged("a page ends after its column chunk", null);
    }
  }

  /** Decompresses into {@link #pageScratch}, which it returns. */
  private byte[] decompressInto(byte[] bytes, int offset, int length, int size) throws IOException {
    if (size < 0) {
      throw damaged("a page has a negative size", null);
    }
    if (pageScratch.length < size + SLACK) {
      pageScratch = new byte[size + SLACK];
    }
    try {
      int n;
      if (codec == CompressionCodec.GZIP) {
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes, offset, length))) {
          n = gzip.readNBytes(pageScratch, 0, size);
        }
      } else {
        n = decompressor().decompress(bytes, offset, length, pageScratch, 0, size);
      }
      if (n != size) {
        throw damaged("a page decompresses to " + n + " bytes, not the " + size + " its header says", null);
      }
      return pageScratch;
    } catch (RuntimeException e) {
      if (e instanceof TableFormatException t) {
        throw t;
      }
      throw damaged("a " + codec + " page does not decompress (" + e.getMessage() + ")", e);
    }
  }

  private Decompressor decompressor() {
    if (decompressor == null) {
      decompressor = codec == CompressionCodec.SNAPPY ? new SnappyDecompressor()
          : codec == CompressionCodec.ZSTD ? new ZstdDecompressor() : new Lz4Decompressor();
    }
    return decompressor;
  }

  private PageHeader nextHeader() {
    try {
      return Util.readPageHeader(in);
    } catch (dev.mlops.api.IntegrityException e) { // a stored file's chunk is damaged: the store's fault
      throw e;
    } catch (IOException | RuntimeException e) {
      throw damaged("a page header does not parse (" + e.getMessage() + ")", e);
    }
  }

  private byte[] payload(PageHeader header, boolean compressed) throws IOException {
    int length = header.getCompressed_page_size();
    if (!compressed || codec == CompressionCodec.UNCOMPRESSED) {
      byte[] bytes = in.readNBytes(length);
      if (bytes.length != length) {
        throw damaged("a page ends after its column chunk", null);
      }
      return compressed ? decompress(bytes, bytes.length, header.getUncompressed_page_size()) : bytes;
    }
    // Compressed bytes are dead once decompressed: one array per column chunk takes them all,
    // rather than a new one (often over G1's humongous size) per page.
    if (length < 0) {
      throw damaged("a page has a negative size", null);
    }
    if (compressedScratch.length < length) {
      compressedScratch = new byte[length];
    }
    if (in.readNBytes(compressedScratch, 0, length) != length) {
      throw damaged("a page ends after its column chunk", null);
    }
    return decompress(compressedScratch, length, header.getUncompressed_page_size());
  }

  private byte[] decompress(byte[] bytes, int length, int size) throws IOException {
    if (size < 0) {
      throw damaged("a page has a negative size", null);
    }
    try {
      byte[] out = switch (codec) {
        case UNCOMPRESSED -> bytes;
        case GZIP -> {
          try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes, 0, length))) {
            yield gzip.readNBytes(size);
          }
        }
        default -> {
          byte[] target = new byte[size];
          int n = decompressor().decompress(bytes, 0, length, target, 0, size);
          if (n != size) {
            throw damaged("a page decompresses to " + n + " bytes, not the " + size + " its header says", null);
          }
          yield target;
        }
      };
      if (out.length != size) {
        throw damaged("a page holds " + out.length + " bytes, not the " + size + " its header says", null);
      }
      return out;
    } catch (RuntimeException e) {
      if (e instanceof TableFormatException t) {
        throw t;
      }
      throw damaged("a " + codec + " page does not decompress (" + e.getMessage() + ")", e);
    }
  }

  private TableFormatException damaged(String what, Throwable cause) {
    return ParquetFile.damaged(label, "column '" + column.getPath()[0] + "': " + what, cause);
  }

  /** Bytes {@code [start, start + length)} of a channel, read at their positions (the channel is shared). */
  private static final class RangeInputStream extends InputStream {
    private final FileChannel channel;
    private long position;
    private final long end;

    RangeInputStream(FileChannel channel, long start, long length) {
      this.channel = channel;
      this.position = start;
      this.end = start + length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (position >= end) {
        return -1;
      }
      int n = channel.read(ByteBuffer.wrap(bytes, offset, (int) Math.min(length, end - position)), position);
      if (n > 0) {
        position += n;
      }
      return n;
    }
  }
}
