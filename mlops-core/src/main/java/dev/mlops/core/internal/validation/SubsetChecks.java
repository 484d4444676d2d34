package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.SliceCheck;
import dev.mlops.api.validation.SliceOutcome;
import dev.mlops.api.validation.Spread;
import dev.mlops.api.validation.StabilityCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Slice and stability checks: the metric on parts of the data compared with the whole. */
final class SubsetChecks {
  private SubsetChecks() {}

  static CheckResult slices(SliceCheck check, Metric metric, Predictions p, double overall,
      ColumnData data, List<SliceOutcome> outcomes) {
    Map<String, Integer> labels = new LinkedHashMap<>();
    int[] groups = groups(check, data, labels);
    double worstGap = Double.NEGATIVE_INFINITY;
    String worst = null;
    boolean passed = !Double.isNaN(overall);
    double[] values = metric.computeGroups(p, groups, labels.size());
    long[] sizes = new long[labels.size()];
    for (int g : groups) {
      sizes[g]++;
    }
    for (Map.Entry<String, Integer> slice : labels.entrySet()) {
      long size = sizes[slice.getValue()];
      double value = values[slice.getValue()];
      boolean judged = size >= check.minSliceSize();
      double gap = metric.higherIsBetter() ? overall - value : value - overall;
      boolean ok = !judged || gap <= check.maxGap();
      if (judged && (Double.isNaN(gap) || gap > worstGap)) {
        worstGap = Double.isNaN(gap) ? Double.POSITIVE_INFINITY : gap;
        worst = slice.getKey();
      }
      passed &= ok;
      outcomes.add(new SliceOutcome(metric.name(), check.column(), slice.getKey(), size, value,
          overall, judged, ok));
    }
    worstGap = worst == null ? Double.NaN : worstGap;
    String message = worst == null
        ? "no slice of " + check.column() + " has " + check.minSliceSize() + " rows or more"
        : String.format(Locale.ROOT, "worst slice %s=%s is %.4f worse than overall %s %.4f", check.column(),
            worst, worstGap, metric.name(), overall);
    return new CheckResult(check, passed, worstGap, OptionalDouble.of(check.maxGap()),
        OptionalDouble.empty(), Optional.empty(), message);
  }

  static CheckResult stability(StabilityCheck check, Metric metric, Predictions p) {
    if (p.size() < check.subsets()) {
      throw new IllegalArgumentException("stability check on " + metric.name() + " needs at least "
          + check.subsets() + " rows, got " + p.size());
    }
    int[] groups = Weights.disjointSubsets(p.size(), check.subsets(), check.seed());
    double[] values = metric.computeGroups(p, groups, check.subsets());
    double spread = spread(values, check.spread());
    boolean passed = spread <= check.maxSpread(); // NaN (an undefined subset) fails
    String message = String.format(Locale.ROOT, "%s on %d disjoint subsets: %s, %s %.4f",
        metric.name(), values.length, format(values),
        check.spread() == Spread.STD ? "std" : "max - min", spread);
    return new CheckResult(check, passed, spread, OptionalDouble.of(check.maxSpread()),
        OptionalDouble.empty(), Optional.empty(), message);
  }

  static double spread(double[] values, Spread spread) {
    if (spread == Spread.RANGE) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      return sorted[sorted.length - 1] - sorted[0]; // NaN sorts last, so stays NaN
    }
    double mean = Arrays.stream(values).average().orElse(Double.NaN);
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }

  private static int[] groups(SliceCheck check, ColumnData data, Map<String, Integer> labels) {
    int[] groups = new int[data.size()];
    List<Double> edges = check.bucketEdges();
    String[] text = data.attribute(check.column());
    if (text == null && data.featureIndex(check.column()) < 0) {
      throw data.unknownColumn(check.column());
    }
    double[] numbers = text == null || !edges.isEmpty() ? data.numeric(check.column()) : null;
    List<String> bucketLabels = new ArrayList<>();
    for (int b = 0; b <= edges.size(); b++) {
      String low = b == 0 ? "-inf" : String.valueOf(edges.get(b - 1));
      String high = b == edges.size() ? "inf" : String.valueOf(edges.get(b));
      bucketLabels.add((b == 0 ? "(" : "[") + low + ", " + high + ")");
    }
    for (int i = 0; i < groups.length; i++) {
      String label;
      if (numbers == null) {
        label = text[i] == null || text[i].isEmpty() ? "(missing)" : text[i];
      } else if (Double.isNaN(numbers[i])) {
        label = "(missing)";
      } else {
        label = edges.isEmpty() ? String.valueOf(numbers[i]) : bucketLabels.get(bucket(edges, numbers[i]));
      }
      groups[i] = labels.computeIfAbsent(label, l -> labels.size());
    }
    return groups;
  }

  private static int bucket(List<Double> edges, double v) {
    int i = 0;
    while (i < edges.size() && v >= edges.get(i)) {
      i++;
    }
    return i;
  }

  private static String format(double[] values) {
    List<String> parts = new ArrayList<>();
    for (double v : values) {
      parts.add(String.format(Locale.ROOT, "%.4f", v));
    }
    return parts.toString();
  }
}
