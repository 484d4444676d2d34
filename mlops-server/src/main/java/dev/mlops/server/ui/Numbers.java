package dev.mlops.server.ui;

import org.jspecify.annotations.Nullable;

/** Reads numbers from query parameters, naming the parameter when one is not a number. */
final class Numbers {
  private Numbers() {}

  static int intIn(@Nullable String text, int fallback, int min, int max, String name) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min || value > max) {
        throw new IllegalArgumentException("'" + name + "' is " + min + "-" + max + ", not " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + name + "' must be a whole number, not '" + text + "'");
    }
  }

  static @Nullable Double optionalDouble(@Nullable String text, String name) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (!Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + name + "' must be a finite number, not '" + text + "'");
    }
  }
}
