package dev.mlops.core.internal.drift;

import dev.mlops.api.drift.Sample;
import dev.mlops.core.input.Excerpt;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Converts an Arrow record batch into a {@link Sample}, column by column. */
public final class ArrowSamples {
  private ArrowSamples() {}

  /**
   * Converts a batch.
   *
   * @param batch the batch
   * @return the sample
   */
  public static Sample of(VectorSchemaRoot batch) {
    Sample.Builder sample = Sample.builder();
    int rows = batch.getRowCount();
    for (FieldVector vector : batch.getFieldVectors()) {
      String name = vector.getName();
      if (vector instanceof FloatingPointVector floating) {
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
          values[i] = vector.isNull(i) ? Double.NaN : floating.getValueAsDouble(i);
        }
        sample.numeric(name, values);
      } else if (vector instanceof BaseIntVector integer) {
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
          values[i] = vector.isNull(i) ? Double.NaN : integer.getValueAsLong(i);
        }
        sample.numeric(name, values);
      } else if (vector instanceof BitVector bits) {
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
          values[i] = bits.isNull(i) ? Double.NaN : bits.get(i);
        }
        sample.numeric(name, values);
      } else if (vector instanceof VarCharVector || vector instanceof LargeVarCharVector) {
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) {
          values[i] = vector.isNull(i) ? null : text(vector, i);
        }
        sample.categorical(name, values);
      } else {
        throw new IllegalArgumentException("column '" + Excerpt.of(name) + "' has Arrow type "
            + vector.getField().getType()
            + "; drift takes floating-point, integer, boolean and UTF-8 string columns: cast or drop it");
      }
    }
    return sample.build();
  }

  private static String text(FieldVector vector, int i) {
    byte[] bytes = vector instanceof VarCharVector v ? v.get(i) : ((LargeVarCharVector) vector).get(i);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
