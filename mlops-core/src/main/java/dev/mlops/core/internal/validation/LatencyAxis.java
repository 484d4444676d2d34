package dev.mlops.core.internal.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A logarithmic time axis for a latency histogram. Call times are skewed: most calls take about the
 * median and a few take ten or a hundred times longer, so on a linear axis one slow call squeezes
 * everything else into the first bins. The axis runs from the 1-2-5 step at or below the fastest
 * call to the one at or above the slowest, with a tick at every 1-2-5 step between.
 */
final class LatencyAxis {
  private static final int[] STEPS = {1, 2, 5};

  private final double low;
  private final double high;

  private LatencyAxis(double low, double high) {
    this.low = low;
    this.high = high;
  }

  /**
   * The axis that holds every value in {@code [min, max]}.
   *
   * @param min the smallest value, positive
   * @param max the largest value, at least {@code min}
   * @return the axis
   */
  static LatencyAxis of(double min, double max) {
    double low = stepAtOrBelow(min);
    double high = stepAtOrAbove(max);
    if (high <= low) {
      high = stepAtOrAbove(low * 1.01);
    }
    return new LatencyAxis(low, high);
  }

  /** Returns the left end, a 1-2-5 step. */
  double low() {
    return low;
  }

  /** Returns the right end, a 1-2-5 step. */
  double high() {
    return high;
  }

  /** Returns where {@code value} falls on the axis, 0 at the left end and 1 at the right, clamped. */
  double fraction(double value) {
    double f = (Math.log(value) - Math.log(low)) / (Math.log(high) - Math.log(low));
    return Double.isNaN(f) ? 0 : Math.max(0, Math.min(1, f));
  }

  /** Returns the 1-2-5 steps from the left end to the right end; only powers of ten beyond four decades. */
  List<Double> ticks() {
    boolean wide = high / low > 1e4;
    List<Double> ticks = new ArrayList<>();
    for (int exponent = (int) Math.floor(Math.log10(low)) - 1; exponent <= Math.ceil(Math.log10(high)); exponent++) {
      for (int step : STEPS) {
        double tick = value(step, exponent);
        if (tick >= low * (1 - 1e-9) && tick <= high * (1 + 1e-9) && (!wide || step == 1)) {
          ticks.add(tick);
        }
      }
    }
    return ticks;
  }

  /** A tick's label in plain decimals: {@code 0.02}, {@code 1}, {@code 500}. */
  static String label(double tick) {
    return new BigDecimal(Double.toString(tick)).stripTrailingZeros().toPlainString();
  }

  private static double stepAtOrBelow(double v) {
    int exponent = (int) Math.floor(Math.log10(v));
    double best = value(1, exponent);
    for (int step : STEPS) {
      if (value(step, exponent) <= v * (1 + 1e-9)) {
        best = value(step, exponent);
      }
    }
    return best;
  }

  private static double stepAtOrAbove(double v) {
    int exponent = (int) Math.floor(Math.log10(v));
    for (int step : STEPS) {
      if (value(step, exponent) >= v * (1 - 1e-9)) {
        return value(step, exponent);
      }
    }
    return value(1, exponent + 1);
  }

  /** {@code step × 10^exponent}, rounded to the decimal it names (so 0.02 is 0.02). */
  private static double value(int step, int exponent) {
    return BigDecimal.valueOf(step).scaleByPowerOfTen(exponent).doubleValue();
  }
}
