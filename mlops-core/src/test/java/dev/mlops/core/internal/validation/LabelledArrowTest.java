package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.validation.LabelledData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Arrow batches into labelled data; the allocator is closed after each test so leaks fail it. */
class LabelledArrowTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void close() {
    allocator.close();
  }

  /** Two batches of two rows: age (float, one null), visits (int), region (text), churned (int). */
  private byte[] stream() throws Exception {
    try (Float4Vector age = new Float4Vector("age", allocator);
        IntVector visits = new IntVector("visits", allocator);
        VarCharVector region = new VarCharVector("region", allocator);
        IntVector churned = new IntVector("churned", allocator);
        VectorSchemaRoot root = VectorSchemaRoot.of(age, visits, region, churned);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
      writer.start();
      for (int batch = 0; batch < 2; batch++) {
        root.allocateNew();
        for (int r = 0; r < 2; r++) {
          int i = batch * 2 + r;
          if (i == 1) {
            age.setNull(r);
          } else {
            age.set(r, 20 + i);
          }
          visits.set(r, i);
          region.setSafe(r, (i % 2 == 0 ? "north" : "south").getBytes(StandardCharsets.UTF_8));
          churned.set(r, i % 2);
        }
        root.setRowCount(2);
        writer.writeBatch();
      }
      writer.end();
      return out.toByteArray();
    }
  }

  @Test
  void numbersBecomeFeaturesTextAttributesAndNullsNan() throws Exception {
    try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream()), allocator)) {
      LabelledData data = LabelledArrow.read(reader, "churned");
      assertEquals(List.of("age", "visits"), data.featureNames());
      assertArrayEquals(new double[] {0, 1, 0, 1}, data.labels());
      assertTrue(Float.isNaN(data.features()[1][0]));
      assertEquals(3f, data.features()[3][1]);
      assertArrayEquals(new String[] {"north", "south", "north", "south"}, data.attribute("region"));
    }
  }

  @Test
  void aMissingLabelColumnNamesTheColumns() throws Exception {
    try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream()), allocator)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> LabelledArrow.read(reader, "label"));
      assertTrue(e.getMessage().contains("[age, visits, region, churned]"), e.getMessage());
    }
  }
}
