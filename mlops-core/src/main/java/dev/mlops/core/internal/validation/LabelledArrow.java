package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.LabelledData;
import dev.mlops.core.input.Excerpt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Reads labelled data from Arrow record batches (a table from a dataset version, or any
 * {@link ArrowReader}): integer and floating-point columns are features (null = NaN, missing), UTF-8
 * columns attributes, the named column the labels. Other column types are an error naming them.
 */
public final class LabelledArrow {
  private LabelledArrow() {}

  /**
   * Reads every batch of a reader; the caller closes the reader.
   *
   * @param reader the batches
   * @param label the label column's name
   * @return the data
   * @throws IOException if reading a batch fails
   * @throws IllegalArgumentException if the label column is missing or holds nulls, a column has
   *     an unsupported type, or there are no rows
   */
  public static LabelledData read(ArrowReader reader, String label) throws IOException {
    VectorSchemaRoot root = reader.getVectorSchemaRoot();
    List<String> names = root.getSchema().getFields().stream().map(f -> f.getName()).toList();
    if (!names.contains(label)) {
      throw new IllegalArgumentException("label column '" + Excerpt.of(label) + "' is not in the table; its"
          + " columns are " + names);
    }
    List<float[]> rows = new ArrayList<>();
    List<Double> labels = new ArrayList<>();
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    List<String> features = new ArrayList<>();
    boolean first = true;
    while (reader.loadNextBatch()) {
      List<FieldVector> numeric = new ArrayList<>();
      List<VarCharVector> text = new ArrayList<>();
      FieldVector labelVector = root.getVector(label);
      for (FieldVector v : root.getFieldVectors()) {
        if (v == labelVector) {
          continue;
        }
        if (v instanceof FloatingPointVector || v instanceof BaseIntVector) {
          numeric.add(v);
        } else if (v instanceof VarCharVector t) {
          text.add(t);
        } else {
          throw new IllegalArgumentException("column '" + Excerpt.of(v.getName()) + "' has type "
              + v.getField().getType() + "; use numbers (features) or UTF-8 text (attributes)");
        }
        if (first) {
          if (v instanceof VarCharVector) {
            attributes.put(v.getName(), new ArrayList<>());
          } else {
            features.add(v.getName());
          }
        }
      }
      first = false;
      for (int r = 0; r < root.getRowCount(); r++) {
        float[] row = new float[numeric.size()];
        for (int f = 0; f < row.length; f++) {
          row[f] = (float) number(numeric.get(f), r);
        }
        rows.add(row);
        double y = number(labelVector, r);
        if (Double.isNaN(y)) {
          throw new IllegalArgumentException("label column '" + Excerpt.of(label) + "' is null or not a number"
              + " in row " + labels.size() + "; drop unlabelled rows first");
        }
        labels.add(y);
        for (VarCharVector t : text) {
          attributes.get(t.getName()).add(t.isNull(r) ? null : new String(t.get(r),
              java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("the table has no rows");
    }
    LabelledData data = LabelledData.of(rows.toArray(float[][]::new),
        labels.stream().mapToDouble(Double::doubleValue).toArray()).withFeatureNames(features);
    for (Map.Entry<String, List<String>> a : attributes.entrySet()) {
      data = data.withAttribute(a.getKey(), a.getValue().toArray(String[]::new));
    }
    return data;
  }

  private static double number(FieldVector v, int row) {
    if (v.isNull(row)) {
      return Double.NaN;
    }
    if (v instanceof FloatingPointVector f) {
      return f.getValueAsDouble(row);
    }
    if (v instanceof BaseIntVector i) {
      return i.getValueAsLong(row);
    }
    return Double.NaN;
  }
}
