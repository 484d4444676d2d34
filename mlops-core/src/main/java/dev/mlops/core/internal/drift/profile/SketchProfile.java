package dev.mlops.core.internal.drift.profile;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.drift.BatchComparison;
import dev.mlops.core.internal.drift.CategoricalReference;
import dev.mlops.core.internal.drift.NumericCurrent;
import dev.mlops.core.internal.drift.NumericReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link ReferenceProfile} of our KLL and frequent-items sketches. Immutable once built. */
public final class SketchProfile implements ReferenceProfile, BatchComparison.Reference {
  private final int k;
  private final Map<String, Object> columns;

  SketchProfile(int k, Map<String, Object> columns) {
    this.k = k;
    this.columns = columns;
  }

  /**
   * Profiles a sample.
   *
   * @param sample the data
   * @param k the KLL parameter
   * @return the profile
   */
  public static SketchProfile of(Sample sample, int k) {
    if (k < 8 || k > 65_535) {
      throw new IllegalArgumentException("sketchSize must be in [8, 65535], got " + k);
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    for (String name : sample.columns()) {
      if (sample.type(name).orElseThrow() == ColumnType.NUMERIC) {
        NumericSketch sketch = new NumericSketch(k);
        for (double v : sample.numeric(name)) {
          if (Double.isInfinite(v)) {
            throw new IllegalArgumentException("column '" + Excerpt.of(name) + "' has an infinite value (" + v
                + ") in the reference sample; replace it with NaN (missing) or a finite number");
          }
          if (!Double.isNaN(v)) {
            sketch.update(v);
          }
        }
        requireValues(name, sketch.n);
        columns.put(name, sketch);
      } else {
        CategoricalSketch sketch = new CategoricalSketch();
        for (String v : sample.categorical(name)) {
          if (v != null) {
            sketch.update(v);
          }
        }
        requireValues(name, sketch.n());
        columns.put(name, sketch);
      }
    }
    return new SketchProfile(k, columns);
  }

  /**
   * Assembles a profile from sketches built one value at a time.
   *
   * @param k the KLL parameter the numeric sketches were created with
   * @param sketches per column, in column order: a {@link NumericSketch} or a
   *     {@link CategoricalSketch}, each with at least one value
   * @return the profile
   * @throws IllegalArgumentException if a sketch is empty or of another type
   */
  public static SketchProfile of(int k, Map<String, Object> sketches) {
    Map<String, Object> columns = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : sketches.entrySet()) {
      Object sketch = e.getValue();
      if (sketch instanceof NumericSketch numeric) {
        requireValues(e.getKey(), numeric.n);
      } else if (sketch instanceof CategoricalSketch categorical) {
        requireValues(e.getKey(), categorical.n());
      } else {
        throw new IllegalArgumentException("column '" + Excerpt.of(e.getKey())
            + "' has no sketch of a known type: " + sketch);
      }
      columns.put(e.getKey(), sketch);
    }
    return new SketchProfile(k, columns);
  }

