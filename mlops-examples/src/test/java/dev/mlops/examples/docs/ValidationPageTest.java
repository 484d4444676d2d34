package dev.mlops.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.validation.Bootstrap;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.MetaMetrics;
import dev.mlops.api.validation.OnnxModel;
import dev.mlops.api.validation.Predictor;
import dev.mlops.api.validation.SliceCheck;
import dev.mlops.api.validation.Spread;
import dev.mlops.api.validation.StabilityCheck;
import dev.mlops.api.validation.TrainingOverlapCheck;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.api.validation.Validator;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of docs/validation.md: the region between {@code // snippet:NAME} and
 * {@code // end:NAME} is shown on the page (DocsSnippetsTest keeps the two equal) and runs here
 * with a real ONNX candidate, a champion in plain Java and a real store.
 */
@DisplayName("docs/validation.md")
class ValidationPageTest {
  /** The candidate scores class 1 by 2 x0, the rule the labels follow up to noise. */
  private static final float[][] CANDIDATE = {{-1f, 1f}, {0f, 0f}, {0f, 0f}};
  /** The champion scores class 1 by 2 (x0 + x1): worse. */
  private static final float[][] CHAMPION = {{-1f, 1f}, {-1f, 1f}, {0f, 0f}};
  private static final float[] BIAS = {0f, 0f};

  @TempDir Path dir;

  @Test
  @DisplayName("the suite's checks judge the candidate, and the report is stored, linked and drawn")
  void quickStart() throws IOException {
    URI storeUri = dir.resolve("store").toUri();
    Path candidateFile = OnnxTestModels.write(OnnxTestModels.logisticRegression(CANDIDATE, BIAS),
        dir.resolve("churn-7.onnx"));
    Predictor championPredictor = rows -> score(CHAMPION, rows);
    SplittableRandom random = new SplittableRandom(17);
    float[][] features = rows(random, 2000);
    double[] labels = labels(random, features);
    List<String> names = List.of("tenure", "spend", "tickets");
    String[] regions = new String[features.length];
    for (int i = 0; i < regions.length; i++) {
      regions[i] = random.nextBoolean() ? "north" : "south";
    }
    float[][] trainingRows = rows(random, 2000);
    LabelledData training = LabelledData.of(trainingRows, labels(random, trainingRows)).withFeatureNames(names);
    Path htmlFile = dir.resolve("report.html");

    // snippet:validation-quick-start
    try (MlOps mlops = MlOps.open(storeUri)) {         // MlOps.open(): $MLOPS_STORE or ./.mlops
      Validator validator = mlops.validator();
      ValidationSuite suite = ValidationSuite.builder()
          .name("churn-gate")
          .bootstrap(Bootstrap.ofDefaults())                           // 1,000 resamples, 95 %, seed 42, BCa
          .requireWithConfidence("auc", Comparison.AT_LEAST, 0.85)     // the interval's lower bound
          .notWorseThanBaseline("auc", true, 0.01)                     // vs the champion, absolute
          .check(new SliceCheck("recall", "region", List.of(), 0.05, 30))
          .check(new StabilityCheck("auc", 5, 7, Spread.STD, 0.02))
          .require(MetaMetrics.LATENCY_P99_SINGLE, Comparison.AT_MOST, 5.0)
          .check(new TrainingOverlapCheck(0.0))
          .build();
      ValidationReport report = validator.validate(ValidationRequest.builder()
          .suite(suite)
          .candidateModel(OnnxModel.of(Files.readAllBytes(candidateFile), "churn/7"))
          .baseline(championPredictor)
          .data(LabelledData.of(features, labels).withFeatureNames(names).withAttribute("region", regions))
          .trainingData(training)
          .model("churn/7")                                            // links the report to the version
          .build());
      Files.writeString(htmlFile, validator.toHtml(report));            // e.g. Path.of("report.html")
    }
    // the registry's extra gate, given when MlOps is built (the stored gate is in registry.md):
    // MlOps.builder().promotionGate(m -> m.validator().promotionGate(Optional.of("churn-gate")))
    // end:validation-quick-start

    try (MlOps mlops = MlOps.open(storeUri)) {
      List<String> linked = mlops.validator().reportsFor("churn/7");
      assertEquals(1, linked.size(), "the report is stored and linked to churn/7");
      ValidationReport report = mlops.validator().report(linked.get(0));
      double auc = pairwiseAuc(score(CANDIDATE, features), labels);
      assertEquals(auc, report.metrics().get("auc"), 1e-9, "the O(n^2) pairwise count computed here");
      assertEquals(6, report.checks().size());
      for (int i = 0; i < 6; i++) {
        // The fifth check, on latency, depends on the machine's load: it is only required to be measured.
        assertTrue(i == 4 || report.checks().get(i).passed(), report.checks().get(i).toString());
      }
      CheckResult bound = report.checks().get(0);
      assertTrue(bound.interval().orElseThrow().lower() >= 0.85 && bound.interval().orElseThrow().lower() < auc,
          bound.toString());
      assertTrue(report.metrics().get(MetaMetrics.LATENCY_P99_SINGLE) > 0);
      String html = Files.readString(htmlFile);
      assertTrue(html.contains("churn-gate") && html.contains("churn/7"), "the HTML report names suite and model");
      assertFalse(html.contains("<script"), "self-contained, no script");
    }
  }

  /** Standard normal feature rows. */
  private static float[][] rows(SplittableRandom random, int n) {
    float[][] rows = new float[n][3];
    for (float[] row : rows) {
      for (int f = 0; f < 3; f++) {
        row[f] = (float) random.nextGaussian();
      }
    }
    return rows;
  }

  /** Churned (1) when x0 plus half a unit of noise is positive. */
  private static double[] labels(SplittableRandom random, float[][] rows) {
    double[] labels = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      labels[i] = rows[i][0] + 0.5 * random.nextGaussian() > 0 ? 1 : 0;
    }
    return labels;
  }

  /** Class probabilities of the logistic regression in plain Java (core's reference). */
  private static float[][] score(float[][] weights, float[][] rows) {
    float[][] out = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = OnnxTestModels.expected(weights, BIAS, rows[i]);
    }
    return out;
  }

  /** ROC AUC as the share of (positive, negative) pairs ordered right, ties counting 1/2. */
  private static double pairwiseAuc(float[][] probabilities, double[] labels) {
    double right = 0;
    long pairs = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 1) {
        continue;
      }
      for (int j = 0; j < labels.length; j++) {
        if (labels[j] == 0) {
          float p = probabilities[i][1];
          float q = probabilities[j][1];
          right += p > q ? 1 : p == q ? 0.5 : 0;
          pairs++;
        }
      }
    }
    return right / pairs;
  }
}
