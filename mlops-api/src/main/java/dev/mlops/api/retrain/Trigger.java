package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Comparison;
import dev.mlops.api.Names;

/**
 * A condition on one named signal (for example {@code drift.share}, {@code metric.auc},
 * {@code kpi.lost_payments}, {@code data.new_rows}) with hysteresis: the trigger becomes active
 * when the signal satisfies the comparison with {@code enter}, and stays active until it no longer
 * satisfies it with {@code exit}.
 *
 * @param signal the signal's name; segments valid under {@link Names}, separated by {@code .}
 * @param comparison how the signal is compared with the thresholds
 * @param enter the threshold that activates the trigger
 * @param exit the threshold that deactivates it; equal to {@code enter} for no hysteresis
 */
public record Trigger(String signal, Comparison comparison, double enter, double exit) {
  /**
   * Creates the trigger.
   *
   * @param signal the signal
   * @param comparison the comparison
   * @param enter the enter threshold, finite
   * @param exit the exit threshold, finite, on the inactive side of {@code enter} or equal
   */
  public Trigger {
    Names.requireValid("signal", signal);
    requireNonNull(comparison, "comparison");
    if (!Double.isFinite(enter) || !Double.isFinite(exit)) {
      throw new IllegalArgumentException("thresholds of '" + signal + "' must be finite");
    }
    boolean upward = comparison == Comparison.AT_LEAST || comparison == Comparison.ABOVE;
    if (upward ? exit > enter : exit < enter) {
      throw new IllegalArgumentException("exit threshold " + exit + " of '" + signal
          + "' must not be past the enter threshold " + enter + " (hysteresis needs exit on the"
          + " inactive side)");
    }
  }

  /**
   * Returns a trigger without hysteresis.
   *
   * @param signal the signal
   * @param comparison the comparison
   * @param threshold the threshold
   * @return the trigger
   */
  public static Trigger when(String signal, Comparison comparison, double threshold) {
    return new Trigger(signal, comparison, threshold, threshold);
  }
}
