package dev.mlops.core.internal.validation;

import dev.mlops.core.internal.validation.ConfusionMatrix.Average;
import dev.mlops.core.internal.validation.ConfusionMatrix.Score;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleBiFunction;
import org.jspecify.annotations.Nullable;

/** The metrics every suite can name, by name. */
public final class BuiltinMetrics {
  private static final Map<String, Metric> ALL = new LinkedHashMap<>();

  static {
    confusion("accuracy", ConfusionMatrix::accuracy);
    for (Score score : Score.values()) {
      String base = score.name().toLowerCase(java.util.Locale.ROOT);
      confusion(base, m -> m.score(score, Average.BINARY));
      confusion(base + "_macro", m -> m.score(score, Average.MACRO));
      confusion(base + "_weighted", m -> m.score(score, Average.WEIGHTED));
    }
    add("auc", true, RankingMetrics::rocAuc);
    ALL.put("auc", new Grouped(ALL.get("auc"), RankingMetrics::rocAucByGroup));
    add("pr_auc", true, RankingMetrics::prAuc);
    add("log_loss", false, ValueMetrics::logLoss);
    add("brier", false, ValueMetrics::brier);
    add("mae", false, ValueMetrics::mae);
    add("rmse", false, ValueMetrics::rmse);
    add("r2", true, ValueMetrics::r2);
    add("mape", false, ValueMetrics::mape);
  }

  private BuiltinMetrics() {}

  /**
   * Looks a metric up.
   *
   * @param name its name
   * @return the metric, or empty if no built-in metric has this name
   */
  public static Optional<Metric> find(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** Returns the names of all built-in metrics, in a stable order. */
  public static java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(ALL.keySet());
  }

  /** Grouped evaluation of several row groups in one pass. */
  @FunctionalInterface
  private interface GroupedFunction {
    double[] apply(Predictions p, int[] groups, int count);
  }

  /** A metric whose per-group form is one pass. */
  private record Grouped(Metric plain, GroupedFunction grouped) implements Metric {
    @Override
    public String name() {
      return plain.name();
    }

    @Override
    public boolean higherIsBetter() {
      return plain.higherIsBetter();
    }

    @Override
    public String unit() {
      return plain.unit();
    }

    @Override
    public double compute(Predictions predictions, int @Nullable [] weights) {
      return plain.compute(predictions, weights);
    }

    @Override
    public double[] computeGroups(Predictions predictions, int[] groups, int count) {
      return grouped.apply(predictions, groups, count);
    }
  }

  /** A metric read from the confusion matrix; its groups are counted in one pass. */
  private static void confusion(String name, java.util.function.ToDoubleFunction<ConfusionMatrix> read) {
    add(name, true, (p, w) -> read.applyAsDouble(ConfusionMatrix.of(p, w)));
    ALL.put(name, new Grouped(ALL.get(name), (p, groups, count) -> {
      ConfusionMatrix[] matrices = ConfusionMatrix.ofGroups(p, groups, count);
      double[] values = new double[count];
      for (int g = 0; g < count; g++) {
        values[g] = read.applyAsDouble(matrices[g]);
      }
      return values;
    }));
  }

  private static void add(String name, boolean higherIsBetter,
      ToDoubleBiFunction<Predictions, int @Nullable []> function) {
    ALL.put(name, new Metric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean higherIsBetter() {
        return higherIsBetter;
      }

      @Override
      public String unit() {
        return "";
      }

      @Override
      public double compute(Predictions predictions, int @Nullable [] weights) {
        return function.applyAsDouble(predictions, weights);
      }
    });
  }
}
