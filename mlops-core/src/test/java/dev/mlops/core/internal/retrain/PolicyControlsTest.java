package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.Comparison;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each decision control suppresses exactly the windows it should. Windows are one hour apart;
 * {@code drift.share} takes the listed values ({@code -} = signal missing). The expected codes:
 * {@code F} fired, {@code .} not asked, {@code H} hysteresis, {@code W} consecutive windows,
 * {@code C} cooldown, {@code B} budget, {@code N} too little new data.
 */
class PolicyControlsTest {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  static Stream<Arguments> table() {
    Trigger hysteresis = new Trigger("drift.share", Comparison.AT_LEAST, 0.3, 0.2);
    Trigger plain = Trigger.when("drift.share", Comparison.AT_LEAST, 0.3);
    return Stream.of(
        row("hysteresis holds an episode: no re-fire while the share hovers above exit",
            b -> b.trigger(hysteresis), "0.35 0.25 0.35 0.25 0.15 0.35", "F H H H . F"),
        row("without hysteresis the same series fires on every re-entry",
            b -> b.trigger(plain), "0.35 0.25 0.35 0.25 0.15 0.35", "F . F . . F"),
        row("hysteresis keeps the window count through a dip between exit and enter",
            b -> b.trigger(hysteresis).consecutiveWindows(3), "0.35 0.25 0.35", "W W F"),
        row("without hysteresis the dip resets the window count",
            b -> b.trigger(plain).consecutiveWindows(3), "0.35 0.25 0.35", "W . W"),
        row("consecutive windows: only the third asking window in a row fires",
            b -> b.trigger(plain).consecutiveWindows(3), "0.5 0.5 0.1 0.5 0.5 0.5 0.5", "W W . W W F H"),
        row("a missing signal never asks and resets the count",
            b -> b.trigger(plain).consecutiveWindows(2), "0.5 - 0.5 0.5", "W . W F"),
        row("cooldown of 3h: re-entry 2h after a fire is held, 4h after fires",
            b -> b.trigger(plain).cooldown(Duration.ofHours(3)), "0.5 0.1 0.5 0.1 0.5 0.1 0.5", "F . C . F . C"),
        row("cooldown then fires as soon as it ends within the same episode",
            b -> b.trigger(plain).cooldown(Duration.ofHours(3)), "0.5 0.1 0.5 0.5 0.5", "F . C F H"),
        row("budget of 2 per 5h: the third fire within 5h is held, later ones pass",
            b -> b.trigger(plain).budget(2, Duration.ofHours(5)), "0.5 0.1 0.5 0.1 0.5 0.1 0.5 0.1 0.5",
            "F . F . B . F . F"),
        row("at least 2 of 2 triggers", b -> b.trigger(plain)
            .trigger(Trigger.when("kpi.lost_payments", Comparison.AT_LEAST, 0.1)).all(),
            "0.5 0.1 0.5", ". . F"));
  }

  private static Arguments row(String name, UnaryOperator<RetrainPolicyConfig.Builder> policy,
      String shares, String expected) {
    return Arguments.of(name, policy, shares, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void controlSuppressesExactlyWhatItShould(String name,
      UnaryOperator<RetrainPolicyConfig.Builder> policy, String shares, String expected) {
    RetrainPolicyConfig.Builder builder = RetrainPolicyConfig.builder().name("p");
    if (!name.contains("cooldown")) {
      builder.cooldown(Duration.ZERO);
    }
    RetrainPolicyConfig config = policy.apply(builder).build();
    RetrainPolicy live = new DefaultRetraining(InMemoryObjectStore.create(),
        new SimpleMeterRegistry(), TestClock.at(T0)).policy(config);
    String[] values = shares.split(" ");
    StringBuilder got = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      RetrainSignals.Builder window = RetrainSignals.builder(T0.plus(Duration.ofHours(i)));
      if (!values[i].equals("-")) {
        window.signal("drift.share", Double.parseDouble(values[i]));
      }
      // the all() row: the KPI is high only in the last window
      window.signal("kpi.lost_payments", i == values.length - 1 ? 0.2 : 0.0);
      got.append(i == 0 ? "" : " ").append(code(live.evaluate(window.build())));
    }
    assertEquals(expected, got.toString());
  }

  static String code(RetrainDecision d) {
    if (d.fired()) {
      return "F";
    }
    return d.suppressedBy().map(s -> switch (s) {
      case HYSTERESIS -> "H";
      case CONSECUTIVE_WINDOWS -> "W";
      case COOLDOWN -> "C";
      case BUDGET -> "B";
      case NEW_DATA -> "N";
    }).orElse(".");
  }
}
