package dev.mlops.core.internal.dataset;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Set;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.format.ColumnMetaData;

/**
 * The common column chunks (fixed-width values of 4 or 8 bytes, strings and binary; plain or
 * dictionary-encoded pages; definition levels in RLE) decoded a page run at a time, without
 * parquet-column's per-value reader: levels and dictionary indexes are unpacked in batches, values
 * are copied as bytes (Parquet's plain encoding and Arrow's buffers are both little-endian) into
 * arrays that go into the Arrow buffers with one copy each, so no per-value bounds check. The
 * vectors it fills hold the bytes {@link ParquetColumn#read} gives (nulls leave zero bytes); what it
 * does not handle goes through that reader.
 */
final class ParquetBulkColumn {
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final Set<org.apache.parquet.format.Encoding> VALUE_ENCODINGS = Set.of(
      org.apache.parquet.format.Encoding.PLAIN, org.apache.parquet.format.Encoding.PLAIN_DICTIONARY,
      org.apache.parquet.format.Encoding.RLE_DICTIONARY, org.apache.parquet.format.Encoding.RLE);

  /** Arrays reused from batch to batch and column to column (the columns of a batch are read in turn). */
  static final class Scratch {
    private byte[] validity = new byte[0];
    private byte[] values = new byte[0];
    private byte[] offsets = new byte[0];
    private int[] levels = new int[0];
    private int[] indexes = new int[0];

    private void prepare(int rows, int width) {
      int bytes = (rows + 7) >>> 3;
      if (validity.length < bytes) {
        validity = new byte[bytes];
      }
      Arrays.fill(validity, 0, bytes, (byte) 0);
      if (levels.length < rows) {
        levels = new int[rows];
        indexes = new int[rows];
      }
      if (width > 0 && values.length < rows * width) {
        values = new byte[rows * width];
      }
      if (width == 0 && offsets.length < (rows + 1) * 4) {
        offsets = new byte[(rows + 1) * 4];
      }
      if (width == 0) {
        INT.set(offsets, 0, 0);
      }
    }

