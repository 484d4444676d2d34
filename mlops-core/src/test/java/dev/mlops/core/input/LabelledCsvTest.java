package dev.mlops.core.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.validation.LabelledData;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV into labelled data: numeric columns become features, text columns attributes. */
class LabelledCsvTest {
  private static LabelledData read(String csv, String label) throws Exception {
    return LabelledCsv.read(new StringReader(csv), label, "test.csv");
  }

  @Test
  void numericColumnsAreFeaturesAndTextColumnsAttributes() throws Exception {
    LabelledData data = read("age,region,churned,income\n30,north,1,\n41,\"south, east\",0,2.5\n",
        "churned");
    assertEquals(List.of("age", "income"), data.featureNames());
    assertEquals(List.of("region"), data.attributeNames());
    assertArrayEquals(new double[] {1, 0}, data.labels());
    assertTrue(Float.isNaN(data.features()[0][1]));
    assertArrayEquals(new String[] {"north", "south, east"}, data.attribute("region"));
  }

  @Test
  void aMissingLabelColumnNamesTheColumnsThereAre() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read("a,b\n1,2\n", "label"));
    assertTrue(e.getMessage().contains("'label'") && e.getMessage().contains("[a, b]"), e.getMessage());
  }

  @Test
  void raggedRowsTextLabelsAndEmptyFilesAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> read("a,y\n1,0,3\n", "y"));
    assertThrows(IllegalArgumentException.class, () -> read("a,y\n1,yes\n", "y"));
    assertThrows(IllegalArgumentException.class, () -> read("", "y"));
    assertThrows(IllegalArgumentException.class, () -> read("a,y\n", "y"));
    assertThrows(IllegalArgumentException.class, () -> read("a,y\n\"1,0\n", "y"));
  }
}
