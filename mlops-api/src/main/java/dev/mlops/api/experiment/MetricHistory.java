package dev.mlops.api.experiment;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * The points of one metric of one run, in the order they were logged: steps, timestamps (epoch
 * milliseconds) and values, held in primitive arrays so that millions of points stay compact.
 * Arrays are copied in and out; the indexed accessors read without copying. Immutable.
 */
public final class MetricHistory {
  private final String key;
  private final long[] steps;
  private final long[] timestamps;
  private final double[] values;

  private MetricHistory(String key, long[] steps, long[] timestamps, double[] values) {
    this.key = key;
    this.steps = steps;
    this.timestamps = timestamps;
    this.values = values;
  }

  /**
   * Creates a history; the arrays are copied and must have the same length.
   *
   * @param key the metric key
   * @param steps the steps
   * @param timestamps the timestamps, epoch milliseconds
   * @param values the values, NaN and infinities included
   * @return the history
   * @throws IllegalArgumentException if the lengths differ
   */
  public static MetricHistory of(String key, long[] steps, long[] timestamps, double[] values) {
    requireNonNull(key, "key");
    if (steps.length != timestamps.length || steps.length != values.length) {
      throw new IllegalArgumentException("steps, timestamps and values must have one length, got "
          + steps.length + ", " + timestamps.length + ", " + values.length);
    }
    return new MetricHistory(key, steps.clone(), timestamps.clone(), values.clone());
  }

  /**
   * Returns the metric key.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the number of points.
   *
   * @return the size
   */
  public int size() {
    return steps.length;
  }

  /**
   * Returns the step of a point.
   *
   * @param index the point's index, from 0
   * @return its step
   */
  public long step(int index) {
    return steps[index];
  }

  /**
   * Returns the timestamp of a point.
   *
   * @param index the point's index, from 0
   * @return epoch milliseconds
   */
  public long timestamp(int index) {
    return timestamps[index];
  }

  /**
   * Returns the value of a point.
   *
   * @param index the point's index, from 0
   * @return the value
   */
  public double value(int index) {
    return values[index];
  }

  /**
   * Returns a copy of all steps.
   *
   * @return the steps
   */
  public long[] steps() {
    return steps.clone();
  }

  /**
   * Returns a copy of all timestamps.
   *
   * @return epoch milliseconds
   */
  public long[] timestamps() {
    return timestamps.clone();
  }

  /**
   * Returns a copy of all values.
   *
   * @return the values
   */
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MetricHistory that
        && key.equals(that.key)
        && Arrays.equals(steps, that.steps)
        && Arrays.equals(timestamps, that.timestamps)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return (key.hashCode() * 31 + Arrays.hashCode(steps)) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "MetricHistory[key=" + key + ", size=" + steps.length + "]";
  }
}
