package dev.mlops.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/**
 * The one way the commands print a measured number in text output (JSON keeps full precision):
 * at most four significant digits without trailing zeros, plain notation from 0.0001 to 999,999,
 * scientific outside it: {@code 0.5671}, {@code 0.05}, {@code 12.35}, {@code 6}, {@code 5.218e-15},
 * {@code 1.5e6}. Zero is {@code 0}, never {@code 0.000}, so a rounded value and an exact zero
 * look different; NaN is {@code -}.
 */
public final class Numbers {
  private static final MathContext SIGNIFICANT = new MathContext(4);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private Numbers() {}

  /**
   * Formats a number.
   *
   * @param value the number
   * @return its text
   */
  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    if (value == 0) {
      return "0";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    double magnitude = Math.abs(value);
    BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros();
    if (magnitude >= 1e-4 && rounded.abs().compareTo(MILLION) < 0) {
      return rounded.toPlainString();
    }
    String scientific = String.format(Locale.ROOT, "%.3e", value); // 5.218e-15, 1.000e+06
    String mantissa = scientific.substring(0, scientific.indexOf('e'));
    String exponent = scientific.substring(scientific.indexOf('e') + 1);
    mantissa = mantissa.contains(".") ? mantissa.replaceAll("0+$", "").replaceAll("\\.$", "") : mantissa;
    return mantissa + "e" + Integer.parseInt(exponent);
  }

  /**
   * Formats a duration in its largest whole unit: {@code 7d}, {@code 36h}, {@code 90m},
   * {@code 45s}; below a second, {@code 250ms}.
   *
   * @param duration the duration
   * @return its text
   */
  public static String duration(Duration duration) {
    long s = duration.toSeconds();
    if (duration.toNanosPart() % 1_000_000 == 0 && duration.toMillisPart() != 0) {
      return duration.toMillis() + "ms";
    }
    return s != 0 && s % 86_400 == 0 ? s / 86_400 + "d" : s != 0 && s % 3600 == 0 ? s / 3600 + "h"
        : s != 0 && s % 60 == 0 ? s / 60 + "m" : s + "s";
  }
}
