package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feature rows with their true labels, and optional per-row attributes to slice by (for example
 * {@code season}). Arrays are copied in and out.
 */
public final class LabelledData {
  private final float[][] features;
  private final double[] labels;
  private final Map<String, String[]> attributes;

  private LabelledData(float[][] features, double[] labels, Map<String, String[]> attributes) {
    this.features = features;
    this.labels = labels;
    this.attributes = attributes;
  }

  /**
   * Creates labelled data; the arrays are copied.
   *
   * @param features one row per example, all of one width
   * @param labels one label per row (the class index for classifiers)
   * @return the data
   * @throws IllegalArgumentException if the counts or widths disagree, or it is empty
   */
  public static LabelledData of(float[][] features, double[] labels) {
    requireNonNull(features, "features");
    requireNonNull(labels, "labels");
    if (features.length == 0) {
      throw new IllegalArgumentException("labelled data must have at least one row");
    }
    if (features.length != labels.length) {
      throw new IllegalArgumentException("got " + features.length + " feature rows but "
          + labels.length + " labels; give one label per row");
    }
    float[][] copy = new float[features.length][];
    for (int i = 0; i < features.length; i++) {
      if (features[i].length != features[0].length) {
        throw new IllegalArgumentException("row " + i + " has " + features[i].length
            + " features, row 0 has " + features[0].length + "; rows must have one width");
      }
      copy[i] = features[i].clone();
    }
    return new LabelledData(copy, labels.clone(), Map.of());
  }

  /**
   * Returns a copy with a per-row attribute to slice by.
   *
   * @param name the attribute's name, valid under {@link Names}
   * @param values one value per row
   * @return the new data
   */
  public LabelledData withAttribute(String name, String[] values) {
    Names.requireValid("attribute", name);
    requireNonNull(values, "values");
    if (values.length != labels.length) {
      throw new IllegalArgumentException("attribute '" + name + "' has " + values.length
          + " values for " + labels.length + " rows");
    }
    Map<String, String[]> copy = new LinkedHashMap<>(attributes);
    if (copy.putIfAbsent(name, values.clone()) != null) {
      throw new IllegalStateException("attribute '" + name + "' was already set");
    }
    return new LabelledData(features, labels, Map.copyOf(copy));
  }

  /**
   * Returns the number of rows.
   *
   * @return the row count
   */
  public int size() {
    return labels.length;
  }

  /**
   * Returns a copy of the feature rows.
   *
   * @return the features
   */
  public float[][] features() {
    float[][] copy = new float[features.length][];
    for (int i = 0; i < features.length; i++) {
      copy[i] = features[i].clone();
    }
    return copy;
  }

  /**
   * Returns a copy of the labels.
   *
   * @return the labels
   */
  public double[] labels() {
    return labels.clone();
  }

  /**
   * Returns a copy of an attribute's values.
   *
   * @param name the attribute's name
   * @return one value per row
   * @throws dev.mlops.api.NotFoundException if there is no such attribute
   */
  public String[] attribute(String name) {
    String[] values = attributes.get(name);
    if (values == null) {
      throw new dev.mlops.api.NotFoundException("No attribute '" + name + "'; attributes: "
          + attributes.keySet());
    }
    return values.clone();
  }
}
