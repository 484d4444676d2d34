package dev.mlops.api.validation;

import dev.mlops.api.Names;
import java.util.List;

/**
 * The data's feature columns must be exactly these, in this order (see
 * {@link LabelledData#withFeatureNames}). The observed value is the number of positions that differ.
 *
 * @param features the expected feature names
 */
public record SchemaCheck(List<String> features) implements Check {
  /**
   * Creates the check; the list is copied.
   *
   * @param features the expected names, at least one, each valid under {@link Names}
   */
  public SchemaCheck {
    features = List.copyOf(features);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("a schema check needs at least one expected feature");
    }
    features.forEach(f -> Names.requireValidColumn(f));
  }

  @Override
  public String metric() {
    return "data.schema_mismatches";
  }

  @Override
  public String describe() {
    return "feature columns are " + features;
  }
}
