package dev.mlops.benchmarks.validation;

import dev.mlops.api.Comparison;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.Predictor;
import dev.mlops.api.validation.SliceCheck;
import dev.mlops.api.validation.Spread;
import dev.mlops.api.validation.StabilityCheck;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.internal.validation.DefaultValidator;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole validation of 1,000,000 rows of predictions: 6 metrics (accuracy, f1, auc, pr_auc,
 * log_loss, brier), 3 slice checks (an attribute with 3 values, one with 5, a numeric feature in 3
 * buckets) and a K=5 stability check, stored as a report in an in-memory store. The predictor
 * returns the probability held in feature 0, so the time is the validator's, not a model's.
 * Baseline in the same run: {@code sortScoresBaseline}, one {@code Arrays.sort} of the 1,000,000
 * scores (the least any exact AUC by sorting costs).
 *
 * Target: {@code validateSuite} &le; 2 s on 2 cores.
 *
 * <pre>java -jar mlops-benchmarks/target/benchmarks.jar SuiteEvaluation</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class SuiteEvaluationBenchmark {
  private static final int ROWS = 1_000_000;

  private DefaultValidator validator;
  private ValidationRequest request;
  private float[] scores;

  /** Builds the data, the suite and the validator. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(1);
    float[][] features = new float[ROWS][];
    double[] labels = new double[ROWS];
    String[] region = new String[ROWS];
    String[] segment = new String[ROWS];
    scores = new float[ROWS];
    for (int i = 0; i < ROWS; i++) {
      labels[i] = random.nextInt(2);
      float p = (float) (labels[i] * 0.3 + random.nextDouble() * 0.7);
      features[i] = new float[] {p, (float) random.nextDouble(100)};
      scores[i] = p;
      region[i] = "r" + i % 3;
      segment[i] = "s" + i % 5;
    }
    LabelledData data = LabelledData.of(features, labels)
        .withFeatureNames(List.of("p", "amount"))
        .withAttribute("region", region).withAttribute("segment", segment);
    ValidationSuite suite = ValidationSuite.builder().name("bench")
        .require("accuracy", Comparison.AT_LEAST, 0.5).require("f1", Comparison.AT_LEAST, 0.5)
        .require("auc", Comparison.AT_LEAST, 0.5).require("pr_auc", Comparison.AT_LEAST, 0.5)
        .require("log_loss", Comparison.AT_MOST, 5).require("brier", Comparison.AT_MOST, 1)
        .check(new SliceCheck("auc", "region", List.of(), 0.05, 30))
        .check(new SliceCheck("accuracy", "segment", List.of(), 0.05, 30))
        .check(new SliceCheck("f1", "amount", List.of(33.0, 66.0), 0.05, 30))
        .check(new StabilityCheck("auc", 5, 7, Spread.STD, 0.01))
        .build();
    Predictor model = rows -> {
      float[][] out = new float[rows.length][];
      for (int i = 0; i < rows.length; i++) {
        out[i] = new float[] {1 - rows[i][0], rows[i][0]};
      }
      return out;
    };
    request = ValidationRequest.builder().suite(suite).candidate(model).data(data).build();
    validator = new DefaultValidator(InMemoryObjectStore.create(), Clock.systemUTC());
  }

  /** The whole suite, report stored. */
  @Benchmark
  public ValidationReport validateSuite() {
    return validator.validate(request);
  }

  /** One sort of the scores. */
  @Benchmark
  public float[] sortScoresBaseline() {
    float[] copy = scores.clone();
    Arrays.sort(copy);
    return copy;
  }
}
