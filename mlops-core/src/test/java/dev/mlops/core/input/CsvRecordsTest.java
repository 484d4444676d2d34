package dev.mlops.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("CSV records")
class CsvRecordsTest {
  @TempDir Path dir;

  @Test
  @DisplayName("follow RFC 4180: quotes, doubled quotes, line breaks inside quotes, CRLF; a BOM and empty lines are skipped")
  void rfc4180() throws IOException {
    List<List<String>> records = all("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n\"two\nlines\",\n");

    assertEquals(List.of(List.of("a", "b"), List.of("x, y", "say \"hi\""), List.of("two\nlines", "")), records);
  }

  @Test
  @DisplayName("a record over the character bound fails at once, naming the source, the line and the limit")
  void recordTooLong() {
    String csv = "a,b\n1,2\n3," + "x".repeat(CsvRecords.MAX_RECORD_CHARS) + "\n";

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> all(csv));

    assertTrue(e.getMessage().startsWith("test.csv line 3: the record is longer than 8,388,608 characters"),
        e.getMessage());
    assertTrue(e.getMessage().length() < 300, e.getMessage());
  }

  @Test
  @DisplayName("a quote never closed fails with its line; at the end of the input or at the bound")
  void openQuote() {
    IllegalArgumentException atEnd = assertThrows(IllegalArgumentException.class, () -> all("a\n\"open\nmore\n"));
    assertTrue(atEnd.getMessage().contains("line 2: a quoted field is never closed"), atEnd.getMessage());
  }

  @Test
  @DisplayName("a record over the field bound fails")
  void tooManyFields() {
    String csv = ",".repeat(CsvRecords.MAX_FIELDS) + "\n";

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> all(csv));

    assertTrue(e.getMessage().contains("more than 100,000 fields"), e.getMessage());
  }

  @Test
  @DisplayName("a file that is missing, a directory, or not UTF-8 is an IllegalArgumentException saying so")
  void badFiles() throws IOException {
    Path latin1 = Files.write(dir.resolve("latin1.csv"), new byte[] {'a', '\n', 'b', '\n', (byte) 0xE9, '\n'});

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> CsvRecords.open(dir.resolve("nope.csv")));
    IllegalArgumentException directory = assertThrows(IllegalArgumentException.class, () -> CsvRecords.open(dir));
    IllegalArgumentException notUtf8 = assertThrows(IllegalArgumentException.class, () -> {
      try (CsvRecords records = CsvRecords.open(latin1)) {
        while (records.next() != null) {
          // read to the bad byte
        }
      }
    });

    assertTrue(missing.getMessage().startsWith("no such file"), missing.getMessage());
    assertTrue(directory.getMessage().contains("is a directory"), directory.getMessage());
    assertTrue(notUtf8.getMessage().contains("line 3: is not UTF-8 text"), notUtf8.getMessage());
  }

  @Test
  @DisplayName("blank records are recognised for line-oriented readers")
  void blank() throws IOException {
    List<List<String>> records = all("a\n   \nb\n");

    assertTrue(CsvRecords.isBlank(records.get(1)));
    assertEquals(3, records.size());
  }

  private static List<List<String>> all(String csv) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (CsvRecords records = new CsvRecords(new StringReader(csv), "test.csv")) {
      for (List<String> r = records.next(); r != null; r = records.next()) {
        out.add(r);
      }
      assertNull(records.next());
    }
    return out;
  }
}
