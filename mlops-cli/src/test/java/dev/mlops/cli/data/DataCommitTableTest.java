package dev.mlops.cli.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.cli.CliRun;
import dev.mlops.core.testing.ParquetFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops data commit NAME PATH --table [auto|csv|parquet|none]}. */
class DataCommitTableTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.inStore(dir.resolve("store"), args);
  }

  @Test
  @DisplayName("--table (auto) commits a .csv as a table and leaves other files plain; checkout gives the CSV back byte for byte")
  void autoByExtension() throws Exception {
    byte[] csv = "city,temp\r\nOslo,-3\r\n\"Zürich, CH\",\r\n".getBytes(StandardCharsets.UTF_8);
    Path table = Files.write(dir.resolve("daily.csv"), csv);
    Path notes = Files.writeString(dir.resolve("notes.txt"), "read me");
    CliRun commit = run("--json", "data", "commit", "weather", table.toString(), notes.toString(), "--table");
    assertEquals(0, commit.exitCode(), commit.err());

    JsonNode show = run("--json", "data", "show", "weather").json();
    JsonNode daily = show.get("files").get(0);
    assertEquals("daily.csv", daily.get("path").asText());
    assertEquals(2, daily.get("rows").asLong(), show.toString());
    assertEquals(csv.length, daily.get("size").asLong());
    assertFalse(show.get("files").get(1).has("rows"), "notes.txt stays a plain file: " + show);

    assertEquals(0, run("data", "checkout", "weather", dir.resolve("out").toString()).exitCode());
    assertArrayEquals(csv, Files.readAllBytes(dir.resolve("out/daily.csv")));
  }

  @Test
  @DisplayName("data show prints a table's schema and column profiles (text and --json); a plain file gets none")
  void showPrintsSchemaAndProfiles() throws Exception {
    Path table = Files.writeString(dir.resolve("daily.csv"), "city,temp\nOslo,-3\nBergen,5\nOslo,1\n,7\n");
    Path notes = Files.writeString(dir.resolve("notes.txt"), "read me");
    assertEquals(0, run("data", "commit", "weather", table.toString(), notes.toString(), "--table").exitCode());

    JsonNode daily = run("--json", "data", "show", "weather").json().get("files").get(0);
    assertEquals("city", daily.get("schema").get(0).get("name").asText(), daily.toString());
    assertEquals("temp", daily.get("schema").get(1).get("name").asText(), daily.toString());
    JsonNode temp = daily.get("profiles").get("temp");
    // by hand: -3, 5, 1, 7; mean 2.5; population variance (30.25 + 6.25 + 2.25 + 20.25) / 4 = 14.75
    assertEquals(4, temp.get("count").asLong(), temp.toString());
    assertEquals(-3, temp.get("min").asDouble());
    assertEquals(7, temp.get("max").asDouble());
    assertEquals(2.5, temp.get("mean").asDouble(), 1e-12);
    assertEquals(Math.sqrt(14.75), temp.get("std").asDouble(), 1e-12);
    JsonNode city = daily.get("profiles").get("city");
    assertEquals(1, city.get("nulls").asLong(), city.toString());
    assertEquals("Oslo", city.get("frequentItems").get(0).get("value").asText(), city.toString());
    assertEquals(2, city.get("frequentItems").get(0).get("estimate").asLong(), city.toString());
    JsonNode plain = run("--json", "data", "show", "weather").json().get("files").get(1);
    assertFalse(plain.has("schema") || plain.has("profiles"), plain.toString());

    String text = run("data", "show", "weather").out();
    String tempLine = text.lines().filter(l -> l.startsWith("    temp ")).findFirst().orElseThrow(() -> new AssertionError(text));
    assertTrue(tempLine.matches("    temp +\\S.* +0 +-3 +.* 7 +2\\.5 +3\\.841"), tempLine); // sqrt(14.75) = 3.8406
    String cityLine = text.lines().filter(l -> l.startsWith("    city ")).findFirst().orElseThrow(() -> new AssertionError(text));
    assertTrue(cityLine.endsWith("\"Oslo\" (2), \"Bergen\" (1)"), cityLine);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("    column ") && l.contains("top values")), text);
  }

  @Test
  @DisplayName("--table (auto) commits a .parquet file and a directory of part files as tables; checkout gives the files back")
  void autoParquet() throws Exception {
    String schema = "message m { required int64 id; optional binary city (STRING); }";
    java.util.List<Object[]> rows = java.util.List.of(new Object[] {1L, "Oslo"}, new Object[] {2L, null});
    var options = ParquetFixtures.Options.of(org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY);
    Path file = ParquetFixtures.write(dir.resolve("daily.parquet"), schema, rows, options);
    Path parts = Files.createDirectories(dir.resolve("events"));
    ParquetFixtures.write(parts.resolve("part-0.parquet"), schema, rows, options);
    ParquetFixtures.write(parts.resolve("part-1.parquet"), schema, rows, options);
    CliRun commit = run("data", "commit", "p", file.toString(), parts.toString(), "--table");
    assertEquals(0, commit.exitCode(), commit.err());
    JsonNode files = run("--json", "data", "show", "p").json().get("files");
    assertEquals(2, files.get(0).get("rows").asLong(), files.toString());
    assertEquals("events", files.get(1).get("path").asText(), files.toString());
    assertEquals(4, files.get(1).get("rows").asLong(), files.toString());
    assertEquals(0, run("data", "checkout", "p", dir.resolve("out").toString()).exitCode());
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("out/daily.parquet")));
    assertArrayEquals(Files.readAllBytes(parts.resolve("part-1.parquet")),
        Files.readAllBytes(dir.resolve("out/events/part-1.parquet")));

    Path csv = Files.writeString(dir.resolve("fake.parquet"), "a,b\n1,2\n");
    CliRun bad = run("data", "commit", "p", csv.toString(), "--table");
    assertEquals(1, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("is not a Parquet file"), bad.err());
  }

  @Test
  @DisplayName("without --table a CSV is a plain file; --table csv makes any file name a table")
  void noneAndCsv() throws Exception {
    Path data = Files.writeString(dir.resolve("data.txt"), "a,b\n1,2\n");
    assertEquals(0, run("data", "commit", "plain", data.toString()).exitCode());
    assertFalse(run("--json", "data", "show", "plain").json().get("files").get(0).has("rows"));
    CliRun csv = run("data", "commit", "typed", data.toString(), "--table", "csv");
    assertEquals(0, csv.exitCode(), csv.err());
    assertEquals(1, run("--json", "data", "show", "typed").json().get("files").get(0).get("rows").asLong());
  }

  @Test
  @DisplayName("a bad --table value, the old '--table FILE' spelling and a directory under --table csv each name the flag")
  void errorsNameTheFlag() throws Exception {
    Path csv = Files.writeString(dir.resolve("a.csv"), "x\n1\n");
    CliRun bogus = run("data", "commit", "d", csv.toString(), "--table", "excel");
    assertEquals(2, bogus.exitCode(), bogus.err());
    assertTrue(bogus.err().contains("--table takes auto, csv, parquet or none, got 'excel'"), bogus.err());

    CliRun old = run("data", "commit", "d", "--table", csv.toString());
    assertEquals(2, old.exitCode(), old.err());
    assertTrue(old.err().contains("give it as a PATH: 'mlops data commit NAME " + csv + " --table'"), old.err());

    Path folder = Files.createDirectories(dir.resolve("folder"));
    CliRun directory = run("data", "commit", "d", folder.toString(), "--table", "csv");
    assertEquals(1, directory.exitCode(), directory.err());
    assertTrue(directory.err().contains("--table csv: '" + folder + "' is a directory"), directory.err());
  }
}
