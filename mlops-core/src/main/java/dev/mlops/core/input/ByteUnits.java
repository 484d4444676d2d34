package dev.mlops.core.input;

import java.util.Locale;

/**
 * Byte counts as people read them: {@code 130 bytes}, {@code 2.27 KiB}, {@code 256 MiB}. The one
 * format every client prints sizes in (reports, the CLI, the web UI).
 */
public final class ByteUnits {
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

  private ByteUnits() {}

  /**
   * Formats a byte count with a binary unit and three significant digits.
   *
   * @param bytes the count; NaN and infinities are returned as {@code n/a}
   * @return for example {@code 512 bytes}, {@code 4 MiB}, {@code 1.5 GiB}
   */
  public static String format(double bytes) {
    if (!Double.isFinite(bytes)) {
      return "n/a";
    }
    double abs = Math.abs(bytes);
    if (abs < 1024) {
      return (bytes == Math.rint(bytes) ? Long.toString((long) bytes)
          : String.format(Locale.ROOT, "%.1f", bytes)) + " bytes";
    }
    int unit = -1;
    double scaled = bytes;
    while (Math.abs(scaled) >= 1024 && unit < UNITS.length - 1) {
      scaled /= 1024;
      unit++;
    }
    String digits = Math.abs(scaled) >= 100 ? "%.0f" : Math.abs(scaled) >= 10 ? "%.1f" : "%.2f";
    String number = String.format(Locale.ROOT, digits, scaled);
    if (number.contains(".")) {
      number = number.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return number + " " + UNITS[unit];
  }

  /**
   * Formats an exact count with thousands separators, for a tooltip beside {@link #format}.
   *
   * @param bytes the count
   * @return for example {@code 268,435,456 bytes}
   */
  public static String exact(double bytes) {
    return Double.isFinite(bytes) ? String.format(Locale.ROOT, "%,.0f bytes", bytes) : "n/a";
  }
}
