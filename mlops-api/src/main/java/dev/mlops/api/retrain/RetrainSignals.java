package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of named signals for one evaluation window. Signal names follow {@link Names};
 * by convention {@code drift.share} and {@code drift.<column>} (drift), {@code metric.<name>}
 * (metrics from delayed labels), {@code kpi.<name>} (business KPIs), {@code data.new_rows} and
 * {@code data.age_hours} (freshness). The policy itself supplies
 * {@code schedule.hours_since_retrain} when the host does not.
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
   * @param values signal values; names valid under {@link Names}
   * @param newLabelledRows new labelled rows, not negative
   */
  public RetrainSignals {
    requireNonNull(at, "at");
    values = Map.copyOf(values);
    values.keySet().forEach(name -> Names.requireValid("signal", name));
    if (newLabelledRows < 0) {
      throw new IllegalArgumentException("newLabelledRows must not be negative, got " + newLabelledRows);
    }
  }

  /**
   * Returns a signal's value.
   *
   * @param signal the signal's name
   * @return its value, or NaN if the window does not have it
   */
  public double value(String signal) {
    Double value = values.get(signal);
    return value == null ? Double.NaN : value;
  }

  /**
   * Returns a builder for the window ending at {@code at}.
   *
   * @param at the window's end
   * @return the builder
   */
  public static Builder builder(Instant at) {
    return new Builder(requireNonNull(at, "at"));
  }

  /** Builds {@link RetrainSignals}, with adapters from drift reports and metrics. */
  public static final class Builder {
    private final Instant at;
    private final Map<String, Double> values = new LinkedHashMap<>();
    private long newLabelledRows;

    private Builder(Instant at) {
      this.at = at;
    }

    /**
     * Sets a signal.
     *
     * @param name the signal's name
     * @param value its value
     * @return this builder
     * @throws IllegalStateException if the signal was already set
     */
    public Builder signal(String name, double value) {
      Names.requireValid("signal", name);
      if (values.putIfAbsent(name, value) != null) {
        throw new IllegalStateException("signal '" + name + "' was already set to " + values.get(name));
      }
      return this;
    }

    /**
     * Sets {@code drift.share} to the report's drifted share and {@code drift.<column>} to each
     * column's statistic (columns whose names are not valid signal segments are skipped).
     *
     * @param report the drift report
     * @return this builder
     */
    public Builder drift(DriftReport report) {
      signal("drift.share", report.driftedShare());
      for (ColumnDrift column : report.columns()) {
        String name = "drift." + column.column();
        if (Names.isValid(name)) {
          signal(name, column.statistic());
        }
      }
      return this;
    }

    /**
     * Sets {@code metric.<name>} to a metric computed from delayed labels, and
     * {@code metric.<name>.drop} to its relative fall from {@code baseline}
     * ({@code (baseline - current) / |baseline|}).
     *
     * @param name the metric, for example {@code auc}
     * @param baseline the metric at the last training
     * @param current the metric now
     * @return this builder
     */
    public Builder metric(String name, double baseline, double current) {
      signal("metric." + name, current);
      signal("metric." + name + ".drop", (baseline - current) / Math.abs(baseline));
      return this;
    }

    /**
     * Sets the labelled rows available since the last training. Default 0.
     *
     * @param rows the rows, not negative
     * @return this builder
     */
    public Builder newLabelledRows(long rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("newLabelledRows must not be negative, got " + rows);
      }
      this.newLabelledRows = rows;
      return this;
    }

    /**
     * Builds the signals.
     *
     * @return the signals
     */
    public RetrainSignals build() {
      return new RetrainSignals(at, values, newLabelledRows);
    }
  }
}
