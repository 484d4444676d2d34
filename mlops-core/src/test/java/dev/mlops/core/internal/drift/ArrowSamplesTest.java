package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.junit.jupiter.api.Test;

/** Arrow batches become samples; batch profiles merge into the profile of the whole table. */
class ArrowSamplesTest {
  @Test
  void batchesBecomeSamplesAndTheirProfilesMerge() {
    try (BufferAllocator allocator = new RootAllocator();
        MlOps mlops = MlOps.open(URI.create("mem:arrow-" + UUID.randomUUID()))) {
      ReferenceProfile whole = null;
      for (int batch = 0; batch < 3; batch++) {
        try (Float8Vector x = new Float8Vector("x", allocator);
            BigIntVector n = new BigIntVector("n", allocator);
            VarCharVector city = new VarCharVector("city", allocator)) {
          for (int i = 0; i < 4; i++) {
            if (i == 3) {
              x.setNull(i);
              city.setNull(i);
            } else {
              x.setSafe(i, batch + i * 0.5);
              city.setSafe(i, (i % 2 == 0 ? "Köln" : "Oslo").getBytes(StandardCharsets.UTF_8));
            }
            n.setSafe(i, i);
          }
          VectorSchemaRoot root = VectorSchemaRoot.of(x, n, city);
          root.setRowCount(4);
          Sample sample = mlops.drift().sample(root);
          assertArrayEquals(new double[] {batch, batch + 0.5, batch + 1, Double.NaN}, sample.numeric("x"));
          assertArrayEquals(new double[] {0, 1, 2, 3}, sample.numeric("n"));
          assertArrayEquals(new String[] {"Köln", "Oslo", "Köln", null}, sample.categorical("city"));
          ReferenceProfile profile = mlops.drift().profile(sample);
          whole = whole == null ? profile : whole.merge(profile);
        }
      }
      assertEquals(9, whole.count("x"));
      assertEquals(12, whole.count("n"));
      assertEquals(9, whole.count("city"));
      assertEquals(List.of("x", "n", "city"), whole.columns());
    }
  }

  @Test
  void unsupportedVectorTypesNameTheColumn() {
    try (BufferAllocator allocator = new RootAllocator();
        MlOps mlops = MlOps.open(URI.create("mem:arrow-" + UUID.randomUUID()));
        ListVector list = ListVector.empty("tags", allocator)) {
      VectorSchemaRoot root = VectorSchemaRoot.of(list);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mlops.drift().sample(root));
      assertTrue(e.getMessage().contains("column 'tags'"), e.getMessage());
    }
  }
}
