package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The radix sort orders doubles exactly as {@link Arrays#sort(double[])} does, and the drift
 * methods fed by it give the same results as when fed by {@code Arrays.sort}.
 */
class DoubleRadixSortPropertiesTest {
  private static final double[] SPECIAL = {
      Double.NaN, Double.longBitsToDouble(0xfff8_0000_0000_0001L), -0.0, 0.0, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
      Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0};

  @Provide
  Arbitrary<double[]> anyDoubles() {
    Arbitrary<Double> bits = Arbitraries.longs().map(Double::longBitsToDouble); // every pattern, subnormals and NaNs
    Arbitrary<Double> special = Arbitraries.of(Arrays.stream(SPECIAL).boxed().toList());
    Arbitrary<Double> small = Arbitraries.integers().between(-3, 3).map(i -> (double) i); // many ties
    return Arbitraries.frequencyOf(Tuple.of(3, bits), Tuple.of(2, special), Tuple.of(2, small),
            Tuple.of(2, Arbitraries.doubles()))
        .array(double[].class).ofMaxSize(300);
  }

  @Property
  void radixSortEqualsArraysSortOnAnyDoubles(@ForAll("anyDoubles") double[] values) {
    double[] expected = values.clone();
    Arrays.sort(expected);
    double[] actual = values.clone();
    DoubleRadixSort.radixSort(actual);
    // assertArrayEquals compares doubles as Double.equals does: −0.0 ≠ +0.0 and every NaN equal.
    assertArrayEquals(expected, actual);
  }

  @Property(tries = 30)
  void sortedFiniteAcrossTheRadixThresholdEqualsFilteringAndArraysSort(
      @ForAll @IntRange(min = 1, max = 3 * DoubleRadixSort.RADIX_THRESHOLD) int size,
      @ForAll @IntRange(min = 1, max = 1_000) int seed) {
    double[] values = mixedColumn(size, seed);
    double[] expected = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (expected.length == 0) {
      assertThrows(IllegalArgumentException.class, () -> ColumnValues.sortedFinite("x", "current", values));
      return;
    }
    assertArrayEquals(expected, ColumnValues.sortedFinite("x", "current", values));
  }

  @Property(tries = 20)
  void everyNumericMethodGivesTheSameResultAsWithArraysSort(
      @ForAll @IntRange(min = DoubleRadixSort.RADIX_THRESHOLD, max = 3 * DoubleRadixSort.RADIX_THRESHOLD) int size,
      @ForAll @IntRange(min = 1, max = 1_000) int seed) {
    double[] reference = mixedColumn(size, seed);
    double[] current = mixedColumn(size + seed, seed + 1);
    double[] refSorted = Arrays.stream(reference).filter(v -> !Double.isNaN(v)).sorted().toArray();
    double[] curSorted = Arrays.stream(current).filter(v -> !Double.isNaN(v)).sorted().toArray();
    for (DriftMethod method : new DriftMethod[] {DriftMethod.KS, DriftMethod.WASSERSTEIN, DriftMethod.PSI,
        DriftMethod.JS, DriftMethod.HELLINGER}) {
      DriftConfig config = DriftConfig.builder().method(method).build();
      ColumnDrift expected = ColumnComparator.numeric("x", new ExactNumeric(refSorted), curSorted, config);
      ColumnDrift actual = ColumnComparator.numeric("x", new ExactNumeric(
          ColumnValues.sortedFinite("x", "reference", reference)),
          ColumnValues.sortedFinite("x", "current", current), config);
      assertEquals(expected, actual, method.name());
    }
  }

  @Test
  void infiniteValuesAreStillRejectedOnTheRadixPath() {
    double[] values = mixedColumn(2 * DoubleRadixSort.RADIX_THRESHOLD, 5);
    values[values.length / 2] = Double.NEGATIVE_INFINITY;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ColumnValues.sortedFinite("price", "reference", values));
    assertEquals(true, e.getMessage().contains("column 'price' has an infinite value"), e.getMessage());
  }

  /** Finite values with ties, both zeros, subnormals, huge magnitudes and about one NaN in eight. */
  private static double[] mixedColumn(int size, int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[size];
    for (int i = 0; i < size; i++) {
      values[i] = switch (random.nextInt(8)) {
        case 0 -> Double.NaN;
        case 1 -> random.nextBoolean() ? -0.0 : 0.0;
        case 2 -> random.nextInt(5) - 2;
        case 3 -> (random.nextBoolean() ? 1 : -1) * Double.MIN_VALUE * random.nextInt(1, 1_000);
        case 4 -> random.nextDouble() * 1e300 * (random.nextBoolean() ? 1 : -1);
        default -> random.nextDouble() * 10 - 3;
      };
    }
    return values;
  }
}
