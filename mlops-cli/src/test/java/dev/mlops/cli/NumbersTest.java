package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The expected texts are written by hand from the rule in {@link Numbers}' javadoc. */
class NumbersTest {
  @Test
  @DisplayName("numbers print with at most four significant digits, zero as 0, tiny and huge ones in scientific form")
  void oneNumberFormat() {
    assertEquals("0", Numbers.format(0.0));
    assertEquals("0", Numbers.format(-0.0));
    assertEquals("0.05", Numbers.format(0.05));
    assertEquals("0.5671", Numbers.format(0.5671232876712329));
    assertEquals("6", Numbers.format(6.0));
    assertEquals("12.35", Numbers.format(12.3456));
    assertEquals("0.0001", Numbers.format(1e-4));
    assertEquals("5.218e-15", Numbers.format(5.218e-15));
    assertEquals("1e-300", Numbers.format(1e-300));
    assertEquals("2.684e8", Numbers.format(268_435_456));
    assertEquals("1.000e6", Numbers.format(999_999.9), "rounds up out of the plain range");
    assertEquals("1.000", Numbers.format(0.9999764), "a rounded value keeps its four digits");
    assertEquals("2.640e-12", Numbers.format(2.639621e-12));
    assertEquals("1.5e6", Numbers.format(1_500_000));
    assertEquals("-0.25", Numbers.format(-0.25));
    assertEquals("NaN", Numbers.format(Double.NaN));
    assertEquals("inf", Numbers.format(Double.POSITIVE_INFINITY));
  }

  @Test
  @DisplayName("durations print in their largest whole unit")
  void durations() {
    assertEquals("7d", Numbers.duration(Duration.ofDays(7)));
    assertEquals("36h", Numbers.duration(Duration.ofHours(36)));
    assertEquals("90m", Numbers.duration(Duration.ofMinutes(90)));
    assertEquals("45s", Numbers.duration(Duration.ofSeconds(45)));
    assertEquals("1500ms", Numbers.duration(Duration.ofMillis(1500)));
    assertEquals("0s", Numbers.duration(Duration.ZERO));
  }

  @Test
  void countsInWords() {
    assertEquals("1 file", Numbers.count(1, "file"));
    assertEquals("0 files", Numbers.count(0, "file"));
    assertEquals("2 files", Numbers.count(2, "file"));
  }
}
