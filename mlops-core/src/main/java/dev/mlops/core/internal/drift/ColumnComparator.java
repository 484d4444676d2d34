package dev.mlops.core.internal.drift;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.Histogram;
import dev.mlops.core.input.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Compares one column of the current sample with its reference, by the configured or automatic method. */
public final class ColumnComparator {
  /** Reference size up to which {@code auto} uses tests, above which it uses distances. */
  public static final int AUTO_TEST_LIMIT = 1_000;
  /** Numeric columns with at most this many distinct reference values are compared as categories. */
  public static final int AUTO_FEW_VALUES = 5;

  private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  private ColumnComparator() {}

  /**
   * Compares a numeric column.
   *
   * @param name the column
   * @param reference the reference column
   * @param current the current values, sorted, finite, non-empty
   * @param config methods and thresholds
   * @return the result
   */
  public static ColumnDrift numeric(String name, NumericReference reference, double[] current, DriftConfig config) {
    return numeric(name, reference, NumericCurrent.of(current), config);
  }

  /**
   * Compares a numeric column whose current side is raw values or a sketch. A result is exact only
   * when both sides are.
   *
   * @param name the column
   * @param reference the reference column
   * @param current the current column, non-empty
   * @param config methods and thresholds
   * @return the result
   */
  public static ColumnDrift numeric(String name, NumericReference reference, NumericCurrent current,
      DriftConfig config) {
    boolean exact = reference.exact() && current.exact();
    Optional<DriftMethod> chosen = config.method(name);
    boolean categoricalMethod = chosen.isPresent()
        && (chosen.get() == DriftMethod.CHISQUARE || chosen.get() == DriftMethod.ZTEST);
    CategoryTable table = chosen.isEmpty() || categoricalMethod
        ? CategoryTable.ofNumeric(reference, current, categoricalMethod ? Integer.MAX_VALUE : AUTO_FEW_VALUES)
        : null;
    if (categoricalMethod && table == null) {
      throw new IllegalArgumentException("column '" + Excerpt.of(name) + "': " + chosen.get().name().toLowerCase()
          + " on a numeric column needs its values, but the reference is a sketch with more than "
          + AUTO_FEW_VALUES + " distinct values; use ks, wasserstein, psi, js or hellinger");
    }
    if (table != null) {
      return categorical(name, table, reference.size(), exact, config);
    }
    DriftMethod method = chosen.orElse(reference.size() <= AUTO_TEST_LIMIT ? DriftMethod.KS : DriftMethod.WASSERSTEIN);
    double[] edges = new double[DECILES.length];
    for (int i = 0; i < edges.length; i++) {
      // A decile of −0.0 would label its bin "-0.00000"; it is the same edge as 0.0.
      edges[i] = ColumnValues.canonical(reference.quantile(DECILES[i]));
    }
    double[] refShares = binShares(reference::cdf, edges);
    double[] curShares = binShares(current::cdf, edges);
    double statistic;
    OptionalDouble p = OptionalDouble.empty();
    switch (method) {
      case KS -> {
        KolmogorovSmirnov.Result ks = current.ks(reference);
        statistic = ks.statistic();
        p = OptionalDouble.of(ks.pValue());
      }
      case WASSERSTEIN -> statistic = current.normedWasserstein(reference);
      default -> statistic = distance(method, refShares, curShares);
    }
    return result(name, ColumnType.NUMERIC, method, statistic, p, config, reference.size(), current.size(),
        exact, new Histogram(numericLabels(edges), boxed(refShares), boxed(curShares)));
  }

  /**
   * Compares a categorical column.
   *
   * @param name the column
   * @param reference the reference counts
   * @param current the current counts, non-empty
   * @param config methods and thresholds
   * @return the result
   */
  public static ColumnDrift categorical(String name, CategoricalReference reference, Map<String, Long> current,
      DriftConfig config) {
    return categorical(name, CategoryTable.of(reference.counts(), current), reference.size(), reference.exact(),
        config);
  }