    private void growValues(int needed) {
      if (values.length < needed) {
        values = Arrays.copyOf(values, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 16, values.length * 2L)));
      }
    }
  }

  private final ParquetPages pages;
  private final Scratch scratch;
  /** Bytes per value; 0 for byte arrays. */
  private final int width;
  private final boolean optional;
  private final String column;
  private final ParquetPages.Page page = new ParquetPages.Page();
  /** The dictionary's values: fixed-width ones packed, byte arrays one after the other. */
  private byte[] dictionary;
  /** Byte arrays: where dictionary value i starts and ends. */
  private int[] dictionaryStarts;
  private int[] dictionaryEnds;
  private int dictionarySize;
  /** Values left in the current page. */
  private int left;
  private boolean dictionaryEncoded;
  private final Hybrid levels = new Hybrid();
  private final Hybrid indexes = new Hybrid();
  /** Plain values: the next one's position in {@link #data}, and the end of the page's values. */
  private byte[] data;
  private int position;
  private int end;

  /**
   * Whether a chunk's pages can be read here, by the encodings its metadata lists (the writer
   * lists every encoding of its pages): plain, dictionary, RLE levels (bit-packed levels, which old
   * writers used, only where a required column has none).
   */
  static boolean handles(ParquetColumn column, ColumnMetaData meta) {
    if (column.bulkWidth() < 0 || column.descriptor().getMaxRepetitionLevel() != 0
        || column.descriptor().getMaxDefinitionLevel() > 1 || !meta.isSetEncodings()) {
      return false;
    }
    for (org.apache.parquet.format.Encoding e : meta.getEncodings()) {
      if (!VALUE_ENCODINGS.contains(e) && e != org.apache.parquet.format.Encoding.BIT_PACKED) {
        return false;
      }
    }
    return true;
  }

  ParquetBulkColumn(ParquetColumn column, ParquetPages pages, Scratch scratch) throws IOException {
    this.pages = pages;
    this.scratch = scratch;
    this.width = column.bulkWidth();
    this.optional = column.descriptor().getMaxDefinitionLevel() == 1;
    this.column = column.descriptor().getPath()[0];
    byte[] bytes = pages.dictionaryBytes();
    if (bytes != null) {
      readDictionary(bytes, pages.readDictionaryPage().getDictionarySize());
    }
  }

  /** Decodes a plain-encoded dictionary page. */
  private void readDictionary(byte[] bytes, int size) {
    if (size < 0) {
      throw new IllegalStateException("a dictionary of " + size + " values");
    }
    dictionarySize = size;
    if (width > 0) {
      if ((long) size * width > bytes.length) {
        throw new IllegalStateException("a dictionary page shorter than its " + size + " values");
      }
      dictionary = bytes;
      return;
    }
    dictionaryStarts = new int[size];
    dictionaryEnds = new int[size];
    int p = 0;
    for (int i = 0; i < size; i++) {
      int length = bytes.length - p < 4 ? -1 : (int) INT.get(bytes, p);
      if (length < 0 || length > bytes.length - p - 4) {
        throw new IllegalStateException("a dictionary value ends after its page");
      }
      dictionaryStarts[i] = p + 4;
      dictionaryEnds[i] = p + 4 + length;
      p += 4 + length;
    }
    dictionary = bytes;
  }

  /**
   * Reads the chunk's next {@code rows} values into rows 0 to {@code rows - 1} of the vector, which
   * was allocated for at least that many and is still zero.
   */
  void read(FieldVector vector, int rows) {
    scratch.prepare(rows, width);
    byte[] validity = scratch.validity;
    int[] defined = scratch.levels;
    int written = 0; // byte arrays: the bytes in scratch.values
    for (int r = 0; r < rows; ) {
      while (left == 0) {
        nextPage();
      }
      int n = Math.min(rows - r, left);
      int present;
      if (optional) {
        levels.read(defined, 0, n);
        present = 0;
        for (int i = 0; i < n; i++) { // levels of one bit: 1 is a value, 0 a null; no branch to mispredict
          int d = defined[i];
          validity[(r + i) >>> 3] |= (byte) (d << ((r + i) & 7));
          present += d;
        }
      } else {
        setBits(validity, r, n);
        present = n;
      }
      if (width > 0) {
        fixed(r, n, present, defined);
      } else {
        written = bytes(r, n, present, defined, written);
      }
      r += n;
      left -= n;
    }
    if (width > 0) {
      BaseFixedWidthVector v = (BaseFixedWidthVector) vector;
      v.getDataBuffer().setBytes(0, scratch.values, 0, (long) rows * width);
    } else {
      BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
      while (v.getDataBuffer().capacity() < written) {
        v.reallocDataBuffer();
      }
      v.getDataBuffer().setBytes(0, scratch.values, 0, written);
      v.getOffsetBuffer().setBytes(0, scratch.offsets, 0, (rows + 1L) * BaseVariableWidthVector.OFFSET_WIDTH);
      v.setLastSet(rows - 1);
    }
    vector.getValidityBuffer().setBytes(0, validity, 0, (rows + 7) >>> 3);
  }

  /** Fixed-width values of rows {@code [r, r + n)}, {@code present} of them not null. */
  private void fixed(int r, int n, int present, int[] defined) {
    byte[] out = scratch.values;
    int at = r * width;
    if (!dictionaryEncoded) {
      if ((long) present * width > end - position) {
        throw new IllegalStateException("a page holds fewer values than its header says");
      }
      if (present == n) {
        System.arraycopy(data, position, out, at, n * width);
        position += n * width;
      } else if (width == 8) {
        for (int i = 0; i < n; i++, at += 8) {
          if (defined[i] == 1) {
            LONG.set(out, at, (long) LONG.get(data, position));
            position += 8;
          } else {
            LONG.set(out, at, 0L);
          }
        }
      } else {
        for (int i = 0; i < n; i++, at += 4) {
          if (defined[i] == 1) {
            INT.set(out, at, (int) INT.get(data, position));
            position += 4;
          } else {
            INT.set(out, at, 0);
          }
        }
      }
      return;
    }
    int[] index = scratch.indexes;
    indexes.read(index, 0, present);
    byte[] values = dictionary;
    for (int i = 0, k = 0; i < n; i++, at += width) {
      boolean set = present == n || defined[i] == 1;
      int d = set ? index[k++] : 0;
      if (set && (d < 0 || d >= dictionarySize)) {
        throw new IllegalStateException("a dictionary index " + d + " of " + dictionarySize + " values");
      }
      if (width == 8) {
        LONG.set(out, at, set ? (long) LONG.get(values, d * 8) : 0L);
      } else {
        INT.set(out, at, set ? (int) INT.get(values, d * 4) : 0);
      }
    }
  }

  /** Byte arrays of rows {@code [r, r + n)}; returns the bytes written after them. */
  private int bytes(int r, int n, int present, int[] defined, int written) {
    byte[] offsets = scratch.offsets;
    int[] index = scratch.indexes;
    if (dictionaryEncoded) {
      indexes.read(index, 0, present);
    }
    for (int i = 0, k = 0; i < n; i++) {
      if (present == n || defined[i] == 1) {
        byte[] from;
        int start;
        int length;
        if (dictionaryEncoded) {
          int d = index[k++];
          if (d < 0 || d >= dictionarySize) {
            throw new IllegalStateException("a dictionary index " + d + " of " + dictionarySize + " values");
          }
          from = dictionary;
          start = dictionaryStarts[d];
          length = dictionaryEnds[d] - start;
        } else {
          length = end - position < 4 ? -1 : (int) INT.get(data, position);
          if (length < 0 || length > end - position - 4) {
            throw new IllegalStateException("a value ends after its page");
          }
          from = data;
          start = position + 4;
          position = start + length;
        }
        if (scratch.values.length - written < length) {
          scratch.growValues(written + length);
        }
        System.arraycopy(from, start, scratch.values, written, length);
        written += length;
      }
      INT.set(offsets, (r + i + 1) * 4, written);
    }
    return written;
  }

  private static void setBits(byte[] bits, int from, int n) {
    int i = from;
    int to = from + n;
    for (; i < to && (i & 7) != 0; i++) {
      bits[i >>> 3] |= (byte) (1 << (i & 7));
    }
    for (; i + 8 <= to; i += 8) {
      bits[i >>> 3] = (byte) 0xff;
    }
    for (; i < to; i++) {
      bits[i >>> 3] |= (byte) (1 << (i & 7));
    }
  }

  private void nextPage() {
    if (!pages.nextPage(page)) {
      throw new IllegalStateException("column '" + column + "' holds fewer values than its row group's rows");
    }
    if (page.values < 0) {
      throw new IllegalStateException("a page of " + page.values + " values");
    }
    left = page.values;
    data = page.data;
    position = page.dataStart;
    end = page.dataEnd;
    if (optional) {
      startLevels();
    }
    switch (page.valueEncoding) {
      case PLAIN -> dictionaryEncoded = false;
      case PLAIN_DICTIONARY, RLE_DICTIONARY -> {
        if (dictionary == null) {
          throw new IllegalStateException("a dictionary-encoded page in a chunk without a dictionary");
        }
        if (left > 0) {
          int bitWidth = position < end ? data[position] & 0xff : -1;
          if (bitWidth < 0 || bitWidth > 32) {
            throw new IllegalStateException("dictionary indexes of " + bitWidth + " bits");
          }
          indexes.start(data, position + 1, end, bitWidth);
        }
        dictionaryEncoded = true;
      }
      default -> throw new IllegalStateException("values encoded " + page.valueEncoding
          + ", which the chunk's metadata does not list");
    }
  }

  /** Points {@link #levels} at the page's definition levels, and {@link #position} after them (version 1). */
  private void startLevels() {
    if (page.v2) {
      levels.start(page.levels, page.levelsStart, page.levelsEnd, 1);
    } else if (page.levelEncoding == Encoding.BIT_PACKED) { // one bit a level, most significant first, no length
      int length = (page.values + 7) >>> 3;
      if (length > end - position) {
        throw new IllegalStateException("the definition levels end after their page");
      }
      levels.startBigEndianBits(data, position, position + length);
      position += length;
    } else if (page.levelEncoding == Encoding.RLE) {
      int length = end - position < 4 ? -1 : (int) INT.get(data, position);
      if (length < 0 || length > end - position - 4) {
        throw new IllegalStateException("the definition levels end after their page");
      }
      levels.start(data, position + 4, position + 4 + length, 1);
      position += 4 + length;
    } else {
      throw new IllegalStateException("definition levels encoded " + page.levelEncoding);
    }
  }

  /**
   * Parquet's RLE / bit-packing hybrid: runs of one repeated value, and groups of eight values
   * packed with the least significant bit first. The array has {@link ParquetPages#SLACK} bytes
   * after {@code end}, so a value is one unaligned eight-byte load.
   */
  private static final class Hybrid {
    private byte[] bytes;
    private int position;
    private int end;
    private int width;
    private int mask;
    private int run;
    private boolean packed;
    private int value;
    private long bit;
    /** Parquet's deprecated bit-packed levels: one run of single bits, most significant first. */
    private boolean bigEndianBits;

    void startBigEndianBits(byte[] bytes, int position, int end) {
      start(bytes, position, end, 1);
      bigEndianBits = true;
      packed = true;
      bit = (long) position * 8;
      run = (end - position) * 8;
    }

    void start(byte[] bytes, int position, int end, int width) {
      this.bytes = bytes;
      this.position = position;
      this.end = end;
      this.width = width;
      this.mask = width == 32 ? -1 : (1 << width) - 1;
      this.run = 0;
      this.bigEndianBits = false;
    }

    void read(int[] out, int offset, int n) {
      while (n > 0) {
        if (run == 0) {
          next();
        }
        int k = Math.min(n, run);
        if (!packed) {
          Arrays.fill(out, offset, offset + k, value);
        } else if (bigEndianBits) {
          long b = bit;
          for (int i = offset; i < offset + k; i++, b++) {
            out[i] = (bytes[(int) (b >>> 3)] >>> (7 - (b & 7))) & 1;
          }
          bit = b;
        } else {
          long b = bit;
          byte[] in = bytes;
          int w = width;
          int m = mask;
          int i = offset;
          int to = offset + k;
          // Groups of eight values start on a byte: up to 8 bits a value, one load gives all eight.
          if (w <= 8 && (b & 7) == 0) {
            for (; i + 8 <= to; i += 8, b += 8L * w) {
              long word = (long) LONG.get(in, (int) (b >>> 3));
              for (int j = 0; j < 8; j++) {
                out[i + j] = (int) (word >>> (j * w)) & m;
              }
            }
          }
          for (; i < to; i++, b += w) {
            out[i] = (int) ((long) LONG.get(in, (int) (b >>> 3)) >>> (b & 7)) & m;
          }
          bit = b;
        }
        offset += k;
        n -= k;
        run -= k;
      }
    }

    private void next() {
      int header = 0;
      for (int shift = 0; ; shift += 7) {
        if (position >= end || shift > 28) {
          throw new IllegalStateException("levels or indexes end before their values");
        }
        int b = bytes[position++];
        header |= (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          break;
        }
      }
      if ((header & 1) == 0) {
        run = header >>> 1;
        int valueBytes = (width + 7) >>> 3;
        if (valueBytes > end - position) {
          throw new IllegalStateException("a run's value ends after its page");
        }
        int v = 0;
        for (int i = 0; i < valueBytes; i++) {
          v |= (bytes[position++] & 0xff) << (8 * i);
        }
        if ((v & ~mask) != 0) {
          throw new IllegalStateException("a run's value " + v + " is wider than " + width + " bits");
        }
        value = v;
        packed = false;
      } else {
        long values = (long) (header >>> 1) * 8;
        bit = (long) position * 8;
        long available = width == 0 ? values : ((long) (end - position) * 8) / width;
        // A last group may be cut short at the end of the page: only the values whose bits are there.
        run = (int) Math.min(values, available);
        position = (int) Math.min(end, position + (header >>> 1) * (long) width);
        packed = true;
      }
      if (run <= 0) {
        throw new IllegalStateException("an empty run of levels or indexes");
      }
    }
  }
}
