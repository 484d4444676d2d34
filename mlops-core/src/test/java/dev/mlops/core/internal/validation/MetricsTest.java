package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Every built-in metric against reference values; each test names where its value comes from.
 * Outputs are float32, so values that pass through a probability carry a 1e-6 tolerance.
 */
class MetricsTest {
  private static final double FLOAT_TOLERANCE = 1e-6;

  static Predictions binary(double[] labels, double... positiveScores) {
    float[][] outputs = new float[positiveScores.length][];
    for (int i = 0; i < outputs.length; i++) {
      outputs[i] = new float[] {(float) (1 - positiveScores[i]), (float) positiveScores[i]};
    }
    return Predictions.of(labels, outputs);
  }

  static Predictions classes(double[] labels, int... predicted) {
    int k = 2; // two columns at least: one column would be read as a probability
    for (int c : predicted) {
      k = Math.max(k, c + 1);
    }
    float[][] outputs = new float[predicted.length][k];
    for (int i = 0; i < predicted.length; i++) {
      outputs[i][predicted[i]] = 1;
    }
    return Predictions.of(labels, outputs);
  }

  static Predictions regression(double[] labels, double... predicted) {
    float[][] outputs = new float[predicted.length][];
    for (int i = 0; i < predicted.length; i++) {
      outputs[i] = new float[] {(float) predicted[i]};
    }
    return Predictions.of(labels, outputs);
  }

  static double metric(String name, Predictions p) {
    return BuiltinMetrics.find(name).orElseThrow().compute(p, null);
  }

  @Test
  void rocAucAndAveragePrecisionMatchTheScikitLearnDocstringExample() {
    // scikit-learn docstrings of roc_auc_score (0.75) and average_precision_score (0.83...):
    // y_true = [0, 0, 1, 1], y_scores = [0.1, 0.4, 0.35, 0.8]. By hand: AP = 1/2·1 + 1/2·2/3.
    Predictions p = binary(new double[] {0, 0, 1, 1}, 0.1, 0.4, 0.35, 0.8);
    assertEquals(0.75, metric("auc", p), 1e-12);
    assertEquals(5.0 / 6, metric("pr_auc", p), 1e-12);
  }

  @Test
  void rocAucCountsTiedScoresAsHalf() {
    // By hand (Mann-Whitney): positives 0.5 and 0.9, negatives 0.2 and 0.5. Pairs: (0.5 vs 0.2) 1,
    // (0.5 vs 0.5) 1/2, (0.9 vs 0.2) 1, (0.9 vs 0.5) 1 -> 3.5 / 4.
    Predictions p = binary(new double[] {0, 1, 0, 1}, 0.5, 0.5, 0.2, 0.9);
    assertEquals(0.875, metric("auc", p), 1e-12);
    // By hand: thresholds 0.9 (tp 1, fp 0: R 1/2, P 1) then 0.5 (tp 2, fp 1: R 1, P 2/3).
    assertEquals(0.5 + 0.5 * 2 / 3, metric("pr_auc", p), 1e-12);
  }

  @Test
  void allPredictionsEqualGiveChanceAucAndPrevalenceAveragePrecision() {
    // By definition: one threshold only, so ROC is the diagonal (0.5) and AP = precision = 2/5.
    Predictions p = binary(new double[] {1, 0, 0, 1, 0}, 0.3, 0.3, 0.3, 0.3, 0.3);
    assertEquals(0.5, metric("auc", p), 1e-12);
    assertEquals(0.4, metric("pr_auc", p), 1e-12);
  }

  @Test
  void oneClassOnlyLeavesAucUndefined() {
    // ROC AUC divides by positives x negatives; scikit-learn raises, we return NaN (check fails).
    Predictions p = binary(new double[] {1, 1, 1}, 0.2, 0.7, 0.9);
    assertTrue(Double.isNaN(metric("auc", p)));
    assertEquals(1.0, metric("pr_auc", p), 1e-12); // all rows positive: precision 1 everywhere
    Predictions negatives = binary(new double[] {0, 0}, 0.2, 0.7);
    assertTrue(Double.isNaN(metric("pr_auc", negatives)));
  }