  /**
   * A one-column categorical profile from exact counts ({@link CategoricalSketch#ofCounts}). It
   * has no quantile sketch, so its k is the largest, and a {@link #join} keeps the other
   * profile's.
   *
   * @param column the column
   * @param counts count per category
   * @return the profile
   * @throws IllegalArgumentException if there is no count, a category is null or a count not positive
   */
  public static SketchProfile ofCounts(String column, Map<String, Long> counts) {
    if (counts.isEmpty()) {
      throw new IllegalArgumentException("column '" + Excerpt.of(column) + "' has no counts; give at least one"
          + " category with a positive count");
    }
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getKey() == null || e.getValue() == null || e.getValue() <= 0) {
        throw new IllegalArgumentException("column '" + Excerpt.of(column) + "': every category needs a name and"
            + " a positive count, got " + e.getKey() + " = " + e.getValue());
      }
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put(column, CategoricalSketch.ofCounts(counts));
    return new SketchProfile(65_535, columns);
  }

  private static void requireValues(String name, long n) {
    if (n == 0) {
      throw new IllegalArgumentException("column '" + Excerpt.of(name) + "' has no values in the reference sample (all"
          + " missing); drop the column or supply data");
    }
  }

  /**
   * Reads a serialized profile.
   *
   * @param bytes the bytes
   * @return the profile
   */
  public static SketchProfile read(byte[] bytes) {
    return ProfileFormat.read(bytes);
  }

  @Override
  public List<String> columns() {
    return List.copyOf(columns.keySet());
  }

  @Override
  public Optional<ColumnType> type(String column) {
    Object sketch = columns.get(column);
    return sketch == null ? Optional.empty()
        : Optional.of(sketch instanceof NumericSketch ? ColumnType.NUMERIC : ColumnType.CATEGORICAL);
  }

  @Override
  public ColumnType typeOf(String column) {
    return type(column).orElse(null);
  }

  @Override
  public long count(String column) {
    Object sketch = sketch(column);
    return sketch instanceof NumericSketch numeric ? numeric.n : ((CategoricalSketch) sketch).n();
  }

  @Override
  public int sketchSize() {
    return k;
  }

  @Override
  public double rankError() {
    return QuantileSketch.rankError(k);
  }

  @Override
  public ReferenceProfile merge(ReferenceProfile other) {
    if (!(other instanceof SketchProfile that)) {
      throw new IllegalArgumentException("can only merge profiles made by this SDK");
    }
    if (!columns().equals(that.columns())) {
      throw new IllegalArgumentException("profiles to merge need the same columns: " + columns() + " vs "
          + that.columns());
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : columns.entrySet()) {
      Object theirs = that.columns.get(e.getKey());
      if (e.getValue() instanceof NumericSketch mine && theirs instanceof NumericSketch numeric) {
        merged.put(e.getKey(), mine.mergedWith(numeric));
      } else if (e.getValue() instanceof CategoricalSketch mine && theirs instanceof CategoricalSketch categorical) {
        merged.put(e.getKey(), mine.mergedWith(categorical));
      } else {
        throw new IllegalArgumentException("column '" + Excerpt.of(e.getKey())
            + "' has different types in the two profiles");
      }
    }
    return new SketchProfile(Math.min(k, that.k), merged);
  }

  @Override
  public ReferenceProfile join(ReferenceProfile other) {
    if (!(other instanceof SketchProfile that)) {
      throw new IllegalArgumentException("can only join profiles made by this SDK");
    }
    Map<String, Object> joined = new LinkedHashMap<>(columns);
    for (Map.Entry<String, Object> e : that.columns.entrySet()) {
      if (joined.putIfAbsent(e.getKey(), e.getValue()) != null) {
        throw new IllegalArgumentException("column '" + Excerpt.of(e.getKey()) + "' is in both profiles;"
            + " to combine profiles of the same columns use merge");
      }
    }
    return new SketchProfile(Math.min(k, that.k), joined);
  }

  @Override
  public byte[] toBytes() {
    return ProfileFormat.write(k, columns);
  }

  @Override
  public NumericReference numeric(String column) {
    return new SketchNumeric((NumericSketch) sketch(column));
  }

  @Override
  public NumericCurrent numericCurrent(String column) {
    return new SketchNumeric((NumericSketch) sketch(column));
  }

  @Override
  public CategoricalReference categorical(String column) {
    CategoricalSketch sketch = (CategoricalSketch) sketch(column);
    return new CategoricalReference(sketch.counts(), sketch.maximumError() == 0);
  }

  /**
   * A column's sketch itself, for code that merges sketches of parts of a table.
   *
   * @param column the column
   * @return a {@link NumericSketch} or a {@link CategoricalSketch}; empty for a column not in the profile
   */
  public Optional<Object> sketchOf(String column) {
    return Optional.ofNullable(columns.get(column));
  }

  private Object sketch(String column) {
    Object sketch = columns.get(column);
    if (sketch == null) {
      throw new NotFoundException("No column '" + Excerpt.of(column) + "' in the profile; its columns: "
          + columns.keySet());
    }
    return sketch;
  }
}
