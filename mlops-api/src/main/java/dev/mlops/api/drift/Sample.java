package dev.mlops.api.drift;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * A sample of named columns, numeric or categorical, as the drift detector compares them. Arrays
 * are copied in and out. Build with {@link #builder()}.
 */
public final class Sample {
  private final Map<String, double[]> numeric;
  private final Map<String, String[]> categorical;

  private Sample(Map<String, double[]> numeric, Map<String, String[]> categorical) {
    this.numeric = numeric;
    this.categorical = categorical;
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the names of the numeric columns, in insertion order.
   *
   * @return the names
   */
  public Set<String> numericColumns() {
    return numeric.keySet();
  }

  /**
   * Returns the names of the categorical columns, in insertion order.
   *
   * @return the names
   */
  public Set<String> categoricalColumns() {
    return categorical.keySet();
  }

  /**
   * Returns every column's name: numeric ones first, then categorical ones, each in insertion order.
   *
   * @return the names
   */
  public Set<String> columns() {
    Set<String> all = new LinkedHashSet<>(numeric.keySet());
    all.addAll(categorical.keySet());
    return Collections.unmodifiableSet(all);
  }

  /**
   * Returns a column's type.
   *
   * @param name the column's name
   * @return its type, or empty if there is no such column
   */
  public Optional<ColumnType> type(String name) {
    if (numeric.containsKey(name)) {
      return Optional.of(ColumnType.NUMERIC);
    }
    return categorical.containsKey(name) ? Optional.of(ColumnType.CATEGORICAL) : Optional.empty();
  }

  /**
   * Returns a copy of a numeric column.
   *
   * @param name the column's name
   * @return its values
   * @throws dev.mlops.api.NotFoundException if there is no such numeric column
   */
  public double[] numeric(String name) {
    double[] values = numeric.get(name);
    if (values == null) {
      throw new dev.mlops.api.NotFoundException("No numeric column '" + name + "'; numeric columns: "
          + numeric.keySet());
    }
    return values.clone();
  }

  /**
   * Returns a copy of a categorical column.
   *
   * @param name the column's name
   * @return its values
   * @throws dev.mlops.api.NotFoundException if there is no such categorical column
   */
  public String[] categorical(String name) {
    String[] values = categorical.get(name);
    if (values == null) {
      throw new dev.mlops.api.NotFoundException("No categorical column '" + name
          + "'; categorical columns: " + categorical.keySet());
    }
    return values.clone();
  }

  /** Builds a {@link Sample}; a column name may be used once; {@link #build()} keeps it reusable. */
  public static final class Builder {
    private final Map<String, double[]> numeric = new LinkedHashMap<>();
    private final Map<String, String[]> categorical = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a numeric column; NaN values are treated as missing by every method.
     *
     * @param name a name valid under {@link Names}
     * @param values the values, copied
     * @return this builder
     */
    public Builder numeric(String name, double[] values) {
      requireFree(name);
      numeric.put(name, requireNonNull(values, "values").clone());
      return this;
    }

    /**
     * Adds a categorical column; {@code null} values are treated as missing.
     *
     * @param name a name valid under {@link Names}
     * @param values the values, copied
     * @return this builder
     */
    public Builder categorical(String name, String[] values) {
      requireFree(name);
      categorical.put(name, requireNonNull(values, "values").clone());
      return this;
    }

    /**
     * Builds the sample.
     *
     * @return the sample
     */
    public Sample build() {
      // Copies that keep insertion order (Map.copyOf would not), so reports follow the caller's order.
      return new Sample(Collections.unmodifiableMap(new LinkedHashMap<>(numeric)),
          Collections.unmodifiableMap(new LinkedHashMap<>(categorical)));
    }

    private void requireFree(String name) {
      Names.requireValidColumn(name);
      if (numeric.containsKey(name) || categorical.containsKey(name)) {
        throw new IllegalStateException("column '" + name + "' was already added");
      }
    }
  }
}
