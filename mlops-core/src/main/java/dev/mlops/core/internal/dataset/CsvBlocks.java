package dev.mlops.core.internal.dataset;

import dev.mlops.api.MlOpsException;
import java.util.Arrays;

/**
 * Cuts a CSV file's bytes into its header and blocks of whole records, so each block can be parsed
 * and profiled on its own and its result kept under the hash of its bytes. Cuts are chosen by
 * content, as chunk boundaries are ({@link dev.mlops.core.internal.content.Chunker}): a block ends
 * at the first record end after a place where a rolling hash of the last 64 bytes has its top
 * {@value #CUT_BITS} bits zero, once it is at least {@value #MIN_BLOCK} bytes long, and at the first
 * record end after {@value #MAX_BLOCK} bytes at the latest. Appending rows therefore changes only
 * the last block (and adds new ones); a change inside the file changes the blocks around it.
 *
 * <p>A record end is a line break outside quotes, tracked with the rules of
 * {@link dev.mlops.core.input.CsvRecords}: a quote opens a quoted field only as a field's first
 * character, and a doubled quote inside one is a quote. Not thread-safe.
 */
final class CsvBlocks {
  /** The least size of a block, but the last: 1 MiB. */
  static final int MIN_BLOCK = 1 << 20;
  /** The size after which a block ends at the next record end: 8 MiB. */
  static final int MAX_BLOCK = 8 << 20;
  /** A record of more bytes than this may be one of more characters than a record may have. */
  private static final long LONG_RECORD = dev.mlops.core.input.CsvRecords.MAX_RECORD_CHARS;
  /** After the least size, a cut is wanted with probability 2^-20 per byte: blocks of about 2 MiB. */
  private static final int CUT_BITS = 20;
  private static final long[] GEAR = gear();

  // The states of the CSV grammar that matter here; a record end then reads like a field start.
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_SEEN = 3;
  private static final int RECORD_END = 4;
  // Byte classes.
  private static final int OTHER = 0;
  private static final int COMMA = 1;
  private static final int QUOTE = 2;
  private static final int LF = 3;
  private static final int CR = 4;
  private static final int CLASSES = 5;
  private static final int[] CLASS = classes();
  /** The next state by state and byte class: {@code NEXT[state * CLASSES + class]}. */
  private static final int[] NEXT = {
      // OTHER     COMMA        QUOTE       LF          CR
      UNQUOTED, FIELD_START, QUOTED, RECORD_END, RECORD_END, // FIELD_START: a quote opens a quoted field
      UNQUOTED, FIELD_START, UNQUOTED, RECORD_END, RECORD_END, // UNQUOTED: a quote is a character
      QUOTED, QUOTED, QUOTE_SEEN, QUOTED, QUOTED, // QUOTED: only a quote may end it
      UNQUOTED, FIELD_START, QUOTED, RECORD_END, RECORD_END, // QUOTE_SEEN: doubled, or the field ended
      UNQUOTED, FIELD_START, QUOTED, RECORD_END, RECORD_END, // RECORD_END: as FIELD_START
  };

  /** Where the header and the blocks go, in file order. */
  interface Sink {
    /** The header's bytes: up to its record end. */
    void header(byte[] bytes, int length);

    /** A block of whole records. */
    void block(byte[] bytes, int length);

    /**
     * Records up to one longer than {@link dev.mlops.core.input.CsvRecords#MAX_RECORD_CHARS}: the
     * sink reads them to fail with the record's line and the limit.
     */
    void tooLong(byte[] bytes, int length);
  }

  private final Sink sink;
  private final String label;
  private final int minBlock;
  private final int maxBlock;
  private final long cutMask;
  private byte[] buffer = new byte[64 * 1024];
  private int length;
  private boolean inHeader = true;
  private boolean headerHasContent;
  private long offset;
  private int state = FIELD_START;
  /** Where the current record starts in the block, and its size at which to count its characters. */
  private long recordStart;
  private long recordCheck = LONG_RECORD;
  private long hash;
  private boolean cutWanted;

  /**
   * How large blocks are.
   *
   * @param min the least size of a block but the last
   * @param max the size after which a block ends at the next record end
   * @param cutBits after the least size a cut is wanted with probability 2^-cutBits per byte
   */
  record Sizes(int min, int max, int cutBits) {
    /** The sizes of commits: 1 MiB at least, about 2 MiB, ending after 8 MiB. */
    static final Sizes DEFAULT = new Sizes(MIN_BLOCK, MAX_BLOCK, CUT_BITS);
  }

  CsvBlocks(Sink sink, String label, Sizes sizes) {
    this.sink = sink;
    this.label = label;
    this.minBlock = sizes.min();
    this.maxBlock = sizes.max();
    this.cutMask = -1L << (64 - sizes.cutBits());
  }

