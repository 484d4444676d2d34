package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.core.internal.drift.profile.CategoricalSketch;
import dev.mlops.core.internal.drift.profile.NumericSketch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Builds one column's profile batch by batch in constant memory: exact count, nulls, min, max,
 * mean and standard deviation (Welford's update, numerically stable), quantiles from a KLL
 * sketch and the ten most frequent values from a frequent-items sketch (our own, in
 * {@code drift.profile}).
 *
 * <p>The sketches themselves are kept too ({@link #sketch()}): the KLL sketch of a numeric column
 * (k = {@link DriftDetector#DEFAULT_SKETCH_SIZE}, the one the quantiles are read from) and a
 * frequent-items sketch exact up to 768 distinct values for a text or boolean column (the one the
 * frequent values are read from), the same sketches a drift profile holds, so drift against a
 * stored version needs no raw data.
 */
final class ColumnProfiler {
  static final double[] RANKS = {0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1};
  private static final int MAX_FREQUENT = 10;
  /** Bytes of a text column's data copied at a time (more for a longer value). */
  private static final int TEXT_WINDOW = 1 << 16;

  private final String type;
  private long count;
  private long nulls;
  private long nans;
  private long numbers;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double mean;
  private double m2;
  private boolean infinite;
  private NumericSketch quantiles;
  private CategoricalSketch categories;
  /** The non-null, non-NaN values of a batch of a 64-bit column, reused from batch to batch. */
  private double[] batch = new double[0];
  /** Reused by {@link #updateText}; null until a text batch comes. */
  private byte[] textWindow;

  ColumnProfiler(Field field) {
    this.type = field.getType().toString();
  }

  /** A profiler for a part of a column whose type is decided later, when the parts are merged. */
  ColumnProfiler() {
    this.type = "";
  }

  private ColumnProfiler(String type) {
    this.type = type;
  }

  /**
   * The profile so far, apart from this one: later merges into either leave the other as it was
   * (the sketches are shared, but merging makes new ones and never changes its inputs). Only for
   * profilers that are merged into, never updated.
   */
  ColumnProfiler copy() {
    ColumnProfiler c = new ColumnProfiler(type);
    c.count = count;
    c.nulls = nulls;
    c.nans = nans;
    c.numbers = numbers;
    c.min = min;
    c.max = max;
    c.mean = mean;
    c.m2 = m2;
    c.infinite = infinite;
    c.quantiles = quantiles;
    c.categories = categories;
    return c;
  }

  void update(FieldVector vector, int rows) {
    if (vector instanceof BigIntVector || vector instanceof Float8Vector) {
      updateWide((org.apache.arrow.vector.BaseFixedWidthVector) vector, rows);
      return;
    }
    if (vector instanceof VarCharVector text) {
      updateText(text, rows);
      return;
    }
    int missing = 0;
    for (int i = 0; i < rows; i++) {
      if (vector.isNull(i)) {
        missing++;
      }
    }
    nulls += missing;
    count += rows - missing;
    // One loop per vector type, so the type is tested once per batch rather than once per value.
    if (vector instanceof BaseIntVector ints) {
      for (int i = 0; i < rows; i++) {
        if (!vector.isNull(i)) {
          number(ints.getValueAsLong(i));
        }
      }
    } else if (vector instanceof FloatingPointVector floats) {
      for (int i = 0; i < rows; i++) {
        if (!vector.isNull(i)) {
          number(floats.getValueAsDouble(i));
        }
      }
    } else if (vector instanceof DecimalVector decimals) {
      for (int i = 0; i < rows; i++) {
        if (!vector.isNull(i)) {
          number(decimals.getObject(i).doubleValue());
        }
      }
    } else if (vector instanceof BitVector bits) {
      for (int i = 0; i < rows; i++) {
        if (!vector.isNull(i)) {
          item(bits.get(i) != 0 ? "true" : "false");
        }
      }
    }
  }

  /**
   * A column of 64-bit longs or doubles (most numeric columns of a table): its validity bits and
   * values read through one NIO view of each buffer per batch, rather than a bounds and
   * reference-count check of the Arrow buffer per value; the same values in the same order as the
   * loops of {@link #update} read.
   */
  private void updateWide(org.apache.arrow.vector.BaseFixedWidthVector vector, int rows) {
    java.nio.ByteBuffer valid = vector.getValidityBuffer().nioBuffer(0, (rows + 7) / 8);
    java.nio.ByteBuffer data = vector.getDataBuffer().nioBuffer(0, rows * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    counted(valid, rows);
    boolean longs = vector instanceof BigIntVector;
    if (batch.length < rows) {
      batch = new double[rows];
    }
    double[] values = batch;
    int size = 0;
    for (int i = 0; i < rows; i++) {
      if (((valid.get(i >>> 3) >>> (i & 7)) & 1) != 0) {
        double value = longs ? (double) data.getLong(i << 3) : data.getDouble(i << 3);
        if (Double.isNaN(value)) {
          nans++;
        } else {
          values[size++] = value;
        }
      }
    }
    numbers(values, size);
  }

  /**
   * What {@link #number} does for each of {@code values[0..size)} (none NaN), a loop at a time:
   * the sketch in bulk, then the extremes and moments in the same order, so the same doubles.
   */
  private void numbers(double[] values, int size) {
    if (size == 0) {
      return;
    }
    if (quantiles == null) {
      quantiles = NumericSketch.create(DriftDetector.DEFAULT_SKETCH_SIZE);
    }
    NumericSketch.Moments moments = new NumericSketch.Moments();
    moments.n = numbers;
    moments.mean = mean;
    moments.m2 = m2;
    quantiles.update(values, 0, size, moments);
    numbers = moments.n;
    mean = moments.mean;
    m2 = moments.m2;
    double lo = min;
    double hi = max;
    boolean inf = infinite;
    for (int i = 0; i < size; i++) {
      double value = values[i];
      inf |= Double.isInfinite(value);
      lo = Math.min(lo, value);
      hi = Math.max(hi, value);
    }
    min = lo;
    max = hi;
    infinite = inf;
  }

  /**
   * A text column, read as {@link #updateWide} reads numbers: the values' UTF-8 bytes copied from
   * the data buffer into one reused array a window at a time (one bulk copy per window rather than
   * one per value, and text.get(i) would allocate an array per value) and counted from there, as
   * the Strings they decode to would be, without making them. Each offset is read once (a value
   * starts where the one before ends) and the validity bits are counted in the same loop.
   */
  private void updateText(VarCharVector text, int rows) {
    if (rows == 0) {
      return;
    }
    java.nio.ByteBuffer valid = text.getValidityBuffer().nioBuffer(0, (rows + 7) / 8);
    java.nio.ByteBuffer offsets = text.getOffsetBuffer().nioBuffer(0, (rows + 1) * 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int dataEnd = offsets.getInt(rows * 4);
    java.nio.ByteBuffer data = text.getDataBuffer().nioBuffer(0, dataEnd);
    CategoricalSketch sketch = categories;
    byte[] window = textWindow;
    if (window == null || window.length < Math.min(TEXT_WINDOW, dataEnd)) {
      window = new byte[Math.min(TEXT_WINDOW, dataEnd)];
    }
    int windowStart = 0; // the window holds data[windowStart, windowEnd)
    int windowEnd = 0;
    int present = 0;
    int start = offsets.getInt(0);
    for (int i = 0; i < rows; i++) {
      int end = offsets.getInt((i + 1) << 2);
      if (((valid.get(i >>> 3) >>> (i & 7)) & 1) != 0) {
        present++;
        if (end > windowEnd || start < windowStart) {
          if (window.length < end - start) {
            window = new byte[end - start];
          }
          windowStart = start;
          windowEnd = Math.min(dataEnd, start + window.length);
          data.get(start, window, 0, windowEnd - windowStart);
        }
        if (sketch == null) {
          sketch = CategoricalSketch.create();
        }
        sketch.update(window, start - windowStart, end - start);
      }
      start = end;
    }
    textWindow = window;
    categories = sketch;
    nulls += rows - present;
    count += present;
  }

  /** Adds a batch's values and nulls, from its validity bits. */
  private void counted(java.nio.ByteBuffer valid, int rows) {
    int present = 0;
    for (int i = 0; i < rows; i++) {
      present += (valid.get(i >>> 3) >>> (i & 7)) & 1;
    }
    nulls += rows - present;
    count += present;
  }

  /** Counts a missing value (an empty CSV field). */
  void missing() {
    nulls++;
  }

  /** Counts a value of a numeric column. */
  void value(double value) {
    count++;
    number(value);
  }

  /** Counts a value of a text or boolean column. */
  void value(String value) {
    count++;
    item(value);
  }

  /**
   * Adds another part of the column, which comes after the parts added so far. Mean and variance
   * merge by Chan et al.'s formula; counts, extremes and the sketches merge exactly as they are
   * defined. The result depends on how the column was cut into parts, so parts must be cut the
   * same way for the same data (they are: by content, see {@link CsvBlocks}).
   */
  void merge(ColumnProfiler other) {
    count += other.count;
    nulls += other.nulls;
    nans += other.nans;
    if (other.numbers > 0) {
      if (numbers == 0) {
        mean = other.mean;
        m2 = other.m2;
      } else {
        long n = numbers + other.numbers;
        double delta = other.mean - mean;
        mean += delta * other.numbers / n;
        m2 += other.m2 + delta * delta * numbers * other.numbers / n;
      }
      numbers += other.numbers;
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
      quantiles = quantiles == null ? other.quantiles
          : other.quantiles == null ? quantiles : quantiles.mergedWith(other.quantiles);
    }
    infinite |= other.infinite;
    categories = categories == null ? other.categories
        : other.categories == null ? categories : categories.mergedWith(other.categories);
  }

  /**
   * Writes the profile so far, except its sketch (written by the caller in the drift profile
   * format, see {@link #sketch()} and {@link #read}).
   */
  void writeCounts(java.io.DataOutputStream out) throws java.io.IOException {
    out.writeLong(count);
    out.writeLong(nulls);
    out.writeLong(nans);
    out.writeLong(numbers);
    out.writeDouble(min);
    out.writeDouble(max);
    out.writeDouble(mean);
    out.writeDouble(m2);
    out.writeBoolean(infinite);
  }

  /** Reads what {@link #writeCounts} wrote, with the column's sketch, if it has one. */
  static ColumnProfiler read(java.io.DataInputStream in, @org.jspecify.annotations.Nullable Object sketch)
      throws java.io.IOException {
    ColumnProfiler p = new ColumnProfiler();
    p.count = in.readLong();
    p.nulls = in.readLong();
    p.nans = in.readLong();
    p.numbers = in.readLong();
    p.min = in.readDouble();
    p.max = in.readDouble();
    p.mean = in.readDouble();
    p.m2 = in.readDouble();
    p.infinite = in.readBoolean();
    if (sketch instanceof NumericSketch numeric) {
      p.quantiles = numeric;
    } else if (sketch instanceof CategoricalSketch categorical) {
      p.categories = categorical;
    }
    return p;
  }

  private void number(double value) {
    if (Double.isNaN(value)) {
      nans++;
      return;
    }
    if (quantiles == null) {
      quantiles = NumericSketch.create(DriftDetector.DEFAULT_SKETCH_SIZE);
    }
    if (Double.isInfinite(value)) {
      infinite = true; // a drift reference cannot hold infinities: the column gets no sketch
    }
    quantiles.update(value);
    numbers++;
    min = Math.min(min, value);
    max = Math.max(max, value);
    double delta = value - mean;
    mean += delta / numbers;
    m2 += delta * (value - mean);
  }

  private void item(String value) {
    if (categories == null) {
      categories = CategoricalSketch.create();
    }
    categories.update(value);
  }

  /**
   * The column's sketch for drift references: a {@link NumericSketch} or a
   * {@link CategoricalSketch}; empty when the column has no values, holds infinities, or has a
   * type that is not profiled (dates, times, binary, nested).
   */
  Optional<Object> sketch() {
    if (numbers > 0) {
      return infinite ? Optional.empty() : Optional.of(quantiles);
    }
    return Optional.ofNullable(categories);
  }

  ColumnProfile finish() {
    TreeMap<Double, Double> ranked = new TreeMap<>();
    List<ColumnProfile.FrequentItem> frequent = new ArrayList<>();
    if (numbers == 0) {
      if (categories != null) {
        categories.mostFrequent(MAX_FREQUENT)
            .forEach((item, estimate) -> frequent.add(new ColumnProfile.FrequentItem(item, estimate)));
      }
      return new ColumnProfile(type, count, nulls, nans, OptionalDouble.empty(),
          OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), ranked, frequent);
    }
    // Only exact quantiles go into the manifest, whose hash is the version id: estimated ones
    // depend on the sketch's implementation (they changed when DataSketches was replaced), so they
    // are read from the table's stored sketch (VersionReader fills them in).
    if (quantiles != null && !infinite && !quantiles.estimationMode()) {
      for (double rank : RANKS) {
        ranked.put(rank, quantiles.quantile(rank));
      }
    }
    return new ColumnProfile(type, count, nulls, nans, OptionalDouble.of(min), OptionalDouble.of(max),
        OptionalDouble.of(mean), OptionalDouble.of(Math.sqrt(m2 / numbers)), ranked, frequent);
  }
}
