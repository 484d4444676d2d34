package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * The values of named signals for one evaluation window.
 *
 * @param at the window's end
 * @param values signal name to value
 * @param newLabelledRows labelled rows available since the last training
 */
public record RetrainSignals(Instant at, Map<String, Double> values, long newLabelledRows) {
  /**
   * Creates the value; {@code values} is copied.
   *
   * @param at the window's end
   * @param values signal values
   * @param newLabelledRows new labelled rows, not negative
   */
  public RetrainSignals {
    requireNonNull(at, "at");
    values = Map.copyOf(values);
    if (newLabelledRows < 0) {
      throw new IllegalArgumentException("newLabelledRows must not be negative, got " + newLabelledRows);
    }
  }
}
