package dev.mlops.core.internal.dataset;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.core.input.CsvRecords;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.content.Sha256;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.jspecify.annotations.Nullable;

/**
 * What one block of a CSV table's records gives ({@link CsvBlocks}): its row count and, per column,
 * which types its values fit and the column's profile over the block, with its sketch. Blocks merge
 * in file order into the table's profile ({@link CsvTables}). Stored under
 * {@code objects/sketches/csv-blocks/<sha256 of its descriptor>}, the descriptor naming the block's bytes
 * and how they were read, so a later commit of a file holding the same block reuses the result
 * without parsing the block again. Stored form: "MLCB", a format byte, the descriptor, the rows,
 * the line breaks, the columns, the sketches in the drift profile format, and a CRC-32 of all of it.
 */
final class CsvBlock {
  static final String PREFIX = TableSketches.PREFIX + "csv-blocks/";
  /** Where the list of a table's blocks lies, which keeps them from garbage collection. */
  static final String TABLES = TableSketches.PREFIX + "csv-tables/";
  private static final String TABLE_HEADER = "MLCT\n";
  /** Starts a block list's last line: the hash of the lines before it. */
  private static final String CHECK = "check ";
  static final ArrowType INT64 = new ArrowType.Int(64, true);
  static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  private static final int MAGIC = 0x4d4c4342; // "MLCB"
  private static final int FORMAT = 1;
  /** The size of what {@link ColumnProfiler#writeCounts} writes: four longs, four doubles, a boolean. */
  private static final int COUNTS_BYTES = 4 * 8 + 4 * 8 + 1;

  /** Bits of {@link #flags}: what the column's non-empty values were seen not to be. */
  static final int SEEN = 1;
  static final int NOT_LONG = 2;
  static final int NOT_DOUBLE = 4;
  static final int NOT_BOOL = 8;

  /** What a block's profile of a column was computed as: {@link #kinds}. */
  static final byte NONE = 0;
  static final byte NUMERIC = 1;
  static final byte BOOL = 2;
  static final byte TEXT = 3;

  final long rows;
  /** The line breaks in the block: where the next block's lines start. */
  final long lines;
  final byte[] flags;
  final byte[] kinds;
  final ColumnProfiler[] profiles;

  private CsvBlock(long rows, long lines, byte[] flags, byte[] kinds, ColumnProfiler[] profiles) {
    this.rows = rows;
    this.lines = lines;
    this.flags = flags;
    this.kinds = kinds;
    this.profiles = profiles;
  }

  /**
   * How a block is read.
   *
   * @param columns the header's column count
   * @param types the columns' types, or null to infer each block column's narrowest type
   */
  record Reading(int columns, @Nullable List<ArrowType> types) {
    /** Names the reading and the block: the stored result's descriptor. */
    String descriptor(String blockSha256) {
      return "csv-block " + FORMAT + "\n" + blockSha256 + "\n" + columns + "\n"
          + (types == null ? "infer" : types.toString());
    }
  }

