package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import java.util.List;

/** Invariants of the metrics: weights behave as repeated rows; AUC equals the pairwise count. */
class MetricPropertiesTest {
  @Property(tries = 200)
  void weightsActAsRepeatedRows(
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 4) Integer> scoreSteps,
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 1) Integer> labelList,
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 3) Integer> weightList) {
    int n = Math.min(scoreSteps.size(), Math.min(labelList.size(), weightList.size()));
    double[] labels = new double[n];
    double[] scores = new double[n];
    int[] weights = new int[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      labels[i] = labelList.get(i);
      scores[i] = scoreSteps.get(i) / 4.0; // few distinct values: many ties
      weights[i] = weightList.get(i);
      total += weights[i];
    }
    double[] repeatedLabels = new double[total];
    double[] repeatedScores = new double[total];
    for (int i = 0, k = 0; i < n; i++) {
      for (int w = 0; w < weights[i]; w++, k++) {
        repeatedLabels[k] = labels[i];
        repeatedScores[k] = scores[i];
      }
    }
    Predictions weighted = MetricsTest.binary(labels, scores);
    Predictions repeated = MetricsTest.binary(repeatedLabels, repeatedScores);
    for (String name : BuiltinMetrics.names()) {
      Metric m = BuiltinMetrics.find(name).orElseThrow();
      double expected = m.compute(repeated, null);
      assertEquals(expected, m.compute(weighted, weights), Double.isNaN(expected) ? 1e-9 : 1e-9 * Math.max(1, Math.abs(expected)), name);
    }
  }

  @Property(tries = 200)
  void rocAucEqualsTheShareOfCorrectlyOrderedPairs(
      @ForAll @Size(min = 2, max = 40) List<@IntRange(min = 0, max = 9) Integer> scoreSteps,
      @ForAll @Size(min = 2, max = 40) List<@IntRange(min = 0, max = 1) Integer> labelList) {
    int n = Math.min(scoreSteps.size(), labelList.size());
    double[] labels = new double[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = labelList.get(i);
      scores[i] = scoreSteps.get(i) / 10.0;
    }
    // Reference: the Mann-Whitney definition, O(n^2) over all (positive, negative) pairs.
    double pairs = 0;
    double wins = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (labels[i] == 1 && labels[j] == 0) {
          pairs++;
          wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
      }
    }
    double auc = BuiltinMetrics.find("auc").orElseThrow().compute(MetricsTest.binary(labels, scores), null);
    assertEquals(pairs == 0 ? Double.NaN : wins / pairs, auc, 1e-12);
  }

  @Property(tries = 200)
  void groupedEvaluationEqualsOneMaskPerGroup(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 5) Integer> scoreSteps,
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 1) Integer> labelList,
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 3) Integer> groupList) {
    int n = Math.min(scoreSteps.size(), Math.min(labelList.size(), groupList.size()));
    double[] labels = new double[n];
    double[] scores = new double[n];
    int[] groups = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = labelList.get(i);
      scores[i] = scoreSteps.get(i) / 5.0;
      groups[i] = groupList.get(i);
    }
    Predictions p = MetricsTest.binary(labels, scores);
    for (String name : BuiltinMetrics.names()) {
      Metric m = BuiltinMetrics.find(name).orElseThrow();
      double[] grouped = m.computeGroups(p, groups, 4);
      for (int g = 0; g < 4; g++) {
        assertEquals(m.compute(p, Weights.mask(groups, g)), grouped[g], 1e-12, name + " group " + g);
      }
    }
  }
}
