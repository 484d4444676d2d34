package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Over random columns with ties, signed zeros and magnitudes from 2^-40 to 2^41, every batch
 * method (and {@code auto}), against raw values and against a profile (small enough not to
 * compact, so deterministic), gives the same result when zeros change sign, and the same
 * statistic and p-value when both samples are multiplied by a power of two from 2^-900 to 2^900
 * (exact, so "the same" means bit for bit). The one method that is not scale-free by definition,
 * {@code wasserstein} against a reference whose standard deviation is 0 (divided by 0.001), is
 * left out of the scale property.
 */
class BatchInvarianceProperties {
  private static final List<Optional<DriftMethod>> METHODS = methods();

  @Property(tries = 300)
  void everyMethodIgnoresTheSignOfZeros(@ForAll("columns") double[] reference, @ForAll("columns") double[] current,
      @ForAll long flips) {
    double[] flippedReference = flipZeros(reference, flips);
    double[] flippedCurrent = flipZeros(current, flips >>> 32);
    for (Optional<DriftMethod> method : METHODS) {
      for (boolean profile : new boolean[] {false, true}) {
        assertEquals(outcome(reference, current, method, profile),
            outcome(flippedReference, flippedCurrent, method, profile), method + (profile ? " profile" : " raw"));
      }
    }
  }

  @Property(tries = 300)
  void everyScaleFreeMethodGivesTheSameStatisticAtEveryScale(@ForAll("columns") double[] reference,
      @ForAll("columns") double[] current, @ForAll @IntRange(min = -900, max = 900) int exponent) {
    double[] scaledReference = scaled(reference, exponent);
    double[] scaledCurrent = scaled(current, exponent);
    boolean constantReference = Arrays.stream(reference).allMatch(v -> v == reference[0]);
    for (Optional<DriftMethod> method : METHODS) {
      for (boolean profile : new boolean[] {false, true}) {
        Object before = outcome(reference, current, method, profile);
        if (constantReference && before instanceof ColumnDrift d && d.method() == DriftMethod.WASSERSTEIN) {
          continue;
        }
        Object after = outcome(scaledReference, scaledCurrent, method, profile);
        assertEquals(scaleFree(before), scaleFree(after), method + (profile ? " profile" : " raw") + " at 2^"
            + exponent);
      }
    }
  }

  /** Values from a few small integers (ties), ±0.0 and doubles with exponents from −40 to 40. */
  @Provide
  Arbitrary<double[]> columns() {
    Arbitrary<Double> tied = Arbitraries.integers().between(-3, 3).map(Integer::doubleValue);
    Arbitrary<Double> zeros = Arbitraries.of(0.0, -0.0);
    Arbitrary<Double> wide = Arbitraries.doubles().between(-2, 2).ofScale(12)
        .flatMap(m -> Arbitraries.integers().between(-40, 40).map(e -> Math.scalb(m, e)));
    Arbitrary<Double> value = Arbitraries.frequencyOf(Tuple.of(3, tied), Tuple.of(2, zeros), Tuple.of(3, wide));
    return value.list().ofMinSize(1).ofMaxSize(40)
        .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The result, or the kind of error: some methods refuse some columns, and must refuse both. */
  private static Object outcome(double[] reference, double[] current, Optional<DriftMethod> method,
      boolean profile) {
    Sample ref = Sample.builder().numeric("x", reference).build();
    Sample cur = Sample.builder().numeric("x", current).build();
    DriftConfig config = method.map(m -> DriftConfig.builder().method(m).build())
        .orElse(DriftConfig.ofDefaults());
    BatchComparison.Reference r = profile ? SketchProfile.of(ref, 200) : BatchComparison.exact(ref);
    try {
      return BatchComparison.compare(r, cur, config, Runnable::run).columns().get(0);
    } catch (IllegalArgumentException e) {
      return e.getClass();
    }
  }

  /** What scaling must not change: the method, the statistic, the p-value, the decision. */
  private static Object scaleFree(Object outcome) {
    return outcome instanceof ColumnDrift d ? List.of(d.method(), d.statistic(), d.pValue(), d.drifted()) : outcome;
  }

  private static double[] flipZeros(double[] values, long bits) {
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0 && (bits >>> (i % 64) & 1) == 1) {
        out[i] = -out[i];
      }
    }
    return out;
  }

  private static double[] scaled(double[] values, int exponent) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.scalb(values[i], exponent);
    }
    return out;
  }

  private static List<Optional<DriftMethod>> methods() {
    List<Optional<DriftMethod>> methods = new ArrayList<>();
    methods.add(Optional.empty());
    for (DriftMethod method : DriftMethod.values()) {
      methods.add(Optional.of(method));
    }
    return methods;
  }
}