  /** Where a block's result is stored. */
  static String key(String descriptor) {
    return PREFIX + Sha256.hex(Sha256.newDigest().digest(descriptor.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The descriptor of the merged result of a table's first blocks (all but its last, which an
   * append reads again): named by the blocks' keys, which name their bytes and the reading.
   */
  static String prefixDescriptor(List<Ref> blocks) {
    StringBuilder keys = new StringBuilder();
    blocks.forEach(b -> keys.append(b.key()).append('\n'));
    return "csv-prefix " + FORMAT + "\n" + blocks.size() + "\n"
        + Sha256.hex(Sha256.newDigest().digest(keys.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The merged result of blocks, stored as a block is ({@link #encode}, under {@link #key} of its
   * {@link #prefixDescriptor}): their rows and lines summed, their flags or-ed, their profiles
   * merged in file order; {@code kinds} holds per column the set of the blocks' kinds (bit
   * {@code 1 << kind}) rather than one kind.
   */
  static CsvBlock merged(long rows, long lines, int[] flags, int[] kindSets, ColumnProfiler[] profiles) {
    byte[] f = new byte[flags.length];
    byte[] k = new byte[kindSets.length];
    for (int c = 0; c < f.length; c++) {
      f[c] = (byte) flags[c];
      k[c] = (byte) kindSets[c];
    }
    return new CsvBlock(rows, lines, f, k, profiles);
  }

  /**
   * Where the list of the blocks of a table lies: named by the file's hash and its schema, both in
   * the manifest, so garbage collection finds it from a version alone.
   */
  static String tableKey(String fileSha256, String schemaJson) {
    return TABLES + Sha256.hex(Sha256.newDigest().digest((fileSha256 + "\n" + schemaJson)
        .getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A block of a table's first reading, as its block list records it: the key of its stored result,
   * the hash of its bytes and their length, so a commit of the same file with rows appended skips
   * the blocks before the last without reading them again.
   */
  record Ref(String key, String sha256, long length) {}

  /**
   * The list of a table's blocks' keys, as stored under {@link #tableKey}: one line per block, the
   * blocks of the first reading with their hash and length, and a last line with the hash of the
   * lines before it, so a damaged list is never taken for one (the lengths say where blocks start).
   * The key of the stored merged result of the first reading's blocks but the last, if any, is
   * listed after the keys, as one of the second reading would be, so garbage collection keeps it and
   * earlier builds read the list as before.
   */
  static byte[] encodeTable(List<Ref> firstReading, List<String> secondReading, Optional<String> prefix) {
    StringBuilder text = new StringBuilder(TABLE_HEADER);
    firstReading.forEach(r -> text.append(r.key()).append(' ').append(r.sha256()).append(' ')
        .append(r.length()).append('\n'));
    secondReading.forEach(k -> text.append(k).append('\n'));
    prefix.ifPresent(k -> text.append(k).append('\n'));
    String check = Sha256.hex(Sha256.newDigest().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    text.append(CHECK).append(check);
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The blocks' keys in a stored list; empty for a damaged one (the blocks are a cache). */
  static List<String> decodeTable(byte[] stored) {
    String text = new String(stored, StandardCharsets.UTF_8);
    if (!text.startsWith(TABLE_HEADER)) {
      return List.of();
    }
    return text.substring(TABLE_HEADER.length()).lines().filter(k -> k.startsWith(PREFIX))
        .map(k -> k.split(" ", 2)[0]).toList();
  }

  /**
   * The first reading's blocks in a stored list, when it records them (lists of earlier builds do
   * not) and its check holds.
   */
  static Optional<List<Ref>> decodeFirstReading(byte[] stored) {
    String text = new String(stored, StandardCharsets.UTF_8);
    int check = text.lastIndexOf(CHECK);
    if (!text.startsWith(TABLE_HEADER) || check < 0 || !checked(text)) {
      return Optional.empty();
    }
    List<Ref> refs = new ArrayList<>();
    for (String line : text.substring(TABLE_HEADER.length(), check).split("\n")) {
      String[] parts = line.split(" ");
      if (parts.length != 3) {
        break; // the second reading's keys follow
      }
      try {
        refs.add(new Ref(parts[0], parts[1], Long.parseLong(parts[2])));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.of(refs);
  }

  /** Whether a list's check line, if it has one, is the hash of the lines before it. */
  private static boolean checked(String text) {
    int check = text.lastIndexOf(CHECK);
    if (check < 0) {
      return true; // a list of an earlier build
    }
    String expected = Sha256.hex(Sha256.newDigest().digest(text.substring(0, check).getBytes(StandardCharsets.UTF_8)));
    return text.substring(check + CHECK.length()).equals(expected);
  }

  /**
   * Checks a stored block or block list for store verification.
   *
   * @throws dev.mlops.api.IntegrityException if it is damaged or lies under another key
   */
  static void verify(String key, byte[] data) {
    if (key.startsWith(TABLES)) {
      String text = new String(data, StandardCharsets.UTF_8);
      if (!text.startsWith(TABLE_HEADER) || !checked(text)) {
        throw new dev.mlops.api.IntegrityException("The block list " + key + " is damaged; it is a cache of"
            + " the table's blocks: delete it");
      }
      return;
    }
    String descriptor;
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      in.readInt();
      in.readByte();
      descriptor = in.readUTF();
    } catch (IOException e) {
      descriptor = "";
    }
    if (!key.equals(key(descriptor)) || decode(data, descriptor).isEmpty()) {
      throw new dev.mlops.api.IntegrityException("The table block " + key + " is damaged; it is a cache of"
          + " a CSV block's profile: delete it and the next commit derives it again");
    }
  }

  /**
   * Parses and profiles a block.
   *
   * @param firstLine the line the block starts on, for messages
   * @param label the file's name, for messages
   * @param names the columns' names, for messages
   * @throws MlOpsException for a record of another width than the header, malformed CSV, or (with
   *     given types) a value that is not of its column's type, naming the line
   */
  static CsvBlock derive(byte[] bytes, int length, long firstLine, String label, List<String> names,
      Reading reading) {
    int n = reading.columns();
    ColumnProfiler[] profiles = new ColumnProfiler[n];
    for (int c = 0; c < n; c++) {
      profiles[c] = new ColumnProfiler();
    }
    byte[] flags = new byte[n];
    byte[] kinds = new byte[n];
    List<String[]> buffered = new ArrayList<>();
    long rows = 0;
    try (CsvRecords records = new CsvRecords(CsvRecords.utf8(new ByteArrayInputStream(bytes, 0, length)), label,
        Math.toIntExact(firstLine))) {
      for (List<String> row = next(records); row != null; row = next(records)) {
        int line = records.recordLine();
        if (row.size() != n) {
          throw error(label, line, "has " + row.size() + " fields on line " + line + " but the header has " + n
              + "; fix that row (a missing or extra comma, or an unquoted comma in a value)");
        }
        rows++;
        if (reading.types() == null) {
          buffered.add(row.toArray(new String[0])); // profiled once the block's types are known
        } else {
          for (int c = 0; c < n; c++) {
            given(profiles[c], reading.types().get(c), row.get(c), names.get(c), label, line);
          }
        }
      }
    } catch (IOException e) {
      throw new MlOpsException("Cannot read the CSV file '" + label + "': " + e.getMessage(), e);
    }
    if (reading.types() == null) {
      for (int c = 0; c < n; c++) {
        flags[c] = inferFlags(buffered, c);
        kinds[c] = inferred(profiles[c], buffered, c, flags[c]);
      }
    } else {
      for (int c = 0; c < n; c++) {
        kinds[c] = kindOf(reading.types().get(c));
      }
    }
    long lines = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        lines++;
      }
    }
    return new CsvBlock(rows, lines, flags, kinds, profiles);
  }

  /** The narrowest type that fits every value, by the flags: Int64, Float64, Bool, else Utf8. */
  static ArrowType typeOf(int flags) {
    return (flags & SEEN) == 0 ? ArrowType.Utf8.INSTANCE
        : (flags & NOT_LONG) == 0 ? INT64
        : (flags & NOT_DOUBLE) == 0 ? FLOAT64
        : (flags & NOT_BOOL) == 0 ? ArrowType.Bool.INSTANCE
        : ArrowType.Utf8.INSTANCE;
  }

  private static byte inferFlags(List<String[]> rows, int c) {
    int flags = 0;
    for (String[] row : rows) {
      String v = row[c];
      if (v.isEmpty()) {
        continue;
      }
      flags |= SEEN;
      // Each test runs only while the column still might be of that type.
      if ((flags & NOT_LONG) == 0 && !isLong(v)) {
        flags |= NOT_LONG;
      }
      if ((flags & NOT_LONG) != 0 && (flags & NOT_DOUBLE) == 0 && !isDouble(v)) {
        flags |= NOT_DOUBLE;
      }
      if ((flags & NOT_BOOL) == 0 && !isBoolean(v)) {
        flags |= NOT_BOOL;
      }
    }
    return (byte) flags;
  }

  /** Profiles a column as its narrowest type in this block; returns that type's kind. */
  private static byte inferred(ColumnProfiler profile, List<String[]> rows, int c, int flags) {
    ArrowType type = typeOf(flags);
    byte kind = (flags & SEEN) == 0 ? NONE : kindOf(type);
    for (String[] row : rows) {
      String v = row[c];
      if (v.isEmpty()) {
        profile.missing();
      } else if (type.equals(INT64)) {
        profile.value((double) Long.parseLong(v.trim())); // as an Int64 vector's value read as a long
      } else if (type.equals(FLOAT64)) {
        profile.value(Double.parseDouble(v.trim()));
      } else if (kind == BOOL) {
        profile.value(v.equalsIgnoreCase("true") ? "true" : "false");
      } else {
        profile.value(v);
      }
    }
    return kind;
  }

  private static void given(ColumnProfiler profile, ArrowType type, String value, String column, String label,
      int line) {
    if (value.isEmpty()) {
      profile.missing();
      return;
    }
    try {
      if (type instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 64) {
        profile.value((double) Long.parseLong(value.trim()));
      } else if (type instanceof ArrowType.Int i && i.getIsSigned() && i.getBitWidth() == 32) {
        profile.value((double) Integer.parseInt(value.trim()));
      } else if (type instanceof ArrowType.FloatingPoint f && f.getPrecision() == FloatingPointPrecision.DOUBLE) {
        profile.value(Double.parseDouble(value.trim()));
      } else if (type instanceof ArrowType.FloatingPoint f && f.getPrecision() == FloatingPointPrecision.SINGLE) {
        profile.value((double) Float.parseFloat(value.trim()));
      } else if (type instanceof ArrowType.Bool) {
        if (!isBoolean(value)) {
          throw new NumberFormatException("not true or false");
        }
        profile.value(value.equalsIgnoreCase("true") ? "true" : "false");
      } else if (type instanceof ArrowType.Utf8) {
        profile.value(value);
      } else {
        throw error(label, line, "has a column '" + column + "' of type " + type
            + ", which CSV import does not support; use Int(64 or 32), FloatingPoint, Bool or Utf8");
      }
    } catch (NumberFormatException e) {
      throw error(label, line, "has the value '" + Excerpt.of(value) + "' in column '" + column
          + "', which is not a " + type + "; fix the value or give a schema with a wider type");
    }
  }

  private static byte kindOf(ArrowType type) {
    return type instanceof ArrowType.Utf8 ? TEXT : type instanceof ArrowType.Bool ? BOOL : NUMERIC;
  }

  /** The stored form, naming {@code descriptor}. */
  byte[] encode(String descriptor) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(MAGIC);
      out.writeByte(FORMAT);
      out.writeUTF(descriptor);
      out.writeLong(rows);
      out.writeLong(lines);
      out.writeInt(profiles.length);
      Map<String, Object> sketches = new LinkedHashMap<>();
      for (int c = 0; c < profiles.length; c++) {
        out.writeByte(flags[c]);
        out.writeByte(kinds[c]);
        profiles[c].writeCounts(out);
        int column = c;
        profiles[c].sketch().ifPresent(s -> sketches.put(Integer.toString(column), s));
      }
      byte[] sketchBytes = SketchProfile.of(DriftDetector.DEFAULT_SKETCH_SIZE, sketches).toBytes();
      out.writeInt(sketchBytes.length);
      out.write(sketchBytes);
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // writes to memory
    }
  }

  /**
   * Reads a stored block.
   *
   * @return empty when the object is damaged or does not name {@code descriptor}
   */
  static Optional<CsvBlock> decode(byte[] stored, String descriptor) {
    if (stored.length < 4) {
      return Optional.empty();
    }
    CRC32 crc = new CRC32();
    crc.update(stored, 0, stored.length - 4);
    int expected = ((stored[stored.length - 4] & 0xff) << 24) | ((stored[stored.length - 3] & 0xff) << 16)
        | ((stored[stored.length - 2] & 0xff) << 8) | (stored[stored.length - 1] & 0xff);
    if ((int) crc.getValue() != expected) {
      return Optional.empty();
    }
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored, 0, stored.length - 4));
      if (in.readInt() != MAGIC || in.readByte() != FORMAT || !in.readUTF().equals(descriptor)) {
        return Optional.empty();
      }
      long rows = in.readLong();
      long lines = in.readLong();
      int n = in.readInt();
      byte[] flags = new byte[n];
      byte[] kinds = new byte[n];
      ColumnProfiler[] profiles = new ColumnProfiler[n];
      List<byte[]> columnCounts = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        flags[c] = in.readByte();
        kinds[c] = in.readByte();
        byte[] raw = new byte[COUNTS_BYTES];
        in.readFully(raw);
        columnCounts.add(raw);
      }
      byte[] sketchBytes = new byte[in.readInt()];
      in.readFully(sketchBytes);
      SketchProfile sketches = SketchProfile.read(sketchBytes);
      for (int c = 0; c < n; c++) {
        profiles[c] = ColumnProfiler.read(new DataInputStream(new ByteArrayInputStream(columnCounts.get(c))),
            sketches.sketchOf(Integer.toString(c)).orElse(null));
      }
      return Optional.of(new CsvBlock(rows, lines, flags, kinds, profiles));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a damaged block is derived again
    }
  }

  private static List<String> next(CsvRecords records) throws IOException {
    try {
      return records.next();
    } catch (IllegalArgumentException e) {
      throw new MlOpsException("CSV file " + e.getMessage(), e);
    }
  }

  private static MlOpsException error(String label, int line, String what) {
    return new MlOpsException("CSV file '" + label + "' " + what + " (line " + line + ")");
  }

  /**
   * True and false in any case: pandas writes {@code True}/{@code False}, spreadsheets
   * {@code TRUE}/{@code FALSE}, and the same column must not turn into text because of it.
   */
  static boolean isBoolean(String value) {
    return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
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
      Long.parseLong(t);
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
      Double.parseDouble(t);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
