package dev.mlops.core.internal.drift.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The quantile and numeric sketches give, byte for byte, what the one-value-at-a-time code before
 * them gave ({@link ReferenceQuantileSketch}, a copy of it; for the moments, the formulas of
 * {@link NumericSketch#update(double)}): ties, −0.0, infinities, sorted and reversed runs, many
 * sizes and k, merges, and sketches restored with −0.0 items (which only crafted bytes hold).
 */
class QuantileSketchReferenceProperties {
  @Property(tries = 300)
  void quantileSketchAsBefore(@ForAll("values") List<Double> values, @ForAll @IntRange(min = 8, max = 300) int k,
      @ForAll @IntRange(min = 0, max = 2) int order) {
    double[] input = ordered(values, order);
    QuantileSketch sketch = QuantileSketch.create(k);
    ReferenceQuantileSketch reference = ReferenceQuantileSketch.create(k);
    for (double value : input) {
      sketch.update(value);
      reference.update(value);
    }
    assertArrayEquals(reference.toSketch().toBytes(), sketch.toBytes());
  }

  @Property(tries = 100)
  void mergesAsBefore(@ForAll("values") List<Double> left, @ForAll("values") List<Double> right,
      @ForAll @IntRange(min = 8, max = 100) int k, @ForAll @IntRange(min = 8, max = 100) int otherK) {
    QuantileSketch a = QuantileSketch.create(k);
    QuantileSketch b = QuantileSketch.create(otherK);
    ReferenceQuantileSketch ra = ReferenceQuantileSketch.create(k);
    ReferenceQuantileSketch rb = ReferenceQuantileSketch.create(otherK);
    left.forEach(value -> {
      a.update(value);
      ra.update(value);
    });
    right.forEach(value -> {
      b.update(value);
      rb.update(value);
    });
    QuantileSketch merged = a.mergedWith(b);
    ReferenceQuantileSketch referenceMerged = ra.mergedWith(rb);
    // and on from the merge, value by value
    for (double value : left) {
      merged.update(value);
      referenceMerged.update(value);
    }
    assertArrayEquals(referenceMerged.toSketch().toBytes(), merged.toBytes());
  }

  /**
   * A sketch restored with −0.0 among its items and as its extremes (our sketches store 0.0, but
   * bytes with a valid checksum may say otherwise) goes on as the reference does: Double.compare
   * puts −0.0 before 0.0 when level 0 is sorted, Math.max replaces a −0.0 maximum by 0.0.
   */
  @Property(tries = 200)
  void restoredSignedZerosAsBefore(@ForAll("ties") List<Double> first, @ForAll("ties") List<Double> then,
      @ForAll @IntRange(min = 8, max = 40) int k, @ForAll long flips) {
    ReferenceQuantileSketch built = ReferenceQuantileSketch.create(k);
    first.forEach(built::update);
    double[][] levels = built.trimmedLevels();
    long bits = flips;
    for (double[] level : levels) {
      for (int i = 0; i < level.length; i++) {
        if (level[i] == 0 && (bits & 1) != 0) {
          level[i] = -0.0;
        }
        bits = Long.rotateRight(bits, 1);
      }
    }
    double min = built.min == 0 && (flips & 2) != 0 ? -0.0 : built.min;
    double max = built.max == 0 && (flips & 4) != 0 ? -0.0 : built.max;
    QuantileSketch sketch = QuantileSketch.restore(k, built.n, built.random, min, max, levels, built.pending);
    ReferenceQuantileSketch reference = ReferenceQuantileSketch.restore(k, built.n, built.random, min, max, levels,
        built.pending);
    assertArrayEquals(reference.toSketch().toBytes(), sketch.toBytes());
    for (double value : then) {
      sketch.update(value);
      reference.update(value);
    }
    assertArrayEquals(reference.toSketch().toBytes(), sketch.toBytes());
  }

  @Property(tries = 300)
  void numericSketchInBulkAsOneByOne(@ForAll("moments") List<Double> values, @ForAll @IntRange(min = 0, max = 2) int order,
      @ForAll @IntRange(min = 1, max = 5_000) int batch) throws Exception {
    double[] input = ordered(values, order);
    NumericSketch oneByOne = NumericSketch.create(200);
    long n = 0;
    double mean = 0;
    double m2 = 0;
    for (double value : input) {
      oneByOne.update(value);
      n++;
      double delta = value - mean;
      mean += delta / n;
      m2 += delta * (value - mean);
    }
    NumericSketch bulk = NumericSketch.create(200);
    NumericSketch.Moments moments = new NumericSketch.Moments();
    for (int from = 0; from < input.length; from += batch) {
      bulk.update(input, from, Math.min(input.length, from + batch), moments);
    }
    assertArrayEquals(bytes(oneByOne), bytes(bulk));
    assertEquals(n, moments.n);
    assertEquals(Double.doubleToRawLongBits(mean), Double.doubleToRawLongBits(moments.mean));
    assertEquals(Double.doubleToRawLongBits(m2), Double.doubleToRawLongBits(moments.m2));
  }

  @Provide
  Arbitrary<List<Double>> values() {
    Arbitrary<Double> special = Arbitraries.of(-0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE);
    Arbitrary<Double> value = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.doubles()),
        Tuple.of(3, Arbitraries.integers().between(-20, 20).map(Integer::doubleValue)), Tuple.of(1, special));
    return Arbitraries.frequencyOf(Tuple.of(3, value.list().ofMaxSize(400)),
        Tuple.of(1, value.list().ofMinSize(2_000).ofMaxSize(20_000)));
  }

  @Provide
  Arbitrary<List<Double>> ties() {
    // Mixed signs, none positive (a zero maximum) and none negative (a zero minimum).
    return Arbitraries.oneOf(
        Arbitraries.of(-0.0, 0.0, 0.0, 1.0, -1.0, 2.0, Double.POSITIVE_INFINITY).list().ofMaxSize(3_000),
        Arbitraries.of(-0.0, 0.0, -1.0, -2.0, Double.NEGATIVE_INFINITY).list().ofMaxSize(3_000),
        Arbitraries.of(-0.0, 0.0, 1.0, 2.0).list().ofMaxSize(3_000));
  }

  @Provide
  Arbitrary<List<Double>> moments() {
    // Huge and tiny magnitudes move the sum of squares' unit, past 2^511 too (Math.scalb's range
    // of one multiplication); infinities make it infinite or NaN, as the profiler's columns may.
    Arbitrary<Double> scaled = Arbitraries.doubles().between(-1, 1).flatMap(x ->
        Arbitraries.of(1e-300, 1e-160, 1e-20, 1.0, 1e6, 1e160, 1e300).map(unit -> x * unit));
    Arbitrary<Double> value = Arbitraries.frequencyOf(Tuple.of(6, scaled),
        Tuple.of(3, Arbitraries.integers().between(-3, 3).map(Integer::doubleValue)),
        Tuple.of(1, Arbitraries.of(-0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE)));
    return Arbitraries.frequencyOf(Tuple.of(3, value.list().ofMaxSize(300)),
        Tuple.of(1, value.list().ofMinSize(1_000).ofMaxSize(12_000)));
  }

  /** The values as given (0), sorted (1) or sorted in reverse (2). */
  private static double[] ordered(List<Double> values, int order) {
    double[] out = values.stream().mapToDouble(Double::doubleValue).toArray();
    if (order > 0) {
      Arrays.sort(out);
    }
    if (order == 2) {
      for (int i = 0, j = out.length - 1; i < j; i++, j--) {
        double t = out[i];
        out[i] = out[j];
        out[j] = t;
      }
    }
    return out;
  }

  private static byte[] bytes(NumericSketch sketch) throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    sketch.write(new java.io.DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