  /** Takes the file's next bytes. */
  void write(byte[] bytes, int from, int count) {
    int end = from + count;
    int i = from;
    int start = from;
    while (inHeader && i < end) {
      byte c = bytes[i];
      state = NEXT[state * CLASSES + CLASS[c & 0xff]];
      long position = offset + length + (i - start);
      if (c != '\n' && c != '\r' && !(position < 3 && isByteOrderMark(c, position))) {
        headerHasContent = true;
      }
      i++;
      if (state == RECORD_END && headerHasContent) {
        append(bytes, start, i - start);
        start = i;
        sink.header(buffer, length);
        emitted();
        inHeader = false;
      } else if (length + (i - start) > recordCheck) {
        append(bytes, start, i - start);
        start = i;
        checkRecordLength();
      }
    }
    // The hot loop. Inside a field most bytes change nothing, so the state table is consulted only
    // for the bytes that may (a branch the processor predicts, rather than a chain of table loads);
    // the rolling hash runs only where a cut may fall.
    int st = state;
    long h = hash;
    boolean wanted = cutWanted;
    long base = length - start; // the block's size after byte i is base + i + 1
    long hashFrom = Math.min(minBlock - 64L, LONG_RECORD);
    for (; i < end; i++) {
      int b = bytes[i] & 0xff;
      int cls = CLASS[b];
      long size = base + i + 1;
      if (size >= hashFrom) {
        h = (h << 1) + GEAR[b];
        if (size >= minBlock && (h & cutMask) == 0) {
          wanted = true;
        }
        if (size - recordStart > recordCheck) {
          append(bytes, start, i + 1 - start);
          start = i + 1;
          base = length - start;
          checkRecordLength();
        }
      }
      if (cls == OTHER && (st == UNQUOTED || st == QUOTED)) {
        continue;
      }
      st = NEXT[st * CLASSES + cls];
      if (st == RECORD_END) {
        recordStart = size;
        recordCheck = LONG_RECORD;
        if (size >= minBlock && (wanted || size >= maxBlock)) {
          append(bytes, start, i + 1 - start);
          start = i + 1;
          sink.block(buffer, length);
          emitted();
          h = 0;
          wanted = false;
          base = -start;
        }
      }
    }
    state = st;
    hash = h;
    cutWanted = wanted;
    append(bytes, start, end - start);
  }

  /**
   * The current record has more bytes than a record may have characters: count its characters as
   * {@link dev.mlops.core.input.CsvRecords} does (UTF-16 units) and, past the limit, have the sink
   * fail; else check again a MiB later. So a block never holds more than one overlong record.
   */
  private void checkRecordLength() {
    long chars = 0;
    for (int j = (int) recordStart; j < length; j++) {
      int b = buffer[j] & 0xff;
      chars += (b & 0xC0) == 0x80 ? 0 : b >= 0xF0 ? 2 : 1; // a 4-byte sequence is two UTF-16 units
    }
    if (chars > dev.mlops.core.input.CsvRecords.MAX_RECORD_CHARS) {
      sink.tooLong(buffer, length);
      throw tooLong(); // the sink's reading fails first
    }
    recordCheck = length - recordStart + (1 << 20);
  }

  private MlOpsException tooLong() {
    return new MlOpsException("CSV file '" + label + "' has a record longer than "
        + dev.mlops.core.input.CsvRecords.MAX_RECORD_CHARS + " characters after byte " + offset
        + " (or a quote that is never closed); split the value, or keep such values as files of a"
        + " dataset rather than in a table");
  }

  /** Whether the header and every block so far went to the sink: the next byte starts a block. */
  boolean atBlockStart() {
    return !inHeader && length == 0;
  }

  /**
   * Passes over bytes that are whole blocks the sink already has (those of an earlier version of
   * the file): cutting goes on after them as if they had been cut here, since a block's cut depends
   * only on its own bytes.
   *
   * @throws IllegalStateException unless {@link #atBlockStart()}
   */
  void skip(long count) {
    if (!atBlockStart()) {
      throw new IllegalStateException("skip only between blocks");
    }
    offset += count;
  }

  /** Takes the end of the file: the last block goes to the sink; a file without a header fails. */
  void finish() {
    if (inHeader) {
      if (!headerHasContent) {
        throw new MlOpsException("CSV file '" + label + "' is empty; a CSV table needs a header line naming"
            + " its columns (line 1)");
      }
      sink.header(buffer, length);
      inHeader = false;
    } else if (length > 0) {
      sink.block(buffer, length);
    }
    emitted();
  }

  private void emitted() {
    offset += length;
    length = 0;
    recordStart = 0;
    recordCheck = LONG_RECORD;
    cutWanted = false;
    hash = 0;
    if (buffer.length > 2 * MAX_BLOCK) {
      buffer = new byte[MIN_BLOCK]; // one long block does not hold its memory for the rest
    }
  }

  private void append(byte[] bytes, int from, int count) {
    if (length + count > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(length + count, buffer.length * 2));
    }
    System.arraycopy(bytes, from, buffer, length, count);
    length += count;
  }

  private static boolean isByteOrderMark(byte c, long position) {
    return (position == 0 && c == (byte) 0xEF) || (position == 1 && c == (byte) 0xBB)
        || (position == 2 && c == (byte) 0xBF);
  }

  private static int[] classes() {
    int[] classes = new int[256];
    classes[','] = COMMA;
    classes['"'] = QUOTE;
    classes['\n'] = LF;
    classes['\r'] = CR;
    return classes;
  }

  /** Fixed random values per byte (SplitMix64 from a fixed seed): block cuts must never change. */
  private static long[] gear() {
    long[] table = new long[256];
    long x = 0x6d6c6f70735f6373L;
    for (int i = 0; i < table.length; i++) {
      x += 0x9E3779B97F4A7C15L;
      long z = x;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      table[i] = z ^ (z >>> 31);
    }
    return table;
  }
}
