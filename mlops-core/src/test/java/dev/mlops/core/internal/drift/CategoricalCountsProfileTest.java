package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A categorical profile from exact counts ({@link DriftDetector#categoricalProfile}) keeps every
 * count beyond the 768 a sample's profile keeps exactly: compared with it, the report is the one of
 * the raw values.
 */
class CategoricalCountsProfileTest {
  /** Values over {@code categories} categories, the first ones more frequent by {@code skew}. */
  static String[] values(int n, int categories, double skew, long seed) {
    Random random = new Random(seed);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      int category = random.nextDouble() < skew ? random.nextInt(categories / 10) : random.nextInt(categories);
      out[i] = "k" + category;
    }
    return out;
  }

  static Map<String, Long> counts(String[] values) {
    Map<String, Long> counts = new TreeMap<>();
    for (String v : values) {
      counts.merge(v, 1L, Long::sum);
    }
    return counts;
  }

  @Test
  void countsOfTwoThousandCategoriesCompareAsTheRawValues() {
    String[] reference = values(20_000, 2_000, 0.1, 1);
    String[] current = values(10_000, 2_100, 0.2, 2); // 100 categories the reference lacks
    double[] x = DriftComparisonTest.gaussian(1_000, 0, 1);
    try (MlOps mlops = MlOps.open(URI.create("mem:categorical-counts"))) {
      DriftDetector drift = mlops.drift();
      ReferenceProfile ref = drift.categoricalProfile("c", counts(reference));
      ReferenceProfile cur = drift.profile(Sample.builder().numeric("x", x).build(), 400)
          .join(drift.categoricalProfile("c", counts(current)));
      assertEquals(400, cur.sketchSize(), "the counts' profile keeps the numeric sketch's k in a join");
      assertEquals(10_000, cur.count("c"));
      ReferenceProfile stored = drift.readProfile(ref.toBytes());
      Sample raw = Sample.builder().categorical("c", current).build();
      for (DriftMethod method : List.of(DriftMethod.CHISQUARE, DriftMethod.JS, DriftMethod.PSI)) {
        DriftConfig config = DriftConfig.builder().columns(List.of("c"))
            .column("c", method, method.defaultThreshold()).build();
        DriftReport expected = drift.compare(ref, raw, config);
        assertTrue(expected.columns().get(0).exact(), expected.toString());
        assertEquals(expected, drift.compare(ref, cur, config));
        assertEquals(expected, drift.compare(stored, cur, config));
      }
      // The same values profiled as a sample: more than 768 categories, so estimated counts.
      ColumnDrift sketched = drift.compare(drift.profile(Sample.builder().categorical("c", reference).build()), raw,
          DriftConfig.ofDefaults()).columns().get(0);
      assertFalse(sketched.exact(), sketched.toString());
    }
  }

  @Test
  void noCountsOrACountBelowOneIsAClearError() {
    try (MlOps mlops = MlOps.open(URI.create("mem:categorical-counts-bad"))) {
      DriftDetector drift = mlops.drift();
      IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
          () -> drift.categoricalProfile("c", Map.of()));
      assertTrue(empty.getMessage().contains("no counts"), empty.getMessage());
      IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
          () -> drift.categoricalProfile("c", Map.of("a", 3L, "b", 0L)));
      assertTrue(zero.getMessage().contains("b = 0"), zero.getMessage());
    }
  }
}
