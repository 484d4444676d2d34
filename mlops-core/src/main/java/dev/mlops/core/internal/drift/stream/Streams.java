package dev.mlops.core.internal.drift.stream;

/** Checks shared by the detectors. */
final class Streams {
  private Streams() {}

  /** Requires a value in [0, 1], the range the error-rate detectors and Hoeffding bounds assume. */
  static void requireUnit(String detector, double value) {
    if (value < 0 || value > 1) {
      throw new IllegalArgumentException(detector + " takes values in [0, 1] (an error indicator or rate), got "
          + value + "; scale the input or use adwin, page-hinkley or kswin");
    }
  }
}
