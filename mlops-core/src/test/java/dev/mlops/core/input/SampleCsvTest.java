package dev.mlops.core.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV into a drift sample: types inferred or given, missing values, header names with spaces. */
class SampleCsvTest {
  @TempDir Path dir;

  @Test
  void infersTypesAndKeepsHeaderNamesWithSpaces() throws Exception {
    Path file = Files.writeString(dir.resolve("iris.csv"),
        "sepal length,species,seen\n5.1,setosa,TRUE\nNA,\"versi, color\",false\n4.9,,True\n");
    Sample sample = SampleCsv.read(file);
    assertEquals(List.of("sepal length", "species", "seen"), List.copyOf(sample.columns()));
    assertEquals(Optional.of(ColumnType.NUMERIC), sample.type("sepal length"));
    assertArrayEquals(new double[] {5.1, Double.NaN, 4.9}, sample.numeric("sepal length"));
    assertArrayEquals(new String[] {"setosa", "versi, color", null}, sample.categorical("species"));
    assertArrayEquals(new String[] {"true", "false", "true"}, sample.categorical("seen"));
  }

  @Test
  void readsACurrentFileWithTheReferencesTypes() throws Exception {
    Sample reference = SampleCsv.read(Files.writeString(dir.resolve("ref.csv"), "code,x\n1,2\n2,3\n"));
    Path current = Files.writeString(dir.resolve("cur.csv"), "code,x\nA7,2\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleCsv.read(current, SampleCsv.types(reference)));
    assertTrue(e.getMessage().contains("column 'code' is numeric in the reference") && e.getMessage().contains("line 2")
        && e.getMessage().contains("'A7'"), e.getMessage());
    assertEquals(Optional.of(ColumnType.CATEGORICAL), SampleCsv.read(current).type("code"), "alone it is text");
  }

  @Test
  void raggedRowsAndEmptyFilesAreErrors() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> SampleCsv.read(Files.writeString(dir.resolve("e.csv"), "")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleCsv.read(Files.writeString(dir.resolve("r.csv"), "a,b\n1,2\n3\n")));
    assertTrue(e.getMessage().contains("line 3 has 1 fields"), e.getMessage());
  }
}