  /**
   * Compares a categorical column whose current side is counts from a profile: exact when both
   * sides' counts are.
   *
   * @param name the column
   * @param reference the reference counts
   * @param current the current counts, non-empty
   * @param config methods and thresholds
   * @return the result
   */
  public static ColumnDrift categorical(String name, CategoricalReference reference, CategoricalReference current,
      DriftConfig config) {
    return categorical(name, CategoryTable.of(reference.counts(), current.counts()), reference.size(),
        reference.exact() && current.exact(), config);
  }

  private static ColumnDrift categorical(String name, CategoryTable table, long referenceSize, boolean exact,
      DriftConfig config) {
    DriftMethod method = config.method(name).orElseGet(() -> referenceSize > AUTO_TEST_LIMIT ? DriftMethod.JS
        : table.labels().length <= 2 ? DriftMethod.ZTEST : DriftMethod.CHISQUARE);
    double[] refShares = CategoryTable.shares(table.reference());
    double[] curShares = CategoryTable.shares(table.current());
    long currentSize = sum(table.current());
    double statistic;
    OptionalDouble p = OptionalDouble.empty();
    switch (method) {
      case KS, WASSERSTEIN -> throw new IllegalArgumentException("column '" + Excerpt.of(name) + "' is categorical; "
          + method.name().toLowerCase() + " needs numbers: use chisquare, ztest, psi, js or hellinger");
      case CHISQUARE -> {
        CategoricalTests.Result r = CategoricalTests.chiSquare(table.reference(), table.current());
        statistic = r.statistic();
        p = OptionalDouble.of(r.pValue());
      }
      case ZTEST -> {
        if (table.labels().length > 2) {
          throw new IllegalArgumentException("column '" + Excerpt.of(name)
              + "': ztest needs a binary column but it has "
              + table.labels().length + " categories " + List.of(table.labels()) + "; use chisquare");
        }
        CategoricalTests.Result r = CategoricalTests.zTest(table.reference()[0], referenceSize, table.current()[0],
            currentSize);
        statistic = r.statistic();
        p = OptionalDouble.of(r.pValue());
      }
      default -> statistic = distance(method, refShares, curShares);
    }
    return result(name, ColumnType.CATEGORICAL, method, statistic, p, config, referenceSize, currentSize, exact,
        new Histogram(List.of(table.labels()), boxed(refShares), boxed(curShares)));
  }

  private static ColumnDrift result(String name, ColumnType type, DriftMethod method, double statistic,
      OptionalDouble p, DriftConfig config, long referenceSize, long currentSize, boolean exact, Histogram histogram) {
    double threshold = config.threshold(name).orElse(method.defaultThreshold());
    boolean drifted = method.isTest() ? p.getAsDouble() < threshold : statistic >= threshold;
    return new ColumnDrift(name, type, method, statistic, p, threshold, drifted, referenceSize, currentSize, exact,
        histogram);
  }

  private static double distance(DriftMethod method, double[] reference, double[] current) {
    return switch (method) {
      case PSI -> BinnedDistances.psi(reference, current);
      case JS -> BinnedDistances.jensenShannon(reference, current);
      case HELLINGER -> BinnedDistances.hellinger(reference, current);
      default -> throw new IllegalStateException("not a binned distance: " + method);
    };
  }

  /** Shares of the bins (−∞, e1], (e1, e2], ..., (e9, +∞) from a CDF. */
  static double[] binShares(java.util.function.DoubleUnaryOperator cdf, double[] edges) {
    double[] shares = new double[edges.length + 1];
    double below = 0;
    for (int i = 0; i < edges.length; i++) {
      double at = cdf.applyAsDouble(edges[i]);
      shares[i] = Math.max(0, at - below);
      below = Math.max(below, at);
    }
    shares[edges.length] = Math.max(0, 1 - below);
    return shares;
  }

  private static List<String> numericLabels(double[] edges) {
    List<String> labels = new ArrayList<>();
    String previous = "-inf";
    for (double edge : edges) {
      String e = String.format(java.util.Locale.ROOT, "%.6g", edge);
      labels.add("(" + previous + ", " + e + "]");
      previous = e;
    }
    labels.add("(" + previous + ", +inf)");
    return labels;
  }

  private static List<Double> boxed(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return list;
  }

  private static long sum(long[] counts) {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }
}
