package dev.mlops.core.internal.drift.profile;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * One categorical column's profile: a frequent-items sketch (Misra-Gries, as in DataSketches).
 * Counts are exact while the column has fewer distinct values than about 3/4 of the map size
 * ({@link #MAP_SIZE}); beyond that each count is within {@link #maximumError()} of the truth.
 */
public final class CategoricalSketch {
  /** The frequent-items map size: exact up to about 768 categories. */
  public static final int MAP_SIZE = 1024;

  private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();

  final ItemsSketch<String> items;

  CategoricalSketch() {
    this.items = new ItemsSketch<>(MAP_SIZE);
  }

  /**
   * Creates an empty sketch, for callers that feed values one by one.
   *
   * @return the sketch
   */
  public static CategoricalSketch create() {
    return new CategoricalSketch();
  }

  private CategoricalSketch(ItemsSketch<String> items) {
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
   * Returns the values seen so far.
   *
   * @return the count
   */
  public long n() {
    return items.getStreamLength();
  }

  /** The largest error of any count; 0 when every count is exact. */
  long maximumError() {
    return items.getMaximumError();
  }

  /** Estimated count per category tracked by the sketch. */
  Map<String, Long> counts() {
    Map<String, Long> counts = new HashMap<>();
    for (ItemsSketch.Row<String> row : items.getFrequentItems(0, ErrorType.NO_FALSE_NEGATIVES)) {
      counts.put(row.getItem(), row.getEstimate());
    }
    return counts;
  }

  CategoricalSketch mergedWith(CategoricalSketch other) {
    CategoricalSketch out = new CategoricalSketch(ItemsSketch.getInstance(Memory.wrap(items.toByteArray(SERDE)), SERDE));
    out.items.merge(other.items);
    return out;
  }

  void write(DataOutputStream out) throws IOException {
    byte[] bytes = items.toByteArray(SERDE);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static CategoricalSketch read(DataInputStream in) throws IOException {
    return new CategoricalSketch(ItemsSketch.getInstance(Memory.wrap(ProfileFormat.readBlock(in)), SERDE));
  }
}
