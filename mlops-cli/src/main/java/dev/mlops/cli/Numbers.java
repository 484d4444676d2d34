package dev.mlops.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/**
 * The one way the commands print a measured number in text output (JSON keeps full precision):
 * four significant digits, plain notation from 0.0001 to 999,999, scientific outside it:
 * {@code 0.5671}, {@code 12.35}, {@code 5.218e-15}, {@code 2.684e8}. A value that needs fewer
 * digits is written with fewer ({@code 0.05}, {@code 6}, {@code 1e-300}), one that was rounded keeps
 * its four ({@code 0.9999764} is {@code 1.000}, not {@code 1}), so a rounded number never passes
 * for an exact one; zero is {@code 0}; NaN is {@code NaN} (a value that is absent is printed
 * {@code -} by the command, never by this method).
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
      return "NaN";
    }
    if (value == 0) {
      return "0";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    double magnitude = Math.abs(value);
    BigDecimal exact = BigDecimal.valueOf(value); // the double's shortest decimal form
    BigDecimal rounded = exact.round(SIGNIFICANT);
    // trailing zeros go only when nothing was rounded away: 0.25 and 6, but 0.9999764 is 1.000
    boolean wasRounded = rounded.compareTo(exact) != 0;
    if (!wasRounded) {
      rounded = rounded.stripTrailingZeros();
    }
    if (magnitude >= 1e-4 && rounded.abs().compareTo(MILLION) < 0) {
      return rounded.toPlainString();
    }
    int exponent = rounded.precision() - rounded.scale() - 1;
    BigDecimal mantissa = rounded.movePointLeft(exponent);
    return mantissa.toPlainString() + "e" + exponent;
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

  /**
   * Counts things in words: {@code 1 file}, {@code 2 files}, {@code 0 files}.
   *
   * @param count how many
   * @param noun the thing, singular, made plural with an s
   * @return the count and the noun
   */
  public static String count(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