  @Test
  void logLossAndBrierMatchTheScikitLearnDocstringExamples() {
    // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) =
    // 0.21616... (ham = 0, spam = 1; python: -mean(log(p_true)) = 0.21616187468057912).
    Predictions p = binary(new double[] {1, 0, 0, 1}, 0.9, 0.1, 0.2, 0.65);
    assertEquals(0.21616187468057912, metric("log_loss", p), FLOAT_TOLERANCE);
    // brier_score_loss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) = 0.037... (exactly 0.0375 by hand).
    Predictions q = binary(new double[] {0, 1, 1, 0}, 0.1, 0.9, 0.8, 0.3);
    assertEquals(0.0375, metric("brier", q), FLOAT_TOLERANCE);
  }

  @Test
  void logLossAndBrierAreComputedInDoubleOnTheFloat32Outputs() {
    // Issue 17, fault 5: scikit-learn on the float32 value 0.1f read as float64
    // (0.10000000149011612): log_loss([0], [[0.1f]]) = 0.10536051731351088 and
    // brier_score_loss([1], [0.1f]) = 0.8099999973177909 (the comparison with scikit-learn;
    // the same by hand in Python with f = struct.unpack('f', struct.pack('f', 0.1))[0]:
    // -math.log(1 - f) and (f - 1) * (f - 1)). In float, 1 - 0.1f gave 0.10536054214877988 and
    // 0.8099999570846563.
    float[][] one = {{0.1f}};
    assertEquals(0.10536051731351088, metric("log_loss", Predictions.of(new double[] {0}, one)), 0);
    assertEquals(0.8099999973177909, metric("brier", Predictions.of(new double[] {1}, one)), 0);
    // The same through the two-column form (class 1's column is the score): by hand,
    // (0.10000000149011612 - 1)^2 in double.
    float[][] two = {{0.9f, 0.1f}};
    assertEquals(0.8099999973177909, metric("brier", Predictions.of(new double[] {1}, two)), 0);
  }

  @Test
  void regressionErrorsAreComputedInDoubleOnTheFloat32Outputs() {
    // Audit of the other metrics (issue 17): exact double arithmetic on the float32 values
    // 0.1f = 0.10000000149011612 and 0.9f = 0.8999999761581421 (Python floats, by hand).
    Predictions p = regression(new double[] {0, 1}, 0.1, 0.9);
    assertEquals(0.10000001266598701, metric("mae", p), 0);
    assertEquals(0.10000001266598764, metric("rmse", p), 0);
    assertEquals(0.9599999898672092, metric("r2", p), 0);
    assertEquals(0.8999999985098839, metric("mape", regression(new double[] {1}, 0.1)), 0);
  }

  @Test
  void logLossClipsCertainWrongAnswersInsteadOfReturningInfinity() {
    // By hand: -log(1e-15) = 34.538776394910684 for the one row predicted 0 for its true class.
    Predictions p = binary(new double[] {1}, 0.0);
    assertEquals(34.538776394910684, metric("log_loss", p), 1e-9);
  }

  @Test
  void multiClassScoresMatchTheScikitLearnDocstringExample() {
    // f1_score / precision_score / recall_score docstrings: y_true = [0, 1, 2, 0, 1, 2],
    // y_pred = [0, 2, 1, 0, 0, 1]: macro F1 0.26..., weighted F1 0.26..., macro precision
    // 0.22..., macro recall 0.33...; by hand class 0 has P 2/3, R 1, F1 0.8, classes 1, 2 score 0.
    Predictions p = classes(new double[] {0, 1, 2, 0, 1, 2}, 0, 2, 1, 0, 0, 1);
    assertEquals(0.8 / 3, metric("f1_macro", p), 1e-12);
    assertEquals(0.8 / 3, metric("f1_weighted", p), 1e-12);
    assertEquals(2.0 / 9, metric("precision_macro", p), 1e-12);
    assertEquals(2.0 / 9, metric("precision_weighted", p), 1e-12);
    assertEquals(1.0 / 3, metric("recall_macro", p), 1e-12);
    assertEquals(1.0 / 3, metric("accuracy", p), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> metric("auc", p));
  }

