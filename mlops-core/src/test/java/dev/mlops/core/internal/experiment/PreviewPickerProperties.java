package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The preview holds what its definition says, checked against a plain reading of it. */
class PreviewPickerProperties {
  @Property(tries = 500)
  void picksTheEndsAndEachBucketsExtremesInOrder(@ForAll("values") List<Double> list) {
    double[] values = list.stream().mapToDouble(Double::doubleValue).toArray();
    int[] got = new int[PreviewPicker.MAX_POINTS];
    int n = PreviewPicker.pick(values, 0, values.length, got);
    assertArrayEquals(reference(values), Arrays.copyOf(got, n));
  }

  /**
   * The definition, read plainly: the first finite point; then per bucket of
   * ceil(n / BUCKETS) points its minimum and maximum finite point (the first of equals), in
   * index order, each only if after the last one taken and before the last finite point; then
   * the last finite point.
   */
  private static int[] reference(double[] values) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < values.length; i++) {
      if (Double.isFinite(values[i])) {
        last = i;
        if (first < 0) {
          first = i;
        }
      }
    }
    if (first < 0) {
      return new int[0];
    }
    int[] out = new int[PreviewPicker.MAX_POINTS];
    int count = 0;
    out[count++] = first;
    int taken = first;
    int bucket = Math.max(1, (values.length + PreviewPicker.BUCKETS - 1) / PreviewPicker.BUCKETS);
    for (int b = 0; b < values.length; b += bucket) {
      int min = -1;
      int max = -1;
      for (int j = b; j < Math.min(values.length, b + bucket); j++) {
        if (!Double.isFinite(values[j])) {
          continue;
        }
        if (min < 0 || values[j] < values[min]) {
          min = j;
        }
        if (max < 0 || values[j] > values[max]) {
          max = j;
        }
      }
      if (min < 0) {
        continue;
      }
      for (int j : new int[] {Math.min(min, max), Math.max(min, max)}) {
        if (j > taken && j < last) {
          out[count++] = j;
          taken = j;
        }
      }
    }
    if (last > first) {
      out[count++] = last;
    }
    return Arrays.copyOf(out, count);
  }

  @Provide
  Arbitrary<List<Double>> values() {
    Arbitrary<Double> value = Arbitraries.oneOf(
        Arbitraries.doubles().between(-3, 3),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MAX_VALUE, -Double.MAX_VALUE, 0.0, -0.0, 1.0));
    return value.list().ofMaxSize(1_000);
  }
}
