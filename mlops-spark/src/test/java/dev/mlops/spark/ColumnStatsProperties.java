package dev.mlops.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Merging per-partition statistics (Chan et al.) gives what one pass over all values gives, for
 * any values and any cut into partitions: counts, min and max exactly, mean and variance to
 * rounding. The reference is a plain two-pass computation over all values.
 */
class ColumnStatsProperties {
  @Property(tries = 300)
  void mergedPartsEqualOnePass(
      @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
      @ForAll @IntRange(min = 1, max = 8) int parts) {
    ColumnStats merged = new ColumnStats();
    int n = values.size();
    for (int p = 0; p < parts; p++) {
      ColumnStats part = new ColumnStats(); // some parts are empty when parts > n: merging them is a no-op
      for (int i = p * n / parts; i < (p + 1) * n / parts; i++) {
        part.addNumber(values.get(i));
      }
      merged.merge(part);
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    double scale = values.stream().mapToDouble(Math::abs).max().orElse(0) + 1;
    assertEquals(n, merged.count);
    assertEquals(n, merged.numbers);
    assertEquals(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), merged.min);
    assertEquals(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), merged.max);
    assertEquals(mean, merged.mean, 1e-12 * scale * n);
    assertTrue(Math.abs(squares - merged.squares) <= 1e-12 * scale * scale * n * n,
        "squares " + merged.squares + " vs two-pass " + squares);
  }

  @Property(tries = 100)
  void nullsAndNanAreCountedAndLeftOutOfTheMoments(
      @ForAll @IntRange(min = 0, max = 50) int nulls, @ForAll @IntRange(min = 0, max = 50) int nans) {
    ColumnStats a = new ColumnStats();
    ColumnStats b = new ColumnStats();
    for (int i = 0; i < nulls; i++) {
      (i % 2 == 0 ? a : b).addNull();
    }
    for (int i = 0; i < nans; i++) {
      (i % 2 == 0 ? a : b).addNumber(Double.NaN);
    }
    a.addNumber(2);
    b.addNumber(4);
    a.merge(b);
    assertEquals(nulls, a.nulls);
    assertEquals(nans, a.nans);
    assertEquals(nans + 2, a.count);
    assertEquals(3, a.mean);
    assertEquals(2, a.squares); // (2 - 3)² + (4 - 3)²
  }
}
