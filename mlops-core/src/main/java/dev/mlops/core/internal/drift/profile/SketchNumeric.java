package dev.mlops.core.internal.drift.profile;

import dev.mlops.core.internal.drift.ColumnValues;
import dev.mlops.core.internal.drift.ExactNumeric;
import dev.mlops.core.internal.drift.KolmogorovSmirnov;
import dev.mlops.core.internal.drift.NumericReference;
import dev.mlops.core.internal.drift.Wasserstein;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * A numeric reference read from a KLL sketch: CDF values within the sketch's rank error, exact
 * count, mean and standard deviation.
 *
 * <p>KS uses the asymptotic p-value with the sketch's count as the reference size, taken at
 * D − ε with ε the sketch's rank error: D read from the sketch is within ε of the D the raw
 * reference would give (with 99% confidence over the sketch's random compactions), so the
 * p-value is at least the raw reference's and a decision at threshold α keeps a false-alarm
 * rate of at most α. Without the ε, at 10,000 current values ε is as large as the critical D and
 * a sketch without any drift flagged about a third of the windows.
 */
final class SketchNumeric implements NumericReference {
  private static final KolmogorovSmirnovTest HIPPARCHUS = new KolmogorovSmirnovTest();

  private final NumericSketch sketch;
  private final QuantileView view;

  SketchNumeric(NumericSketch sketch) {
    this.sketch = sketch;
    this.view = sketch.kll.view();
  }

  @Override
  public long size() {
    return sketch.n;
  }

  @Override
  public boolean exact() {
    return false;
  }

  @Override
  public double quantile(double p) {
    return view.quantile(p);
  }

  @Override
  public double cdf(double x) {
    return view.rank(x);
  }

  @Override
  public double std() {
    return sketch.std();
  }

  /**
   * D = sup |F_ref − F_cur| over the jumps of both step functions: the ends of blocks of equal
   * sketch items and the ends of blocks of equal current values. Inside a block the CDFs are read
   * part-way through tied values, which no x gives, so a sample compared with a profile of itself
   * would show a D above 0.
   */
  @Override
  public KolmogorovSmirnov.Result ks(double[] sortedCurrent) {
    double d = 0;
    double[] items = view.items;
    long[] weights = view.cumulativeWeights;
    double n = sketch.n;
    for (int i = 0; i < items.length; i++) {
      if (i + 1 < items.length && items[i + 1] == items[i]) {
        continue;
      }
      double cur = (double) ExactNumeric.countAtMost(sortedCurrent, items[i]) / sortedCurrent.length;
      d = Math.max(d, Math.abs(weights[i] / n - cur));
    }
    for (int i = 0; i < sortedCurrent.length; i++) {
      if (i + 1 < sortedCurrent.length && sortedCurrent[i + 1] == sortedCurrent[i]) {
        continue;
      }
      d = Math.max(d, Math.abs(cdf(sortedCurrent[i]) - (double) (i + 1) / sortedCurrent.length));
    }
    long m = Math.min(sketch.n, Integer.MAX_VALUE);
    double shrunk = Math.max(0, d - rankError());
    // Below t = 0.2 the Kolmogorov tail is 1 within 1e-12, and Hipparchus's series fails to
    // converge for t just above 0 (a D a hair above ε threw "maximal count exceeded").
    double t = shrunk * Math.sqrt((double) m * sortedCurrent.length / (m + sortedCurrent.length));
    double p = t < 0.2 ? 1 : HIPPARCHUS.approximateP(shrunk, (int) m, sortedCurrent.length);
    return new KolmogorovSmirnov.Result(d, Math.min(1, Math.max(0, p)));
  }

  /**
   * The bound on |F_sketch − F_raw| over every x ({@link QuantileSketch#rankError(int)}, 99%
   * confidence); 0 while the sketch has not compacted, when it holds every value.
   */
  double rankError() {
    return sketch.kll.estimationMode() ? QuantileSketch.rankError(sketch.kll.k) : 0;
  }

  /**
   * W1 = ∫ |F_ref − F_cur| dx, both step functions swept over the merged jump points, and the
   * standard deviation, both in units of {@link Wasserstein#unit} of the sketch's range.
   */
  @Override
  public double normedWasserstein(double[] current) {
    int unit = Wasserstein.unit(sketch.kll.min(), sketch.kll.max());
    double perUnit = Math.scalb(1.0, -unit);
    double[] items = view.items;
    long[] weights = view.cumulativeWeights;
    double n = sketch.n;
    int i = 0;
    int j = 0;
    double fRef = 0;
    double fCur = 0;
    double previous = Math.min(items[0], current[0]) * perUnit;
    double area = 0;
    while (i < items.length || j < current.length) {
      double x = j >= current.length || (i < items.length && items[i] <= current[j]) ? items[i] : current[j];
      double scaled = x * perUnit;
      area += Math.abs(fRef - fCur) * (scaled - previous);
      while (i < items.length && items[i] == x) {
        fRef = weights[i] / n;
        i++;
      }
      while (j < current.length && current[j] == x) {
        j++;
      }
      fCur = (double) j / current.length;
      previous = scaled;
    }
    return Wasserstein.normed(area, sketch.std(unit), unit);
  }

  @Override
  public double[] distinctValues(int limit) {
    return !sketch.many && sketch.fewValues.length <= limit ? sketch.fewValues.clone() : new double[0];
  }

  @Override
  public long[] counts(double[] values) {
    long[] counts = new long[values.length];
    for (int v = 0; v < values.length; v++) {
      int at = java.util.Arrays.binarySearch(sketch.fewValues, ColumnValues.canonical(values[v]));
      counts[v] = at >= 0 ? sketch.fewCounts[at] : 0;
    }
    return counts;
  }
}
