package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ChampionRule;
import dev.mlops.api.registry.GateData;
import dev.mlops.api.registry.GateDecision;
import dev.mlops.api.registry.GateSpec;
import dev.mlops.api.registry.GateVersion;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protected aliases' gates stored as data: every client on the store applies them, the history
 * names the gate version that decided, and the collector keeps what they read.
 */
class StoredGateTest {
  /** Predicts class 1 when x0 > 0: exactly the rule the labels follow, so its accuracy is 1. */
  static final float[][] GOOD = {{-1f, 1f}, {0f, 0f}, {0f, 0f}};
  /** Predicts class 1 when x0 + x1 > 0: right on part of the rows only (see {@link #mixedAccuracy}). */
  static final float[][] MIXED = {{-1f, 1f}, {-1f, 1f}, {0f, 0f}};
  /** Predicts class 1 when x0 < 0: always wrong. */
  static final float[][] BAD = {{1f, -1f}, {0f, 0f}, {0f, 0f}};
  static final float[] BIAS = {0f, 0f};

  @TempDir Path dir;

  private final float[][] rows = rows(400, 11);

  @Test
  void aStoredGatePassesAGoodCandidateAndTheHistoryNamesTheGateVersion() throws IOException {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      ModelRegistry models = setUp(mlops);
      GateVersion gate = models.setGate("churn", "production", spec(0.9, ChampionRule.CHAMPION_IS_BASELINE), "ana");
      assertEquals(1, gate.version());

      PromotionRequest request = models.requestPromotion("churn", "production", 1, "ana", "first");
      assertEquals(1, models.resolve("churn@production").version());
      assertEquals(1, request.gate().getAsInt());
      assertTrue(request.gateReasons().get(0).startsWith("churn@production gate 1 passed churn/1"),
          request.gateReasons().toString());
      AliasMove move = models.aliasHistory("churn", "production").get(0);
      assertEquals(1, move.gate().getAsInt(), "the history names the gate version that decided");
      assertEquals(1, mlops.validator().reportsFor("churn/1").size(), "the gate's report is stored and linked");
    }
  }

  @Test
  void aSecondMlOpsOnTheSameStoreAppliesTheSameGate() throws IOException {
    Path store = dir.resolve("store");
    try (MlOps first = MlOps.local(store)) {
      setUp(first).setGate("churn", "production", spec(0.9, ChampionRule.NO_BASELINE), "ana");
    }
    try (MlOps second = MlOps.local(store)) {
      ModelRegistry models = second.models();
      GateFailedException refused = assertThrows(GateFailedException.class,
          () -> models.requestPromotion("churn", "production", 3, "ben", "the bad one"));
      assertTrue(refused.getMessage().contains("churn@production gate 1 refused churn/3"), refused.getMessage());
      assertTrue(refused.getMessage().contains("accuracy >= 0.9"), refused.getMessage());
      assertTrue(models.aliases("churn").isEmpty(), "a refusal moves nothing");
      assertTrue(models.promotions("churn").isEmpty(), "and records no request");

      assertEquals(1, models.requestPromotion("churn", "production", 1, "ben", "the good one").gate().getAsInt());
      assertEquals(1, models.resolve("churn@production").version());
    }
  }

  @Test
  void changingTheGateStoresANewVersionAndTheOldOneStaysReadable() throws IOException {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      ModelRegistry models = setUp(mlops);
      assertEquals(1, models.setGate("churn", "production", spec(0.9, ChampionRule.NO_BASELINE), "ana").version());
      assertEquals(1, models.setGate("churn", "production", spec(0.9, ChampionRule.NO_BASELINE), "ben").version(),
          "the same gate again stores nothing");
      models.requestPromotion("churn", "production", 1, "ana", "under gate 1");

      assertEquals(2, models.setGate("churn", "production", spec(0.5, ChampionRule.NO_BASELINE), "ana").version());
      assertEquals(2, models.gate("churn", "production").orElseThrow().version());
      assertEquals(0.9, threshold(models.gate("churn", "production", 1)), "gate 1 is immutable");
      assertEquals(0.5, threshold(models.gate("churn", "production", 2)));
      models.requestPromotion("churn", "production", 2, "ana", "under gate 2");

      List<Integer> deciders = models.aliasHistory("churn", "production").stream()
          .map(m -> m.gate().getAsInt()).toList();
      assertEquals(List.of(1, 2), deciders);
      assertThrows(NotFoundException.class, () -> models.gate("churn", "production", 3));
    }
  }

  @Test
  void theChampionIsTheBaselineOfChangeThresholdsAndTheFirstPromotionLeavesThemOut() throws IOException {
    double mixed = mixedAccuracy(rows);
    assertTrue(mixed > 0.6 && mixed < 0.99, "precondition: the mixed model clears 0.6 but is worse than 1.0: " + mixed);
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      ModelRegistry models = setUp(mlops);
      ValidationSuite suite = ValidationSuite.builder().name("churn-gate")
          .require("accuracy", Comparison.AT_LEAST, 0.6).notWorseThanBaseline("accuracy", true, 0.01).build();
      models.setGate("churn", "production", new GateSpec(suite, data(), ChampionRule.CHAMPION_IS_BASELINE), "ana");

      PromotionRequest first = models.requestPromotion("churn", "production", 1, "ana", "no champion yet");
      assertTrue(first.gateReasons().get(0).contains("no champion yet: the change thresholds were left out"),
          first.gateReasons().toString());
      GateFailedException worse = assertThrows(GateFailedException.class,
          () -> models.requestPromotion("churn", "production", 2, "ana", "clears 0.6, worse than the champion"));
      assertTrue(worse.getMessage().contains("baseline churn/1"), worse.getMessage());
      assertEquals(1, models.resolve("churn@production").version());

      IllegalArgumentException never = assertThrows(IllegalArgumentException.class, () -> models.setGate("churn",
          "production", new GateSpec(suite, data(), ChampionRule.NO_BASELINE), "ana"));
      assertTrue(never.getMessage().contains("CHAMPION_IS_BASELINE"), never.getMessage());
    }
  }

  @Test
  void theDataIsPinnedToTheVersionItNamedWhenTheGateWasSetAndATableWorksToo() throws IOException {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      ModelRegistry models = setUp(mlops);
      String v1 = mlops.datasets().resolve("holdout@main").ref().versionId();
      mlops.datasets().commit(CommitRequest.builder().dataset("holdout")
          .addTable("rows", new TableSource.FromCsv(csv("rows.csv"), Optional.empty())).build());
      GateData pinned = models.setGate("churn", "production", spec(0.9, ChampionRule.NO_BASELINE), "ana")
          .spec().data();
      assertFalse(pinned.dataset().endsWith(v1), "main moved on; the gate pins the version main names now");

      GateVersion onTable = models.setGate("churn", "production", new GateSpec(spec(0.9, ChampionRule.NO_BASELINE)
          .suite(), new GateData("holdout@main", "rows", "label"), ChampionRule.NO_BASELINE), "ana");
      assertEquals(2, onTable.version());
      assertEquals(2, models.requestPromotion("churn", "production", 1, "ana", "on the Arrow table").gate()
          .getAsInt());
      NotFoundException noLabel = assertThrows(NotFoundException.class, () -> models.setGate("churn", "production",
          new GateSpec(suite(0.9), new GateData("holdout@main", "rows", "churned"), ChampionRule.NO_BASELINE), "ana"));
      assertTrue(noLabel.getMessage().contains("churned"), noLabel.getMessage());
    }
  }

  @Test
  void theExtraJavaGateGivenAtBuildTimeRunsAfterTheStoredGate() throws IOException {
    Path store = dir.resolve("store");
    try (MlOps plain = MlOps.local(store)) {
      setUp(plain).setGate("churn", "production", spec(0.9, ChampionRule.NO_BASELINE), "ana");
    }
    try (MlOps frozen = MlOps.builder().uri(store.toUri())
        .promotionGate(m -> (candidate, alias) -> GateDecision.fail("change freeze until Monday")).build()) {
      GateFailedException e = assertThrows(GateFailedException.class,
          () -> frozen.models().requestPromotion("churn", "production", 1, "ana", "passes the stored gate"));
      assertTrue(e.getMessage().contains("The extra promotion gate refused churn/1") && e.getMessage().contains("change freeze"),
          e.getMessage());
    }
    try (MlOps open = MlOps.builder().uri(store.toUri())
        .promotionGate(m -> (candidate, alias) -> GateDecision.pass("no freeze")).build()) {
      PromotionRequest request = open.models().requestPromotion("churn", "production", 1, "ana", "both pass");
      assertEquals(2, request.gateReasons().size(), request.gateReasons().toString());
      assertEquals("no freeze", request.gateReasons().get(1));
      assertThrows(IllegalStateException.class, () -> MlOps.builder().promotionGate(m -> null)
          .promotionGate(m -> null), "set once");
    }
  }

  @Test
  void garbageCollectionKeepsGateDocumentsAndTheDataTheyValidateOn() throws IOException {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      ModelRegistry models = setUp(mlops);
      GateVersion gate = models.setGate("churn", "production", spec(0.9, ChampionRule.NO_BASELINE), "ana");
      // Control: a second dataset's only version, with nothing but its head keeping it.
      String scratch = mlops.datasets().commit(CommitRequest.builder().dataset("scratch")
          .add("rows.csv", Files.writeString(dir.resolve("other.csv"), "x0,label\n1,1\n")).build()).ref().toString();
      mlops.datasets().deleteHead("holdout", "main");
      mlops.datasets().deleteHead("scratch", "main");
      mlops.datasets().resolve(scratch); // still there before the collection

      mlops.inspector().gc(Duration.ZERO, false);

      // The control was collected, so the collector did run and delete.
      assertThrows(NotFoundException.class, () -> mlops.datasets().resolve(scratch));
      assertEquals(gate, models.gate("churn", "production").orElseThrow(), "the gate document is kept");
      assertEquals(1, models.requestPromotion("churn", "production", 1, "ana", "after gc").gate().getAsInt(),
          "its data, reachable from the gate alone, is kept");
      assertTrue(mlops.inspector().verify().ok());
    }
  }

  @Test
  void gateDocumentsDecodeStrictly() throws IOException {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      setUp(mlops).setGate("churn", "production", spec(0.9, ChampionRule.NO_BASELINE), "ana");
      String key = RegistryKeys.gate("churn", "production", 1);
      String stored = new String(mlops.store().get(key).orElseThrow().bytes(), StandardCharsets.UTF_8);
      Docs.gate(stored.getBytes(StandardCharsets.UTF_8), key); // the stored one reads

      List<String> damaged = List.of(
          stored.replace("\"champion\":", "\"extra\":1,\"champion\":"),          // unknown field
          stored.replace("\"label\":\"label\",", ""),                           // missing field
          stored.replace("\"NO_BASELINE\"", "\"SOMETIMES\""),                   // unknown rule
          stored.replaceFirst("\"dataset\":\"holdout@[0-9a-f]{64}\"", "\"dataset\":\"holdout@main\""), // not pinned
          stored.replace("\"type\":\"value\"", "\"type\":\"vibes\""),           // a suite the validator cannot read
          stored.replace("\"version\":1", "\"version\":\"1\""));                // a number as text
      for (String doc : damaged) {
        assertFalse(doc.equals(stored), "the damage applies: " + doc);
        assertThrows(IntegrityException.class, () -> Docs.gate(doc.getBytes(StandardCharsets.UTF_8), key), doc);
      }
      assertThrows(IntegrityException.class, () -> Docs.gate(stored.getBytes(StandardCharsets.UTF_8),
          RegistryKeys.gate("churn", "production", 2)), "a document under another version's key");
    }
  }

  /** Registers good, mixed and bad models, commits the holdout CSV and protects production with a gate. */
  private ModelRegistry setUp(MlOps mlops) throws IOException {
    ModelRegistry models = mlops.models();
    for (float[][] weights : List.of(GOOD, MIXED, BAD)) {
      Path file = OnnxTestModels.write(OnnxTestModels.logisticRegression(weights, BIAS),
          Files.createTempFile(dir, "m", ".onnx"));
      models.register(ModelSpec.builder().model("churn").artifact(file, ModelFormat.ONNX).build());
    }
    mlops.datasets().commit(CommitRequest.builder().dataset("holdout").add("rows.csv", csv("rows.csv")).build());
    models.protect("churn", "production", AliasPolicy.gateAndApprovals(0));
    return models;
  }

  private static double threshold(GateVersion gate) {
    return ((dev.mlops.api.validation.ValueThreshold) gate.spec().suite().checks().get(0)).threshold();
  }

  private GateSpec spec(double accuracy, ChampionRule rule) {
    return new GateSpec(suite(accuracy), data(), rule);
  }

  private static ValidationSuite suite(double accuracy) {
    return ValidationSuite.builder().name("churn-gate").require("accuracy", Comparison.AT_LEAST, accuracy).build();
  }

  private static GateData data() {
    return new GateData("holdout@main", "rows.csv", "label");
  }

  private Path csv(String name) throws IOException {
    StringBuilder text = new StringBuilder("x0,x1,x2,label\n");
    for (float[] row : rows) {
      text.append(row[0]).append(',').append(row[1]).append(',').append(row[2]).append(',')
          .append(row[0] > 0 ? 1 : 0).append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  private static float[][] rows(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] rows = new float[n][3];
    for (float[] row : rows) {
      for (int j = 0; j < 3; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    return rows;
  }

  /** The mixed model's accuracy computed here in plain Java: its rule x0 + x1 > 0 against the labels' x0 > 0. */
  private static double mixedAccuracy(float[][] rows) {
    int right = 0;
    for (float[] row : rows) {
      right += (row[0] + row[1] > 0) == (row[0] > 0) ? 1 : 0;
    }
    return right / (double) rows.length;
  }
}
