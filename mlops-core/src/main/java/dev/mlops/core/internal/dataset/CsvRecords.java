package dev.mlops.core.internal.dataset;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180: comma-separated, fields optionally quoted with {@code "}, a quote
 * inside a quoted field doubled, line breaks inside quoted fields allowed; {@code \n} or
 * {@code \r\n} ends a record). Streams: holds one record at a time. Not thread-safe.
 */
final class CsvRecords {
  private final Reader in;
  private int line = 1;
  private int recordLine;
  private int pushedBack = -2;

  CsvRecords(Reader in) {
    this.in = in;
  }

  /** The 1-based line on which the last record returned by {@link #next()} started. */
  int recordLine() {
    return recordLine;
  }

  /** Returns the next record's fields, or null at the end; an empty line is skipped. */
  List<String> next() throws IOException {
    int c = read();
    while (c == '\n' || c == '\r') {
      c = read();
    }
    if (c < 0) {
      return null;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (c < 0) {
          throw new CsvFormatException("a quoted field opened on line " + recordLine + " is never closed");
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
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\n' || c == '\r' || c < 0) {
        if (c == '\r') {
          int next = read();
          if (next != '\n') {
            pushedBack = next;
          }
        }
        fields.add(field.toString());
        return fields;
      } else {
        field.append((char) c);
      }
      c = read();
    }
  }

  private int read() throws IOException {
    int c;
    if (pushedBack != -2) {
      c = pushedBack;
      pushedBack = -2;
    } else {
      c = in.read();
    }
    if (c == '\n') {
      line++;
    }
    return c;
  }

  /** A CSV file that cannot be parsed; the message names the line. */
  static final class CsvFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CsvFormatException(String message) {
      super(message);
    }
  }
}
