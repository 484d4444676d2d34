package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.api.validation.LabelledData;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesAndBuildersTest {
  @ParameterizedTest
  @ValueSource(strings = {"weather", "Weather_2", "a.b-c", "_private", "0day"})
  void acceptsNamesOfTheRule(String name) {
    assertTrue(Names.isValid(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "..", "../etc", "a/b", "ends.", ".hidden", "-dash", "sp ace",
      "\u00fcnicode", "tab\t"})
  void refusesNamesOutsideTheRuleNamingTheKind(String name) {
    InvalidNameException e = assertThrows(InvalidNameException.class,
        () -> Names.requireValid("dataset", name));
    assertTrue(e.getMessage().startsWith("Invalid dataset name"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "train/loss", "system/cpu_utilization_percentage", "a b/c d", ".a", "b.",
      "a..a/._./o_O/.e.", "\u6e29\u5ea6", "\u00fcber-Loss", "Loss", "loss"})
  void acceptsKeysOfMlflowsRule(String key) {
    assertTrue(Names.isValidKey(key), key);
    assertEquals(key, Names.requireValidKey("metric key", key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "/", "..", "//", "a//b", "a/./b", "/a", "a/", ":", "\\", "./", "/./", "../etc",
      "a/../b", "tab\t", "new\nline", "a\u0000b", "\ud83d\ude00"})
  void refusesKeysThatAreNotMlflowsOrCouldWalkAPath(String key) {
    InvalidNameException e = assertThrows(InvalidNameException.class, () -> Names.requireValidKey("metric key", key));
    assertTrue(e.getMessage().startsWith("Invalid metric key"), e.getMessage());
    assertTrue(e.getMessage().contains("'..'"), e.getMessage());
  }

  @Test
  void keysUpTo250CharactersAreValid() {
    assertTrue(Names.isValidKey("k".repeat(Names.MAX_KEY_LENGTH)));
    assertFalse(Names.isValidKey("k".repeat(Names.MAX_KEY_LENGTH + 1)));
  }

  @Test
  void refusesOverlongNames() {
    assertTrue(Names.isValid("a".repeat(Names.MAX_LENGTH)));
    assertFalse(Names.isValid("a".repeat(Names.MAX_LENGTH + 1)));
  }

  @Test
  void builderRefusesSettingAValueTwiceAndStaysReusable() {
    RunSpec.Builder builder = RunSpec.builder().experiment("exp").param("lr", "0.1");
    assertThrows(IllegalStateException.class, () -> builder.experiment("other"));
    assertThrows(IllegalStateException.class, () -> builder.param("lr", "0.2"));
    RunSpec first = builder.build();
    RunSpec second = builder.build();
    assertEquals(first, second);
    assertNotSame(first, second);
    assertEquals("0.1", first.params().get("lr"));
  }

  @Test
  void builderChecksRequiredFieldsInBuild() {
    assertThrows(IllegalStateException.class, () -> RunSpec.builder().build());
    assertThrows(IllegalStateException.class, () -> RetrainPolicyConfig.builder().name("p").build(),
        "a policy without triggers is refused");
  }

  @Test
  void retrainPolicyDefaultsAreVisible() {
    RetrainPolicyConfig config = RetrainPolicyConfig.builder().name("p")
        .trigger(Trigger.when("drift.share", Comparison.AT_LEAST, 0.3)).build();
    assertEquals(RetrainPolicyConfig.DEFAULT_COOLDOWN, config.cooldown());
    assertEquals(1, config.minActive());
    assertThrows(IllegalArgumentException.class, () -> RetrainPolicyConfig.builder().name("p")
        .trigger(Trigger.when("x", Comparison.ABOVE, 1)).atLeast(2).cooldown(Duration.ZERO).build());
  }

  @Test
  void triggerHysteresisMustPointTheRightWay() {
    new Trigger("drift.share", Comparison.AT_LEAST, 0.3, 0.2);
    assertThrows(IllegalArgumentException.class,
        () -> new Trigger("drift.share", Comparison.AT_LEAST, 0.3, 0.4));
    assertThrows(IllegalArgumentException.class,
        () -> new Trigger("metric.auc", Comparison.BELOW, 0.8, 0.7));
    assertThrows(IllegalArgumentException.class,
        () -> Trigger.when("x", Comparison.BELOW, Double.NaN));
  }

  @Test
  void comparisonNeverPassesNaN() {
    for (Comparison c : Comparison.values()) {
      assertFalse(c.test(Double.NaN, 0.5), c.name());
    }
    assertTrue(Comparison.AT_LEAST.test(0.5, 0.5));
    assertFalse(Comparison.ABOVE.test(0.5, 0.5));
  }

  @Test
  void valuesCopyArraysInAndOut() {
    byte[] bytes = {1, 2, 3};
    StoredBytes stored = StoredBytes.of(bytes, VersionToken.of("t"));
    bytes[0] = 9;
    stored.bytes()[1] = 9;
    assertEquals(1, stored.bytes()[0]);
    assertEquals(2, stored.bytes()[1]);

    float[][] features = {{1f, 2f}, {3f, 4f}};
    LabelledData data = LabelledData.of(features, new double[] {0, 1});
    features[0][0] = 42f;
    assertEquals(1f, data.features()[0][0]);
    assertThrows(IllegalArgumentException.class,
        () -> LabelledData.of(new float[][] {{1f}, {1f, 2f}}, new double[] {0, 1}));
    assertThrows(IllegalArgumentException.class, () -> VersionToken.of(""));
  }

  @Test
  void driftConfigBuilderDefaultsDerivesAndChecksAsValuesAreGiven() {
    assertEquals(DriftConfig.ofDefaults(), DriftConfig.builder().build());
    DriftConfig config = DriftConfig.builder().method(DriftMethod.PSI).threshold(0.2)
        .column("age", DriftMethod.KS, 0.01).columns(java.util.List.of("age", "country"))
        .datasetDriftShare(0.3).build();
    assertEquals(config, config.toBuilder().build(), "toBuilder keeps every value");
    DriftConfig derived = config.toBuilder().datasetDriftShare(0.6).build();
    assertEquals(0.6, derived.datasetDriftShare());
    assertEquals(0.3, config.datasetDriftShare(), "deriving leaves the original as it was");
    assertEquals(java.util.Optional.of(DriftMethod.KS), derived.method("age"));
    assertEquals(java.util.Optional.of(DriftMethod.PSI), derived.method("country"));
    DriftConfig.Builder builder = DriftConfig.builder();
    assertThrows(IllegalArgumentException.class, () -> builder.datasetDriftShare(0));
    assertThrows(IllegalArgumentException.class, () -> builder.threshold(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> builder.columns(java.util.List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> builder.column("age", DriftMethod.KS, Double.POSITIVE_INFINITY));
  }
}
