package dev.mlops.core.internal.drift.profile;

import dev.mlops.core.internal.drift.ColumnValues;
import dev.mlops.core.internal.drift.ExactNumeric;
import dev.mlops.core.internal.drift.KolmogorovSmirnov;
import dev.mlops.core.internal.drift.NumericCurrent;
import dev.mlops.core.internal.drift.NumericReference;
import dev.mlops.core.internal.drift.StepCdf;
import dev.mlops.core.internal.drift.Wasserstein;

/**
 * A numeric column read from a KLL sketch: CDF values within the sketch's rank error, exact
 * count, mean and standard deviation. It is the reference side of a comparison, or the current
 * side when a current profile is compared with a reference profile.
 *
 * <p>KS uses the asymptotic p-value with the sketch's count as the reference size, taken at
 * D − ε with ε the sketch's rank error: D read from the sketch is within ε of the D the raw
 * reference would give (with 99% confidence over the sketch's random compactions), so the
 * p-value is at least the raw reference's and a decision at threshold α keeps a false-alarm
 * rate of at most α. Without the ε, at 10,000 current values ε is as large as the critical D and
 * a sketch without any drift flagged about a third of the windows.
 */
final class SketchNumeric implements NumericReference, NumericCurrent {
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
    return new KolmogorovSmirnov.Result(d,
        KolmogorovSmirnov.conservativePValue(d, rankError(), sketch.n, sortedCurrent.length));
  }

  /**
   * KS with this sketch as the current side: D read at the points of both step functions, within
   * the sum of both rank errors of the raw D; the p-value conservative by that sum.
   */
  @Override
  public KolmogorovSmirnov.Result ks(NumericReference reference) {
    double d = StepCdf.ksDistance(reference.steps(), steps());
    return new KolmogorovSmirnov.Result(d,
        KolmogorovSmirnov.conservativePValue(d, reference.rankError() + rankError(), reference.size(), sketch.n));
  }

  @Override
  public double normedWasserstein(NumericReference reference) {
    return reference.normedWasserstein(steps());
  }

  @Override
  public double normedWasserstein(StepCdf current) {
    int unit = Wasserstein.unit(sketch.kll.min(), sketch.kll.max());
    return Wasserstein.normed(StepCdf.wasserstein(steps(), current, unit), sketch.std(unit), unit);
  }

  @Override
  public StepCdf steps() {
    double[] items = view.items;
    long[] weights = view.cumulativeWeights;
    double n = sketch.n;
    return new StepCdf() {
      @Override
      public int points() {
        return items.length;
      }

      @Override
      public double point(int i) {
        return items[i];
      }

      @Override
      public double share(int i) {
        return weights[i] / n;
      }
    };
  }

  /**
   * The distinct values and counts: exact while the column had at most {@link NumericSketch#FEW}
   * of them, else the sketch's items with their weights (each weight within the rank error).
   */
  @Override
  public Distinct distinct() {
    if (!sketch.many) {
      return new Distinct(sketch.fewValues.clone(), sketch.fewCounts.clone());
    }
    double[] items = view.items;
    long[] weights = view.cumulativeWeights;
    java.util.TreeMap<Double, Long> counts = new java.util.TreeMap<>();
    for (int i = 0; i < items.length; i++) {
      counts.merge(ColumnValues.canonical(items[i]), weights[i] - (i == 0 ? 0 : weights[i - 1]), Long::sum);
    }
    return new Distinct(counts.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
        counts.values().stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * The bound on |F_sketch − F_raw| over every x ({@link QuantileSketch#rankError(int)}, 99%
   * confidence); 0 while the sketch has not compacted, when it holds every value.
   */
  @Override
  public double rankError() {
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
