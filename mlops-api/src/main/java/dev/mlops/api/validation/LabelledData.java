package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feature rows with their true labels, the features' names (default {@code f0, f1, ...}), and
 * optional per-row attributes to slice and check by (for example {@code season}). A missing
 * feature value is NaN; a missing attribute value is {@code null} or empty. Classifiers' data may
 * name its classes ({@link #withClassNames}), which reports then show instead of class indices.
 * Arrays are copied in and out.
 */
public final class LabelledData {
  private final float[][] features;
  private final double[] labels;
  private final Map<String, String[]> attributes;
  private final List<String> featureNames;
  private final boolean named;
  private final List<String> classNames;

  private LabelledData(float[][] features, double[] labels, Map<String, String[]> attributes,
      List<String> featureNames, boolean named, List<String> classNames) {
    this.features = features;
    this.labels = labels;
    this.attributes = attributes;
    this.featureNames = featureNames;
    this.named = named;
    this.classNames = classNames;
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
    List<String> names = new ArrayList<>();
    for (int i = 0; i < copy[0].length; i++) {
      names.add("f" + i);
    }
    return new LabelledData(copy, labels.clone(), Map.of(), List.copyOf(names), false, List.of());
  }

  /**
   * Returns a copy with the features' names.
   *
   * @param names one distinct name per feature column, each valid under {@link Names}
   * @return the new data
   * @throws IllegalStateException if names were already set
   */
  public LabelledData withFeatureNames(List<String> names) {
    List<String> copy = List.copyOf(names);
    if (named) {
      throw new IllegalStateException("feature names were already set to " + featureNames);
    }
    if (copy.size() != features[0].length) {
      throw new IllegalArgumentException("got " + copy.size() + " feature names for "
          + features[0].length + " feature columns");
    }
    copy.forEach(Names::requireValidColumn);
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new IllegalArgumentException("feature names must be distinct, got " + copy);
    }
    return new LabelledData(features, labels, attributes, copy, true, classNames);
  }

  /**
   * Returns the features' names, in column order.
   *
   * @return the names
   */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * Returns the attributes' names.
   *
   * @return the names, in the order they were added
   */
  public List<String> attributeNames() {
    return List.copyOf(attributes.keySet());
  }

  /**
   * Returns a copy with a per-row attribute to slice by.
   *
   * @param name the attribute's name, valid under {@link Names}
   * @param values one value per row
   * @return the new data
   */
  public LabelledData withAttribute(String name, String[] values) {
    Names.requireValidColumn(name);
    requireNonNull(values, "values");
    if (values.length != labels.length) {
      throw new IllegalArgumentException("attribute '" + name + "' has " + values.length
          + " values for " + labels.length + " rows");
    }
    Map<String, String[]> copy = new LinkedHashMap<>(attributes);
    if (copy.putIfAbsent(name, values.clone()) != null) {
      throw new IllegalStateException("attribute '" + name + "' was already set");
    }
    return new LabelledData(features, labels, java.util.Collections.unmodifiableMap(copy),
        featureNames, named, classNames);
  }

  /**
   * Returns a copy whose classes have names: label {@code i} is class {@code names.get(i)}. Reports
   * show the names (in the confusion matrix) instead of the indices {@code 0, 1, ...}.
   *
   * @param names one distinct, non-blank name per class, in class index order
   * @return the new data
   * @throws IllegalArgumentException if a name is blank or repeated
   * @throws IllegalStateException if class names were already set
   */
  public LabelledData withClassNames(List<String> names) {
    List<String> copy = List.copyOf(names);
    if (!classNames.isEmpty()) {
      throw new IllegalStateException("class names were already set to " + classNames);
    }
    if (copy.isEmpty() || copy.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("class names must be non-blank, one per class, got " + copy);
    }
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new IllegalArgumentException("class names must be distinct, got " + copy);
    }
    return new LabelledData(features, labels, attributes, featureNames, named, copy);
  }

  /**
   * Returns the classes' names, in class index order.
   *
   * @return the names; empty if none were given
   */
  public List<String> classNames() {
    return classNames;
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
