package dev.mlops.examples.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ChampionRule;
import dev.mlops.api.registry.GateData;
import dev.mlops.api.registry.GateDecision;
import dev.mlops.api.registry.GateSpec;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.Prediction;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.registry.PromotionStatus;
import dev.mlops.api.registry.RegistryListener;
import dev.mlops.api.registry.TensorSpec;
import dev.mlops.api.registry.Tensor;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.Eventually;
import dev.mlops.core.testing.OnnxTestModels;
import dev.mlops.core.testing.TestClock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of docs/registry.md: each region between {@code // snippet:NAME} and {@code // end:NAME}
 * is shown on the page (DocsSnippetsTest keeps the two equal) and runs here on a real store with
 * real ONNX models (core's {@link OnnxTestModels}, as the page's last section tells tests to).
 */
@DisplayName("docs/registry.md")
class RegistryPageTest {
  /** Scores class 1 by 2 x0: always right on {@link ChurnRows} (AUC 1). */
  private static final float[][] GOOD = {{-1f, 1f}, {0f, 0f}, {0f, 0f}};
  /** Scores class 1 by 2 (x0 + x1): right on part of the rows only. */
  private static final float[][] WEAK = {{-1f, 1f}, {-1f, 1f}, {0f, 0f}};
  /** Scores class 1 by -2 x0: always wrong (AUC 0). */
  private static final float[][] BAD = {{1f, -1f}, {0f, 0f}, {0f, 0f}};
  private static final float[] BIAS = {0f, 0f};

  @TempDir Path dir;

  /** Where the host posts messages (a chat channel in the page's listener). */
  interface Chat {
    void post(String message);
  }

  /** The host's change freeze, read by the page's extra gate. */
  static final class ChangeFreeze {
    private final Instant end;
    private volatile boolean active = true;

    ChangeFreeze(Instant end) {
      this.end = end;
    }

    boolean active() {
      return active;
    }

    Instant end() {
      return end;
    }

    void lift() {
      active = false;
    }
  }

  @Test
  @DisplayName("registering copies the run's lineage and metrics and prints the signature it read")
  void registering() throws IOException {
    URI storeUri = dir.resolve("store").toUri();
    Path churnOnnx = OnnxTestModels.write(OnnxTestModels.logisticRegression(new float[12][2], BIAS),
        dir.resolve("churn.onnx"));
    String runId;
    try (MlOps setup = MlOps.open(storeUri)) {
      register(setup, WEAK);
      register(setup, WEAK);
      try (Run run = setup.experiments().start(RunSpec.builder().experiment("churn").build())) {
        run.log("auc", 0.91);
        runId = run.id();
      }
    }

    String printed = Console.printed(() -> {
      // snippet:registry-register
      try (MlOps mlops = MlOps.open(storeUri)) {         // MlOps.open(): $MLOPS_STORE or ./.mlops
        ModelRegistry models = mlops.models();
        ModelVersion v = models.register(ModelSpec.builder()
            .model("churn")
            .artifact(churnOnnx, ModelFormat.ONNX)       // e.g. Path.of("build/churn.onnx")
            .run(runId)                      // optional: lineage and metrics come from the run
            .tag("team", "retention")
            .description("logistic regression, 12 features")
            .build());
        TensorSpec input = v.signature().orElseThrow().inputs().get(0);
        System.out.println(v + " takes " + input.name() + " " + input.elementType() + " " + input.shape());
      }
      // end:registry-register
    });

    assertEquals("churn/3 takes features FLOAT [-1, 12]", printed.strip(), "the page's sample output");
    try (MlOps mlops = MlOps.open(storeUri)) {
      ModelVersion v = mlops.models().resolve("churn@3");
      assertEquals(Optional.of(runId), v.lineage().runId());
      assertEquals(Map.of("auc", 0.91), v.metrics(), "no metric given: the run's latest are copied");
      assertEquals(Map.of("team", "retention"), v.tags());
      assertEquals(Files.size(churnOnnx), v.artifactSize());
    }
  }

  @Test
  @DisplayName("aliases swap in one move, keep their history, answer for a past time and roll back")
  void aliases() throws IOException {
    TestClock clock = TestClock.at(Instant.parse("2026-02-27T09:00:00Z"));
    try (MlOps mlops = MlOps.builder().uri(dir.resolve("store").toUri()).clock(clock).build()) {
      ModelRegistry models = mlops.models();
      for (int i = 0; i < 4; i++) {
        register(mlops, GOOD);
      }
      models.moveAliases("churn", Map.of("champion", 3, "challenger", 4), "ana", "A/B test");
      models.moveAliases("churn", Map.of("production", 2), "ana", "release 2");
      clock.set(Instant.parse("2026-03-02T09:00:00Z").toEpochMilli());
      models.moveAliases("churn", Map.of("production", 3), "ana", "release 3");

      // snippet:registry-aliases
      models.moveAliases("churn", Map.of("champion", 4, "challenger", 3), "ana", "swap after A/B test");
      models.aliasHistory("churn", "champion");     // every move: from, to, who, when, why
      models.aliasAt("churn", "production", Instant.parse("2026-03-01T12:00:00Z"));  // Optional<ModelVersion>
      models.rollback("churn", "production", "oncall", "latency regression");       // back to the previous target
      // end:registry-aliases

      assertEquals(Map.of("champion", 4, "challenger", 3, "production", 2), models.aliases("churn"));
      List<AliasMove> champion = models.aliasHistory("churn", "champion");
      assertEquals(2, champion.size());
      AliasMove swap = champion.get(1);
      assertEquals(List.of(3, 4, "ana", "swap after A/B test"),
          List.of(swap.from().getAsInt(), swap.to().getAsInt(), swap.actor(), swap.reason()));
      assertEquals(swap.at(), models.aliasHistory("churn", "challenger").get(1).at(), "one entry moved both");
      assertEquals(2, models.aliasAt("churn", "production", Instant.parse("2026-03-01T12:00:00Z"))
          .orElseThrow().version(), "production pointed to 2 from Feb 27 to Mar 2");
      AliasMove rollback = models.aliasHistory("churn", "production").get(2);
      assertEquals(List.of(3, 2, "oncall", "latency regression"), List.of(rollback.from().getAsInt(),
          rollback.to().getAsInt(), rollback.actor(), rollback.reason()));
    }
  }

  @Test
  @DisplayName("a renamed model keeps its versions and aliases under the new name")
  void rename() throws IOException {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      ModelRegistry models = mlops.models();
      register(mlops, GOOD);
      register(mlops, GOOD);
      models.moveAliases("churn", Map.of("production", 2), "ana", "release 2");
      // snippet:registry-rename
      models.rename("churn", "attrition", "ana");   // List<ModelVersion>: the versions under the new name
      // end:registry-rename
      assertEquals(List.of("attrition"), models.models());
      assertEquals(2, models.resolve("attrition@production").version());
    }
  }

  @Test
  @DisplayName("a protected alias moves through its stored gate and two approvals; a rejection moves nothing")
  void gatesAndApprovals() throws IOException {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      ModelRegistry models = mlops.models();
      for (float[][] weights : List.of(BAD, BAD, WEAK, GOOD, GOOD)) {
        register(mlops, weights);
      }
      mlops.datasets().commit(CommitRequest.builder().dataset("customers")
          .add("holdout.csv", Files.writeString(dir.resolve("holdout.csv"), ChurnRows.csv(400, 11))).build());
      models.moveAliases("churn", Map.of("production", 3), "ana", "the champion so far");
      models.protect("churn", "canary", new AliasPolicy(false, 1, AliasPolicy.DEFAULT_EXPIRY));
      String otherId = models.requestPromotion("churn", "canary", 5, "dan", "try 5 on canary").id();

      // snippet:registry-gates
      models.protect("churn", "production", AliasPolicy.gateAndApprovals(2));   // gate + 2 approvals, 7 day expiry
      models.setGate("churn", "production", new GateSpec(                       // the gate, stored (below)
          ValidationSuite.builder().name("churn-gate")
              .require("auc", Comparison.AT_LEAST, 0.80)
              .notWorseThanBaseline("auc", true, 0.01).build(),
          new GateData("customers@main", "holdout.csv", "churned"),
          ChampionRule.CHAMPION_IS_BASELINE), "ana");

      PromotionRequest r = models.requestPromotion("churn", "production", 4, "ana", "better AUC");  // PENDING
      models.approve(r.id(), "ben");     // still PENDING
      models.approve(r.id(), "cleo");    // APPROVED: production -> 4, recorded with actor cleo
      models.reject(otherId, "ben", "canary errors");
      models.promotions("churn");        // every request with its status
      // end:registry-gates

      assertEquals(PromotionStatus.PENDING, r.status());
      assertTrue(r.gateReasons().get(0).contains("gate 1 passed churn/4")
          && r.gateReasons().get(0).contains("baseline churn/3"), r.gateReasons().toString());
      PromotionRequest approved = models.promotion(r.id());
      assertEquals(PromotionStatus.APPROVED, approved.status());
      assertEquals(List.of("ben", "cleo"), approved.approvers());
      List<AliasMove> production = models.aliasHistory("churn", "production");
      assertEquals(2, production.size(), "ben's approval alone moved nothing");
      assertEquals(List.of(4, "cleo", 1), List.of(production.get(1).to().getAsInt(), production.get(1).actor(),
          production.get(1).gate().getAsInt()));
      assertEquals(PromotionStatus.REJECTED, models.promotion(otherId).status());
      assertEquals(Map.of("production", 4), models.aliases("churn"), "the rejected canary request moved nothing");
      assertEquals(List.of(otherId, r.id()), models.promotions("churn").stream().map(PromotionRequest::id).toList());
      GateFailedException refused = assertThrows(GateFailedException.class,
          () -> models.requestPromotion("churn", "production", 1, "ana", "always wrong"));
      assertTrue(refused.getMessage().contains("gate 1 refused churn/1"), refused.getMessage());
    }
  }

  @Test
  @DisplayName("the extra Java gate decides in the instance built with it, and only there")
  void extraJavaGate() throws IOException {
    URI storeUri = dir.resolve("store").toUri();
    try (MlOps setup = MlOps.open(storeUri)) {
      register(setup, GOOD);
      setup.models().protect("churn", "production", AliasPolicy.gateAndApprovals(0)); // no stored gate
    }
    ChangeFreeze freeze = new ChangeFreeze(Instant.parse("2027-01-04T00:00:00Z"));

    // snippet:registry-extra-gate
    MlOps mlops = MlOps.builder()
        .uri(storeUri)                                   // e.g. URI.create("s3://models/prod")
        .promotionGate(m -> (candidate, alias) -> freeze.active()
            ? GateDecision.fail("change freeze until " + freeze.end()) : GateDecision.pass("no freeze"))
        .build();
    // end:registry-extra-gate

    try (mlops; MlOps plain = MlOps.open(storeUri)) {
      GateFailedException frozen = assertThrows(GateFailedException.class,
          () -> mlops.models().requestPromotion("churn", "production", 1, "ana", "release"));
      assertTrue(frozen.getMessage().contains("change freeze until 2027-01-04T00:00:00Z"), frozen.getMessage());
      freeze.lift();
      assertThrows(GateFailedException.class,
          () -> plain.models().requestPromotion("churn", "production", 1, "ana", "release"),
          "an instance built without the extra gate has no gate for this alias");
      PromotionRequest request = mlops.models().requestPromotion("churn", "production", 1, "ana", "release");
      assertEquals(PromotionStatus.APPROVED, request.status());
      assertEquals(List.of("no freeze"), request.gateReasons());
      assertEquals(1, plain.models().resolve("churn@production").version());
    }
  }

  @Test
  @DisplayName("a handle on an alias serves the version it points to, as plain Java arrays")
  void serving() throws IOException {
    float[] bias = {0.5f, -0.5f};
    String printed;
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      register(mlops, WEAK);
      mlops.models().register(ModelSpec.builder().model("churn").artifact(OnnxTestModels.write(
          OnnxTestModels.logisticRegression(GOOD, bias), dir.resolve("good.onnx")), ModelFormat.ONNX).build());
      mlops.models().moveAliases("churn", Map.of("production", 2), "ana", "release");
      printed = Console.printed(() -> {
        // snippet:registry-serve
        try (ModelHandle handle = mlops.models().load("churn@production")) {
          Prediction p = handle.predict(Tensor.ofFloats(new float[][] {{0.3f, 1.2f, 5f}}));
          float[][] probabilities = p.output("probabilities").floatRows();
          System.out.println("served by " + p.version() + ": " + Arrays.toString(probabilities[0]));
        }
        // end:registry-serve
      });
    }
    Matcher line = Pattern.compile("served by churn/2: \\[(\\S+), (\\S+)\\]").matcher(printed.strip());
    assertTrue(line.matches(), printed);
    float[] probabilities = {Float.parseFloat(line.group(1)), Float.parseFloat(line.group(2))};
    assertArrayEquals(OnnxTestModels.expected(GOOD, bias, new float[] {0.3f, 1.2f, 5f}), probabilities, 1e-6f);
    // By hand: logits (-0.3 + 0.5, 0.3 - 0.5) = (0.2, -0.2); softmax's second is 1 / (1 + e^0.4).
    assertEquals(1 / (1 + Math.exp(0.4)), probabilities[1], 1e-6);
  }

  @Test
  @DisplayName("serving values set on the builder win over the system properties and serve")
  void servingConfiguration() throws IOException {
    URI storeUri = dir.resolve("store").toUri();
    try (MlOps other = MlOps.open(storeUri)) {
      register(other, GOOD);
      register(other, WEAK);
      other.models().moveAliases("churn", Map.of("production", 1), "ana", "release 1");
    }
    // Values no build() could parse: only a builder that sets both values never reads them.
    String oldBytes = System.setProperty("mlops.models.cache-bytes", "1GiB");
    String oldPeriod = System.setProperty("mlops.models.poll-period", "5s");
    try {
      IllegalArgumentException control = assertThrows(IllegalArgumentException.class,
          () -> MlOps.builder().uri(storeUri).build(), "control: without builder values the properties are read");
      assertTrue(control.getMessage().contains("mlops.models."), control.getMessage());

      // snippet:registry-serving-config
      MlOps mlops = MlOps.builder()
          .uri(storeUri)                             // e.g. URI.create("s3://models/prod")
          .modelCacheBytes(256L << 20)               // default MlOps.DEFAULT_MODEL_CACHE_BYTES, 1 GiB
          .aliasPollPeriod(Duration.ofSeconds(1))    // default MlOps.DEFAULT_ALIAS_POLL_PERIOD, 5 s
          .build();
      // end:registry-serving-config
      restore("mlops.models.cache-bytes", oldBytes);   // before other instances read them
      restore("mlops.models.poll-period", oldPeriod);

      try (mlops; MlOps other = MlOps.open(storeUri);
          ModelHandle handle = mlops.models().load("churn@production")) {
        assertEquals(1, servedVersion(handle));
        other.models().moveAliases("churn", Map.of("production", 2), "ana", "release 2");
        Eventually.await("the handle picks up a move made by another instance",
            () -> servedVersion(handle) == 2);
      }
    } finally {
      restore("mlops.models.cache-bytes", oldBytes);
      restore("mlops.models.poll-period", oldPeriod);
    }
  }

  @Test
  @DisplayName("a listener hears each alias move made through the registry, after a failing one")
  void listener() throws IOException {
    List<String> posted = new ArrayList<>();
    Chat slack = posted::add;
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      register(mlops, GOOD);
      register(mlops, WEAK);
      mlops.models().addListener(new RegistryListener() {
        @Override public void aliasMoved(AliasMove move) {
          throw new IllegalStateException("a broken listener");
        }
      });

      // snippet:registry-listener
      mlops.models().addListener(new RegistryListener() {
        @Override public void aliasMoved(AliasMove move) {
          move.to().ifPresent(version -> slack.post(move.alias() + " -> " + version));
        }
      });
      // end:registry-listener

      mlops.models().moveAliases("churn", Map.of("production", 1), "ana", "release 1");
      mlops.models().moveAliases("churn", Map.of("production", 2, "staging", 1), "ana", "release 2");
      assertEquals(2, mlops.models().resolve("churn@production").version());
    }
    assertEquals(List.of("production -> 1", "production -> 2", "staging -> 1"), posted.stream().sorted().toList());
  }

  private void register(MlOps mlops, float[][] weights) {
    Path file = OnnxTestModels.write(OnnxTestModels.logisticRegression(weights, BIAS),
        dir.resolve("m-" + System.nanoTime() + ".onnx"));
    mlops.models().register(ModelSpec.builder().model("churn").artifact(file, ModelFormat.ONNX).build());
  }

  private static int servedVersion(ModelHandle handle) {
    return handle.predict(Tensor.ofFloats(new float[][] {{1f, 0f, 0f}})).version().version();
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