  @Test
  void binaryScoresCountThePositiveClass() {
    // By hand: y = [1,1,1,0,0,0,0], y_pred = [1,1,0,1,0,0,0]: tp 2, fp 1, fn 1, tn 3.
    Predictions p = classes(new double[] {1, 1, 1, 0, 0, 0, 0}, 1, 1, 0, 1, 0, 0, 0);
    assertEquals(2.0 / 3, metric("precision", p), 1e-12);
    assertEquals(2.0 / 3, metric("recall", p), 1e-12);
    assertEquals(2.0 / 3, metric("f1", p), 1e-12);
    assertEquals(5.0 / 7, metric("accuracy", p), 1e-12);
    // Weighted by support 3 and 4: class 0 has P 3/4, R 3/4; class 1 P 2/3.
    assertEquals((3 * 2.0 / 3 + 4 * 0.75) / 7, metric("f1_weighted", p), 1e-12);
  }

  @Test
  void noPredictedPositivesGiveZeroPrecisionAsScikitLearnsDefault() {
    // scikit-learn precision_score(zero_division="warn") returns 0.0 when tp + fp = 0.
    Predictions p = classes(new double[] {1, 0, 1}, 0, 0, 0);
    assertEquals(0.0, metric("precision", p), 0);
    assertEquals(0.0, metric("f1", p), 0);
  }

  @Test
  void confusionMatrixMatchesTheScikitLearnDocstringExample() {
    // confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]) docstring result.
    Predictions p = classes(new double[] {2, 0, 2, 2, 0, 1}, 0, 0, 2, 2, 0, 2);
    long[][] expected = {{2, 0, 0}, {0, 0, 1}, {1, 0, 2}};
    long[][] actual = ConfusionMatrix.of(p, null).counts();
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(expected[i], actual[i]);
    }
  }

  @Test
  void regressionErrorsMatchTheScikitLearnDocstringExamples() {
    // y_true = [3, -0.5, 2, 7], y_pred = [2.5, 0.0, 2, 8] in the docstrings of
    // mean_absolute_error (0.5), mean_squared_error (0.375, so RMSE = sqrt(0.375)), r2_score
    // (0.948...; by hand 1 - 1.5 / 29.1875) and mean_absolute_percentage_error (0.3273...).
    Predictions p = regression(new double[] {3, -0.5, 2, 7}, 2.5, 0.0, 2, 8);
    assertEquals(0.5, metric("mae", p), 1e-12);
    assertEquals(Math.sqrt(0.375), metric("rmse", p), 1e-12);
    assertEquals(0.9486081370449679, metric("r2", p), 1e-12);
    assertEquals(0.3273809523809524, metric("mape", p), 1e-12);
  }

  @Test
  void constantLabelsGiveAFiniteR2() {
    // scikit-learn r2_score(force_finite=True): 1.0 for a perfect fit, 0.0 otherwise.
    assertEquals(1.0, metric("r2", regression(new double[] {2, 2}, 2, 2)), 0);
    assertEquals(0.0, metric("r2", regression(new double[] {2, 2}, 1, 3)), 0);
  }

  @Test
  void anEmptySelectionLeavesEveryMetricUndefined() {
    Predictions p = binary(new double[] {0, 1}, 0.2, 0.8);
    int[] none = {0, 0};
    for (String name : BuiltinMetrics.names()) {
      if (!name.startsWith("mae") && !name.startsWith("rmse") && !name.equals("r2")
          && !name.equals("mape")) {
        assertTrue(Double.isNaN(BuiltinMetrics.find(name).orElseThrow().compute(p, none)), name);
      }
    }
    Predictions r = regression(new double[] {1, 2}, 1, 2);
    for (String name : new String[] {"mae", "rmse", "r2", "mape"}) {
      assertTrue(Double.isNaN(BuiltinMetrics.find(name).orElseThrow().compute(r, none)), name);
    }
  }

  @Test
  void badPredictionsAreRejectedWithTheirRow() {
    IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
        () -> Predictions.of(new double[] {0, 1}, new float[][] {{0.5f}}));
    assertTrue(lengths.getMessage().contains("same length"), lengths.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> Predictions.of(new double[] {0, 1}, new float[][] {{0.5f}, {Float.NaN}}));
    assertTrue(nan.getMessage().contains("row 1"), nan.getMessage());
  }
}
