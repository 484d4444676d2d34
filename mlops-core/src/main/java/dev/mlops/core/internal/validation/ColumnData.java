package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.LabelledData;
import dev.mlops.core.input.Excerpt;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The validation data unpacked once (LabelledData copies on every read): features, labels, and
 * attribute columns by name, so checks can read any column as numbers or as text.
 */
final class ColumnData {
  final LabelledData data;
  final float[][] features;
  final double[] labels;

  ColumnData(LabelledData data) {
    this.data = data;
    this.features = data.features();
    this.labels = data.labels();
  }

  int size() {
    return labels.length;
  }

  /** Returns the feature column's index, or -1 if {@code name} is not a feature. */
  int featureIndex(String name) {
    return data.featureNames().indexOf(name);
  }

  /** Returns an attribute's values, or {@code null} if there is no such attribute. */
  String @Nullable [] attribute(String name) {
    return data.attributeNames().contains(name) ? data.attribute(name) : null;
  }

  /** Returns a column as numbers (NaN where missing or not a number). */
  double[] numeric(String name) {
    int index = featureIndex(name);
    double[] out = new double[size()];
    if (index >= 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] = features[i][index];
      }
      return out;
    }
    String[] text = require(name);
    for (int i = 0; i < out.length; i++) {
      out[i] = parse(text[i]);
    }
    return out;
  }

  /** Returns an attribute's values, failing with the known columns if absent. */
  String[] require(String name) {
    String[] values = attribute(name);
    if (values == null) {
      throw unknownColumn(name);
    }
    return values;
  }

  IllegalArgumentException unknownColumn(String name) {
    return new IllegalArgumentException("unknown column '" + Excerpt.of(name) + "'; features: "
        + data.featureNames() + ", attributes: " + data.attributeNames());
  }

  List<String> featureNames() {
    return data.featureNames();
  }

  private static double parse(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
