package dev.mlops.core.input;

import dev.mlops.core.input.IoFailures;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads CSV records, the one CSV reader of the SDK and its command line (RFC 4180: comma-separated,
 * fields optionally quoted with {@code "}, a quote inside a quoted field doubled, line breaks
 * inside quoted fields allowed; {@code \n} or {@code \r\n} ends a record; a byte-order mark at the
 * start is skipped; empty lines are skipped).
 *
 * <p>Streams, holding one record at a time, and bounds that record: at most
 * {@value #MAX_RECORD_CHARS} characters and {@value #MAX_FIELDS} fields, so memory stays flat
 * whatever the file holds (one 1 GiB line included). Bad input is an
 * {@link IllegalArgumentException} naming the source, the line and what to do: a record over a
 * bound, a quote never closed, bytes that are not UTF-8. Not thread-safe.
 */
public final class CsvRecords implements Closeable {
  /** The longest record, in characters: 8 MiB. A longer value belongs in a file, not a CSV cell. */
  public static final int MAX_RECORD_CHARS = 8 * 1024 * 1024;

  /** The most fields one record may have. */
  public static final int MAX_FIELDS = 100_000;

  private final Reader in;
  private final String source;
  private final @Nullable Path file;
  private int line = 1;
  private int recordLine;
  private int recordChars;
  private int pushedBack = -2;
  private boolean started;

  /**
   * Reads records from text.
   *
   * @param in the text; closed by {@link #close()}
   * @param source names the input in messages (a file name)
   */
  public CsvRecords(Reader in, String source) {
    this(in, source, null);
  }

  /**
   * Reads records from a part of a text that starts at a record's beginning on line
   * {@code firstLine}, so messages name the lines of the whole text.
   *
   * @param in the text; closed by {@link #close()}
   * @param source names the input in messages (a file name)
   * @param firstLine the line the part starts on, counted from 1
   */
  public CsvRecords(Reader in, String source, int firstLine) {
    this(in, source, null);
    this.line = firstLine;
    this.started = firstLine > 1; // a byte-order mark only counts at the start of the text
  }

  private CsvRecords(Reader in, String source, @Nullable Path file) {
    this.in = in;
    this.source = source;
    this.file = file;
  }

  /**
   * Opens a UTF-8 file, refusing what is not one: a missing file, a directory, bytes that are not
   * UTF-8 (reported with their line when reading reaches them).
   *
   * @param file the CSV file
   * @return the records, to be closed
   * @throws IllegalArgumentException if the file is missing, a directory or unreadable
   */
  public static CsvRecords open(Path file) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("'" + file + "' is a directory, not a CSV file; give the"
          + " path of a file");
    }
    try {
      return new CsvRecords(utf8(Files.newInputStream(file)), file.toString(), file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file: '" + file + "'; check the path");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("'" + file + "' is not readable by this process;"
          + " grant read permission or copy it somewhere readable");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read '" + file + "': " + IoFailures.describe(e), e);
    }
  }

  /**
   * Decodes bytes as UTF-8, reporting malformed bytes instead of replacing them silently.
   *
   * @param bytes the bytes
   * @return a buffered reader
   */
  public static Reader utf8(InputStream bytes) {
    return new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
  }

  /**
   * Tells whether a record is a line of nothing but spaces, which line-oriented readers skip.
   *
   * @param record a record
   * @return true if it has one blank field
   */
  public static boolean isBlank(List<String> record) {
    return record.size() == 1 && record.get(0).isBlank();
  }

  /**
   * Returns the 1-based line on which the last record returned by {@link #next()} started.
   *
   * @return the line
   */
  public int recordLine() {
    return recordLine;
  }

  /**
   * Returns the name of the input, as given.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * Returns the next record's fields, or null at the end; an empty line is skipped.
   *
   * @return the fields, or null
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if the input is not UTF-8, a quote is never closed, or a
   *     record exceeds {@link #MAX_RECORD_CHARS} or {@link #MAX_FIELDS}
   */
  public List<String> next() throws IOException {
    int c = read();
    if (!started) {
      started = true;
      if (c == '\uFEFF') {
        c = read();
      }
    }
    while (c == '\n' || c == '\r') {
      c = read();
    }
    if (c < 0) {
      return null;
    }
    recordLine = line;
    recordChars = 0;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (++recordChars > MAX_RECORD_CHARS) {
        throw bad("the record is longer than " + thousands(MAX_RECORD_CHARS) + " characters"
            + " (the limit of a CSV record" + (quoted ? "; or a quote is never closed" : "") + "); split"
            + " the value, or keep such values as files of a dataset rather than in a table");
      }
      if (quoted) {
        if (c < 0) {
          throw bad("a quoted field is never closed; close it with \" (a quote inside a quoted field"
              + " is written twice: \"\")");
        }
        if (c == '"') {
          int next = read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = next;
            continue;
          }
        } else {
          field.append((char) c);
        }
      } else if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        add(fields, field);
        wasQuoted = false;
      } else if (c == '\n' || c == '\r' || c < 0) {
        if (c == '\r') {
          int next = read();
          if (next != '\n') {
            pushedBack = next;
          }
        }
        add(fields, field);
        return fields;
      } else {
        field.append((char) c);
      }
      c = read();
    }
  }

  private void add(List<String> fields, StringBuilder field) {
    if (fields.size() == MAX_FIELDS) {
      throw bad("the record has more than " + thousands(MAX_FIELDS) + " fields (the limit"
          + " of a CSV record); split the table into several files");
    }
    fields.add(field.length() == 0 ? "" : field.toString());
    field.setLength(0);
  }

  private int read() throws IOException {
    int c;
    if (pushedBack != -2) {
      c = pushedBack;
      pushedBack = -2;
    } else {
      try {
        c = in.read();
      } catch (CharacterCodingException e) {
        throw notUtf8(e);
      }
    }
    if (c == '\n') {
      line++;
    }
    return c;
  }

  /**
   * The decoder reads ahead, so the line being parsed is not where the bad bytes are: for a file,
   * find that line by decoding it again up to them; for other input, say "at or after".
   */
  private IllegalArgumentException notUtf8(CharacterCodingException e) {
    long badLine = -1;
    if (file != null) {
      try {
        badLine = Utf8Lines.lineOfFirstMalformed(file);
      } catch (IOException ignored) {
        // fall back to the approximate line
      }
    }
    String where = badLine > 0 ? " line " + badLine + ":" : " (at or after line " + line + "):";
    return new IllegalArgumentException(source + where + " is not UTF-8 text (a byte sequence that is"
        + " not UTF-8); save the file as UTF-8", e);
  }

  private static String thousands(int n) {
    return String.format(java.util.Locale.ROOT, "%,d", n);
  }

  private IllegalArgumentException bad(String what) {
    return new IllegalArgumentException(source + " line " + recordLine + ": " + what);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
