package dev.mlops.core.internal.drift.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.drift.Sample;
import dev.mlops.core.internal.drift.KolmogorovSmirnov;
import dev.mlops.core.internal.drift.NumericReference;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tied values in a profile: KS reads the CDFs only where a block of equal values ends. */
class SketchTiesTest {
  @Test
  void sketchKsOfTiedValuesAgainstThemselvesIsZero() {
    // Issue 17, fault 1: a profile (k = 200, not compacted) of 0,0,1,1,…,5,5 against the same 12
    // values gave D = 0.0833 (1/12: the reference CDF read after the first of two equal items).
    // Reference: identical samples have identical ECDFs, D = 0; scipy.stats.ks_2samp on the two
    // lists gives statistic 0.0, p-value 1.0.
    double[] values = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
    NumericReference profile = SketchProfile.of(Sample.builder().numeric("x", values).build(), 200).numeric("x");
    KolmogorovSmirnov.Result result = profile.ks(values);
    assertEquals(0.0, result.statistic(), 0);
    assertEquals(1.0, result.pValue(), 0);
  }

  @Test
  void sketchKsOfTiesMatchesTheExactStatisticWhileTheSketchHoldsEveryValue() {
    // By hand: reference {1,1,1,2} and current {1,2,2,2}: F_ref(1) = 3/4, F_cur(1) = 1/4, so
    // D = 1/2 (scipy.stats.ks_2samp gives 0.5); the exact code path gives the same.
    double[] reference = {1, 1, 1, 2};
    double[] current = {1, 2, 2, 2};
    NumericReference profile = SketchProfile.of(Sample.builder().numeric("x", reference).build(), 200).numeric("x");
    assertEquals(0.5, profile.ks(current).statistic(), 0);
    assertEquals(KolmogorovSmirnov.test(reference, current).statistic(), profile.ks(current).statistic(), 0);
  }

  @Test
  void profilesWrittenWithBothZerosAsTwoValuesReadAsOne() {
    // Before the fix the exact few-values list kept −0.0 and 0.0 apart; such stored profiles
    // merge them when read.
    NumericSketch sketch = NumericSketch.create(200);
    for (double v : new double[] {-0.0, -0.0, 0.0, 0.0, 0.0, 1.0}) {
      sketch.update(v);
    }
    sketch.fewValues = new double[] {-0.0, 0.0, 1.0};
    sketch.fewCounts = new long[] {2, 3, 1};
    SketchProfile read = SketchProfile.read(SketchProfile.of(200, Map.of("x", sketch)).toBytes());
    NumericReference x = read.numeric("x");
    assertArrayEquals(new double[] {0.0, 1.0}, x.distinctValues(5));
    assertArrayEquals(new long[] {5, 1}, x.counts(new double[] {-0.0, 1.0}));
  }
}
