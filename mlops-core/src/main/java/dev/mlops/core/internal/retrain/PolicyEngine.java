package dev.mlops.core.internal.retrain;

import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.RetrainBudget;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Suppression;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.retrain.TriggerEvaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision rules, as a pure function of the configuration, the previous state and one window.
 * Live policies and backtests share it, so a backtest decides exactly as production would.
 */
final class PolicyEngine {
  /** The signal the policy supplies itself, for schedule triggers. */
  static final String SCHEDULE_SIGNAL = "schedule.hours_since_retrain";

  private static final Logger LOG = LoggerFactory.getLogger(PolicyEngine.class);

  private PolicyEngine() {}

  record Outcome(RetrainDecision decision, PolicyState state) {}

  static Outcome evaluate(RetrainPolicyConfig config, PolicyState state, RetrainSignals window,
      long seq) {
    Instant at = window.at();
    RetrainSignals signals = withSchedule(window, state);
    Map<String, Boolean> active = new HashMap<>();
    List<TriggerEvaluation> evidence = new ArrayList<>();
    int activeCount = 0;
    for (Trigger trigger : config.triggers()) {
      double value = signals.value(trigger.signal());
      boolean was = state.active().getOrDefault(key(trigger), false);
      boolean now = trigger.comparison().test(value, was ? trigger.exit() : trigger.enter());
      active.put(key(trigger), now);
      evidence.add(new TriggerEvaluation(trigger, value, now));
      activeCount += now ? 1 : 0;
    }
    boolean asked = activeCount >= config.minActive();
    int consecutive = asked ? state.consecutive() + 1 : 0;
    boolean latched = asked && state.latched();
    Optional<Suppression> suppression = asked ? suppression(config, state, window, consecutive)
        : Optional.empty();
    boolean fired = asked && suppression.isEmpty();
    List<Instant> fires = state.fires();
    Optional<Instant> since = state.since().or(() -> Optional.of(at));
    Optional<Automation> automation = Optional.empty();
    if (fired) {
      automation = Optional.of(automation(config, signals));
      latched = true;
      consecutive = 0;
      fires = keepForBudget(config, fires, at);
      since = Optional.of(at);
    }
    RetrainDecision decision = new RetrainDecision(config.name(), seq, at, asked, fired, automation,
        evidence, window.newLabelledRows(), suppression, Optional.empty());
    PolicyState next = new PolicyState(active, consecutive, latched, fires, Optional.of(at), since);
    return new Outcome(decision, next);
  }

  /** The checks in the documented order; the first that holds back the retrain is the reason. */
  private static Optional<Suppression> suppression(RetrainPolicyConfig config, PolicyState state,
      RetrainSignals window, int consecutive) {
    Instant at = window.at();
    if (state.latched()) {
      return Optional.of(Suppression.HYSTERESIS);
    }
    if (consecutive < config.consecutiveWindows()) {
      return Optional.of(Suppression.CONSECUTIVE_WINDOWS);
    }
    Optional<Instant> lastFire = state.lastFire();
    if (lastFire.isPresent() && at.isBefore(lastFire.get().plus(config.cooldown()))) {
      return Optional.of(Suppression.COOLDOWN);
    }
    if (config.budget().isPresent()) {
      RetrainBudget budget = config.budget().get();
      Instant periodStart = at.minus(budget.period());
      long used = state.fires().stream().filter(t -> t.isAfter(periodStart)).count();
      if (used >= budget.maxRetrains()) {
        return Optional.of(Suppression.BUDGET);
      }
    }
    if (window.newLabelledRows() < config.minNewLabelledRows()) {
      return Optional.of(Suppression.NEW_DATA);
    }
    return Optional.empty();
  }

  /** A host rule that throws must not lose the decision: a person decides instead. */
  private static Automation automation(RetrainPolicyConfig config, RetrainSignals signals) {
    try {
      Automation level = config.automationRule().decide(signals);
      if (level != null) {
        return level;
      }
      LOG.warn("Automation rule of policy '{}' returned null; asking for approval", config.name());
    } catch (RuntimeException e) {
      LOG.warn("Automation rule of policy '{}' failed; asking for approval", config.name(), e);
    }
    return Automation.APPROVAL;
  }

  private static List<Instant> keepForBudget(RetrainPolicyConfig config, List<Instant> fires,
      Instant at) {
    int keep = config.budget().map(RetrainBudget::maxRetrains).orElse(1);
    List<Instant> next = new ArrayList<>(fires);
    next.add(at);
    return List.copyOf(next.subList(Math.max(0, next.size() - keep), next.size()));
  }

  private static RetrainSignals withSchedule(RetrainSignals window, PolicyState state) {
    if (window.values().containsKey(SCHEDULE_SIGNAL)) {
      return window;
    }
    Instant since = state.since().orElse(window.at());
    double hours = Duration.between(since, window.at()).toMillis() / 3_600_000.0;
    Map<String, Double> values = new HashMap<>(window.values());
    values.put(SCHEDULE_SIGNAL, hours);
    return new RetrainSignals(window.at(), values, window.newLabelledRows());
  }

  /** Identifies a trigger's state; a changed trigger starts inactive. */
  static String key(Trigger trigger) {
    return trigger.signal() + " " + trigger.comparison().symbol() + " " + trigger.enter() + "/"
        + trigger.exit();
  }
}
