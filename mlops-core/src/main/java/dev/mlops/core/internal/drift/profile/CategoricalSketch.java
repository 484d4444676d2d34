package dev.mlops.core.internal.drift.profile;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * One categorical column's profile: a frequent-items sketch ({@link FrequentItems}, Misra-Gries).
 * Counts are exact while the column has at most {@link #CAPACITY} distinct values; beyond that
 * each count is within {@link #maximumError()} of the truth.
 */
public final class CategoricalSketch {
  /** Distinct values counted exactly: 768 (the limit the docs have always named). */
  public static final int CAPACITY = 768;

  final FrequentItems items;

  CategoricalSketch() {
    this(new FrequentItems(CAPACITY));
  }

  /**
   * Creates an empty sketch, for callers that feed values one by one.
   *
   * @return the sketch
   */
  public static CategoricalSketch create() {
    return new CategoricalSketch();
  }

  /**
   * Creates a sketch that holds exact counts made elsewhere (a Spark or SQL aggregation): its
   * capacity is the number of categories when that exceeds {@link #CAPACITY}, so every count
   * stays exact, and the sketch grows with the categories. A merge takes the smaller capacity, so
   * merging with an ordinary sketch bounds it again.
   *
   * @param counts count per category, each positive; the map is read, not retained
   * @return the sketch
   */
  public static CategoricalSketch ofCounts(Map<String, Long> counts) {
    CategoricalSketch sketch = new CategoricalSketch(new FrequentItems(Math.max(CAPACITY, counts.size())));
    counts.forEach(sketch.items::update);
    return sketch;
  }

  private CategoricalSketch(FrequentItems items) {
    this.items = items;
  }

  /**
   * Adds one value.
   *
   * @param value a category, not null
   */
  public void update(String value) {
    items.update(value);
  }

  /**
   * Adds one value given as UTF-8 bytes (a text column's value as Arrow holds it), as
   * {@code update(new String(utf8, offset, length, UTF_8))} would, without making a String per
   * value when it is ASCII.
   *
   * @param utf8 the array, not kept
   * @param offset where the value starts
   * @param length its length in bytes
   */
  public void update(byte[] utf8, int offset, int length) {
    items.update(utf8, offset, length);
  }

  /**
   * Returns the values seen so far.
   *
   * @return the count
   */
  public long n() {
    return items.n();
  }

  /**
   * Returns the most frequent values, most frequent first (ties in value order), with their
   * estimated counts: exact while {@link #maximumError()} is 0, else at most that much above.
   *
   * @param limit how many at most
   * @return value to estimated count, in order
   */
  public Map<String, Long> mostFrequent(int limit) {
    return items.top(limit);
  }

  /** The largest error of any count; 0 when every count is exact. */
  long maximumError() {
    return items.maximumError();
  }

  /** Estimated count per category tracked by the sketch. */
  Map<String, Long> counts() {
    return items.estimates();
  }

  /**
   * Merges two sketches: the one of the values of both.
   *
   * @param other the other sketch
   * @return a new sketch; neither input changes
   */
  public CategoricalSketch mergedWith(CategoricalSketch other) {
    return new CategoricalSketch(items.mergedWith(other.items));
  }

  void write(DataOutputStream out) throws IOException {
    byte[] bytes = items.toBytes();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static CategoricalSketch read(DataInputStream in) throws IOException {
    byte[] bytes = ProfileFormat.readBlock(in);
    return new CategoricalSketch(ProfileFormat.sketch(() -> FrequentItems.fromBytes(bytes)));
  }
}
