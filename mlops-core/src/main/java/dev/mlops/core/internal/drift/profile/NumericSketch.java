package dev.mlops.core.internal.drift.profile;

import dev.mlops.core.internal.drift.ColumnValues;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One numeric column's profile: a KLL quantile sketch ({@link QuantileSketch}), exact count, mean
 * and sum of squared deviations (Chan et al.'s parallel formula merges them), and the exact
 * distinct values with their counts while there are at most {@link #FEW}. Not thread-safe while
 * being built.
 *
 * <p>The sum of squared deviations is kept with the deviations in units of 2^{@code scale}, a
 * power of two near their size: squared in raw units it overflows for values above about 1e154 and goes
 * subnormal (losing digits, then reaching 0) below about 1e-154, which made the normed
 * Wasserstein distance 0 at a scale of 1e155. Multiplying by a power of two is exact, so for
 * ordinary data the sum is bit for bit the one computed in raw units.
 */
public final class NumericSketch {
  /** Distinct values tracked exactly (the auto rule compares such columns as categories). */
  public static final int FEW = 5;
  /** How many binary orders of magnitude a deviation may exceed the unit by before the unit moves up. */
  private static final int RESCALE_GAP = 200;

  final QuantileSketch kll;
  long n;
  double mean;
  /** Σ (x − mean)² in units of 2^(2·scale). */
  double squares;
  int scale;
  double[] fewValues = new double[0];
  long[] fewCounts = new long[0];
  boolean many;

  NumericSketch(int k) {
    this.kll = QuantileSketch.create(k);
  }

  /**
   * Creates an empty sketch, for callers that feed values one by one (a dataset commit profiles
   * its tables this way and stores the result with {@link SketchProfile#of(int, java.util.Map)}).
   *
   * @param k the KLL parameter, in [8, 65535]
   * @return the sketch
   */
  public static NumericSketch create(int k) {
    return new NumericSketch(k);
  }

  private NumericSketch(QuantileSketch kll) {
    this.kll = kll;
  }

  /**
   * Adds one value; the caller leaves out NaN and infinities.
   *
   * @param value a finite number
   */
  public void update(double value) {
    kll.update(value);
    n++;
    double delta = value - mean;
    mean += delta / n;
    if (delta != 0 && (squares == 0 || Math.getExponent(delta) > scale + RESCALE_GAP)) {
      rescale(Math.getExponent(delta));
    }
    squares += Math.scalb(delta, -scale) * Math.scalb(value - mean, -scale);
    if (!many) {
      count(value, 1);
    }
  }

  /**
   * A caller's own running count, mean and sum of squared deviations (Welford's update in raw
   * units, as a column profile keeps them), which {@link #update(double[], int, int, Moments)}
   * advances in the loop of its own: the two divisions per value then overlap rather than run one
   * loop after the other (measured: the second loop cost about a third of profiling a column).
   */
  public static final class Moments {
    /** Values counted. */
    public long n;
    /** Their mean. */
    public double mean;
    /** Σ (x − mean)². */
    public double m2;
  }

  /**
   * Adds {@code values[from..to)} in order: the same sketch, bit for bit, as {@link #update(double)}
   * for each, in one loop with locals for the fields and without Math.scalb's
   * range handling where it is a single exact multiplication.
   *
   * @param values finite numbers
   * @param from the first index
   * @param to the index after the last
   * @param also the caller's moments, advanced over the same values as
   *     {@code n++; delta = x - mean; mean += delta / n; m2 += delta * (x - mean)}
   */
  public void update(double[] values, int from, int to, Moments also) {
    long alsoN = also.n;
    double alsoMean = also.mean;
    double alsoM2 = also.m2;
    long count = n;
    double m = mean;
    double sum = squares;
    int unit = scale;
    // Math.scalb(x, -unit) is x times 2^-unit, one rounding, while |unit| < 512 (it multiplies by
    // 2^-unit in one step there); the same product here, bit for bit.
    double factor = Math.abs(unit) < 512 ? Math.scalb(1.0, -unit) : 0;
    for (int i = from; i < to; i++) {
      double value = values[i];
      // Value by value, not the KLL sketch in bulk first: the divisions of the moments then run
      // while the sketch compacts (a loop of the moments alone after it cost a tenth more).
      kll.update(value);
      alsoN++;
      double alsoDelta = value - alsoMean;
      alsoMean += alsoDelta / alsoN;
      alsoM2 += alsoDelta * (value - alsoMean);
      count++;
      double delta = value - m;
      m += delta / count;
      if (delta != 0 && (sum == 0 || Math.getExponent(delta) > unit + RESCALE_GAP)) {
        int exponent = Math.getExponent(delta);
        sum = Math.scalb(sum, 2 * (unit - exponent));
        unit = exponent;
        factor = Math.abs(unit) < 512 ? Math.scalb(1.0, -unit) : 0;
      }
      if (factor != 0) {
        sum += (delta * factor) * ((value - m) * factor);
      } else {
        sum += Math.scalb(delta, -unit) * Math.scalb(value - m, -unit);
      }
    }
    also.n = alsoN;
    also.mean = alsoMean;
    also.m2 = alsoM2;
    n = count;
    mean = m;
    squares = sum;
    scale = unit;
    for (int i = from; i < to && !many; i++) {
      count(values[i], 1);
    }
  }

  /** Moves the unit of the sum of squares to 2^{@code to}; what falls below 2^-1022 there is negligible. */
  private void rescale(int to) {
    squares = Math.scalb(squares, 2 * (scale - to));
    scale = to;
  }

  private void count(double value, long times) {
    value = ColumnValues.canonical(value); // binary search tells −0.0 from 0.0; one value here
    int at = Arrays.binarySearch(fewValues, value);
    if (at >= 0) {
      fewCounts[at] += times;
      return;
    }
    if (fewValues.length == FEW) {
      many = true;
      fewValues = new double[0];
      fewCounts = new long[0];
      return;
    }
    int insert = -at - 1;
    double[] values = new double[fewValues.length + 1];
    long[] counts = new long[values.length];
    System.arraycopy(fewValues, 0, values, 0, insert);
    System.arraycopy(fewCounts, 0, counts, 0, insert);
    values[insert] = value;
    counts[insert] = times;
    System.arraycopy(fewValues, insert, values, insert + 1, fewValues.length - insert);
    System.arraycopy(fewCounts, insert, counts, insert + 1, fewCounts.length - insert);
    fewValues = values;
    fewCounts = counts;
  }

  /**
   * Returns the values seen so far.
   *
   * @return the count
   */
  public long count() {
    return n;
  }

  /**
   * Returns a quantile read from the KLL sketch (exact while the sketch has not compacted).
   *
   * @param rank in [0, 1]
   * @return the smallest value whose cumulative fraction is at least {@code rank}
   */
  public double quantile(double rank) {
    return kll.view().quantile(rank);
  }

  /**
   * Tells whether the KLL sketch has compacted: its quantiles are then estimates.
   *
   * @return true once compacted
   */
  public boolean estimationMode() {
    return kll.estimationMode();
  }

  /**
   * Merges two sketches: the one of the values of both.
   *
   * @param other the other sketch
   * @return a new sketch; neither input changes
   */
  public NumericSketch mergedWith(NumericSketch other) {
    NumericSketch out = new NumericSketch(kll.mergedWith(other.kll));
    out.n = n + other.n;
    double delta = other.mean - mean;
    out.mean = out.n == 0 ? 0 : mean + delta * other.n / out.n;
    // One unit for both sums and the between-means term: the largest of those present.
    int unit = Integer.MIN_VALUE;
    unit = squares == 0 ? unit : scale;
    unit = other.squares == 0 ? unit : Math.max(unit, other.scale);
    unit = delta == 0 ? unit : Math.max(unit, Math.getExponent(delta));
    out.scale = unit == Integer.MIN_VALUE ? 0 : unit;
    double between = Math.scalb(delta, -out.scale);
    out.squares = Math.scalb(squares, 2 * (scale - out.scale))
        + Math.scalb(other.squares, 2 * (other.scale - out.scale))
        + (out.n == 0 ? 0 : between * between * n * other.n / out.n);
    out.many = many || other.many;
    if (!out.many) {
      out.fewValues = fewValues.clone();
      out.fewCounts = fewCounts.clone();
      for (int i = 0; i < other.fewValues.length && !out.many; i++) {
        out.count(other.fewValues[i], other.fewCounts[i]);
      }
    }
    return out;
  }

  /** Population standard deviation (divisor n). */
  double std() {
    return std(0);
  }

  /**
   * Population standard deviation (divisor n) in units of 2^{@code unit}: neither overflows nor
   * underflows while the result itself is a normal double.
   */
  double std(int unit) {
    return n == 0 ? 0 : Math.scalb(Math.sqrt(Math.max(0, squares / n)), scale - unit);
  }

  /** Writes the sketch in the profile format's current version ({@link ProfileFormat}). */
  void write(DataOutputStream out) throws IOException {
    out.writeLong(n);
    out.writeDouble(mean);
    out.writeDouble(squares);
    out.writeInt(scale);
    out.writeBoolean(many);
    out.writeInt(fewValues.length);
    for (int i = 0; i < fewValues.length; i++) {
      out.writeDouble(fewValues[i]);
      out.writeLong(fewCounts[i]);
    }
    byte[] bytes = kll.toBytes();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static NumericSketch read(DataInputStream in) throws IOException {
    long n = in.readLong();
    double mean = in.readDouble();
    double squares = in.readDouble();
    int scale = in.readInt();
    boolean many = in.readBoolean();
    int few = in.readInt();
    if (few < 0 || few > FEW) {
      throw new IOException("bad count of exact values: " + few);
    }
    double[] values = new double[few];
    long[] counts = new long[few];
    for (int i = 0; i < few; i++) {
      values[i] = in.readDouble();
      counts[i] = in.readLong();
    }
    byte[] bytes = ProfileFormat.readBlock(in);
    NumericSketch sketch = new NumericSketch(ProfileFormat.sketch(() -> QuantileSketch.fromBytes(bytes)));
    if (sketch.kll.n() != n) {
      throw new IOException("sketch count " + sketch.kll.n() + " does not match column count " + n);
    }
    sketch.n = n;
    sketch.mean = mean;
    sketch.squares = squares;
    sketch.scale = scale;
    sketch.many = many;
    for (int i = 0; i < few && !many; i++) {
      sketch.count(values[i], counts[i]); // canonical: −0.0 and 0.0 listed apart become one value
    }
    return sketch;
  }
}
