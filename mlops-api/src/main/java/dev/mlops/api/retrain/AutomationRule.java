package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;

/**
 * Chooses the degree of automation of a fired decision from the window's signals. Hosts may
 * implement their own rule (it must be fast, pure and thread-safe); the two built-in rules are
 * {@link Fixed} and {@link ByMagnitude}, the only ones with a JSON form.
 */
@FunctionalInterface
public interface AutomationRule {
  /** The signal the default rule looks at: the share of drifted columns. */
  String DEFAULT_SIGNAL = "drift.share";

  /** The default rule's limit: a drifted share above 0.3 needs a person. */
  double DEFAULT_LIMIT = 0.3;

  /**
   * Chooses the automation level.
   *
   * @param signals the window's signals
   * @return the level
   */
  Automation decide(RetrainSignals signals);

  /**
   * Returns a rule that always gives {@code level}.
   *
   * @param level the level
   * @return the rule
   */
  static AutomationRule always(Automation level) {
    return new Fixed(level);
  }

  /**
   * Returns the seed's rule: {@code signal} at or below {@code limit} runs automatically
   * ({@link Automation#AUTO}); above it, or missing, asks a person ({@link Automation#APPROVAL})
   * with the evidence attached, so the data is explored first.
   *
   * @param signal the magnitude signal, for example {@code drift.share}
   * @param limit the largest magnitude retrained without a person
   * @return the rule
   */
  static AutomationRule byMagnitude(String signal, double limit) {
    return new ByMagnitude(signal, limit, Automation.AUTO, Automation.APPROVAL);
  }

  /**
   * Returns the default rule: {@code byMagnitude(DEFAULT_SIGNAL, DEFAULT_LIMIT)}.
   *
   * @return the default rule
   */
  static AutomationRule ofDefaults() {
    return byMagnitude(DEFAULT_SIGNAL, DEFAULT_LIMIT);
  }

  /**
   * A rule that always gives one level.
   *
   * @param level the level
   */
  record Fixed(Automation level) implements AutomationRule {
    /**
     * Creates the rule.
     *
     * @param level the level
     */
    public Fixed {
      requireNonNull(level, "level");
    }

    @Override
    public Automation decide(RetrainSignals signals) {
      return level;
    }
  }

  /**
   * A rule on the magnitude of one signal: {@code atOrBelow} when the signal is at or below the
   * limit, {@code above} when above it or missing (NaN).
   *
   * @param signal the signal
   * @param limit the limit, finite
   * @param atOrBelow the level for small magnitudes
   * @param above the level for large or unknown magnitudes
   */
  record ByMagnitude(String signal, double limit, Automation atOrBelow, Automation above)
      implements AutomationRule {
    /**
     * Creates the rule.
     *
     * @param signal the signal
     * @param limit the limit
     * @param atOrBelow the level at or below the limit
     * @param above the level above it
     */
    public ByMagnitude {
      Names.requireValid("signal", signal);
      requireNonNull(atOrBelow, "atOrBelow");
      requireNonNull(above, "above");
      if (!Double.isFinite(limit)) {
        throw new IllegalArgumentException("automation limit of '" + signal + "' must be finite, got " + limit);
      }
    }

    @Override
    public Automation decide(RetrainSignals signals) {
      double value = signals.value(signal);
      return value <= limit ? atOrBelow : above;
    }
  }
}
