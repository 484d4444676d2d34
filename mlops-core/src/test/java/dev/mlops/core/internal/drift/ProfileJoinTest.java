package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Joining profiles of different columns: the same profile as one built from all columns at once. */
class ProfileJoinTest {
  @Test
  void joinedColumnsCompareExactlyAsAProfileOfAllColumns() {
    double[] x = DriftComparisonTest.gaussian(150, 0, 1);
    String[] c = DriftComparisonTest.categories(150, 0.3, 2);
    try (MlOps mlops = MlOps.open(URI.create("mem:profile-join"))) {
      DriftDetector drift = mlops.drift();
      ReferenceProfile whole = drift.profile(Sample.builder().numeric("x", x).categorical("c", c).build());
      ReferenceProfile joined = drift.profile(Sample.builder().numeric("x", x).build())
          .join(drift.profile(Sample.builder().categorical("c", c).build()));
      assertEquals(List.of("x", "c"), joined.columns());
      assertEquals(150, joined.count("c"));
      // 150 values do not make a k = 200 sketch compact (it holds up to k at its first level), so both profiles hold the same values
      // and serialize to the same bytes.
      assertArrayEquals(whole.toBytes(), joined.toBytes());
      Sample current = Sample.builder().numeric("x", DriftComparisonTest.gaussian(500, 0.5, 3))
          .categorical("c", DriftComparisonTest.categories(500, 0.5, 4)).build();
      assertEquals(drift.compare(whole, current, DriftConfig.ofDefaults()),
          drift.compare(joined, current, DriftConfig.ofDefaults()));
    }
  }

  @Test
  void aColumnInBothProfilesIsAnErrorThatPointsToMerge() {
    try (MlOps mlops = MlOps.open(URI.create("mem:profile-join-twice"))) {
      DriftDetector drift = mlops.drift();
      ReferenceProfile x = drift.profile(Sample.builder().numeric("x", new double[] {1, 2}).build());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.join(x));
      assertTrue(e.getMessage().contains("merge"), e.getMessage());
    }
  }
}
