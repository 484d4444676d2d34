package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sketch-based references: close to the exact results, storable, mergeable, and safe against damage. */
class ReferenceProfileTest {
  @TempDir
  Path dir;

  static Sample sample(int n, double shift, long seed) {
    return Sample.builder()
        .numeric("x", DriftComparisonTest.gaussian(n, shift, seed))
        .categorical("c", DriftComparisonTest.categories(n, 0.3 + shift / 10, seed + 1))
        .numeric("flag", Arrays.stream(DriftComparisonTest.gaussian(n, shift, seed + 2)).map(v -> v > 0 ? 1 : 0).toArray())
        .build();
  }

  @Test
  void sketchResultsAreWithinTheRankErrorOfTheExactOnes() {
    try (MlOps mlops = MlOps.local(dir)) {
      DriftDetector drift = mlops.drift();
      Sample reference = sample(200_000, 0, 1);
      // A shift of 0.6 σ keeps every method's statistic well clear of its threshold, so the decisions
      // of the exact and the sketch-based comparison must agree whatever KLL's randomized compaction
      // does. (0.3 σ was too close: for normals PSI ≈ δ² ≈ 0.09, and JS and Hellinger ≈ δ/√8 ≈ 0.106,
      // against thresholds of 0.1; a sketch run once gave PSI 0.102 against an exact 0.090.)
      Sample current = sample(5_000, 0.6, 2);
      ReferenceProfile profile = drift.profile(reference);
      double eps = profile.rankError();
      assertTrue(eps > 0.005 && eps < 0.02, "k = 200 gives a rank error near 1.3%: " + eps);
      for (DriftMethod method : List.of(DriftMethod.KS, DriftMethod.PSI, DriftMethod.JS, DriftMethod.HELLINGER,
          DriftMethod.WASSERSTEIN)) {
        DriftConfig config = DriftConfig.builder().columns(List.of("x")).method(method).build();
        ColumnDrift exact = drift.compare(reference, current, config).columns().get(0);
        ColumnDrift approx = drift.compare(profile, current, config).columns().get(0);
        assertTrue(exact.exact());
        assertFalse(approx.exact());
        assertEquals(exact.referenceSize(), approx.referenceSize());
        if (method == DriftMethod.KS) {
          // ε holds per query with 99% confidence; the sup over all points gets 2ε to stay deterministic.
          assertEquals(exact.statistic(), approx.statistic(), 2 * eps, "D moves by at most the rank error");
        } else if (method == DriftMethod.WASSERSTEIN) {
          // W1 error <= ε·(range of the data); the std is exact, so the normed value moves by ε·range/std.
          assertEquals(exact.statistic(), approx.statistic(), eps * 10);
        } else {
          assertEquals(exact.statistic(), approx.statistic(), 0.02 + exact.statistic() * 0.2, method.name());
        }
        assertEquals(exact.drifted(), approx.drifted(), method + " decision: " + exact + " vs " + approx);
      }
    }
  }

  @Test
  void fewValuedAndCategoricalColumnsKeepExactCounts() {
    try (MlOps mlops = MlOps.local(dir)) {
      DriftDetector drift = mlops.drift();
      Sample reference = sample(50_000, 0, 3);
      Sample current = sample(2_000, 1.0, 4);
      DriftReport exact = drift.compare(reference, current, DriftConfig.ofDefaults());
      DriftReport approx = drift.compare(drift.profile(reference), current, DriftConfig.ofDefaults());
      for (String column : List.of("c", "flag")) {
        ColumnDrift e = exact.column(column).orElseThrow();
        ColumnDrift a = approx.column(column).orElseThrow();
        assertEquals(e.method(), a.method(), column);
        assertEquals(e.statistic(), a.statistic(), 1e-12, column);
        assertEquals(e.drifted(), a.drifted(), column);
      }
      assertTrue(approx.column("c").orElseThrow().exact(), "fewer categories than the map size: exact counts");
      assertTrue(approx.column("flag").orElseThrow().drifted(), "P(x > 0) moved from 0.5 to 0.84");
    }
  }

  @Test
  void profilesSurviveStorageAndMergeAcrossProcesses() {
    Sample first = sample(30_000, 0, 5);
    Sample second = sample(30_000, 0, 6);
    try (MlOps mlops = MlOps.local(dir)) {
      DriftDetector drift = mlops.drift();
      ReferenceProfile merged = drift.profile(first).merge(drift.profile(second));
      assertEquals(60_000, merged.count("x"));
      drift.saveProfile("training-2026", merged);
    }
    try (MlOps mlops = MlOps.local(dir)) { // another instance: only the store is shared
      DriftDetector drift = mlops.drift();
      ReferenceProfile loaded = drift.loadProfile("training-2026");
      assertEquals(List.of("x", "flag", "c"), loaded.columns()); // numeric columns first, as in Sample
      assertEquals(60_000, loaded.count("c"));
      Sample current = sample(3_000, 0, 7);
      DriftReport fromStore = drift.compare(loaded, current, DriftConfig.ofDefaults());
      assertFalse(fromStore.datasetDrift());
      assertEquals(DriftMethod.WASSERSTEIN, fromStore.column("x").orElseThrow().method());
      ReferenceProfile replaced = drift.profile(sample(1_000, 0, 8));
      drift.saveProfile("training-2026", replaced);
      assertEquals(1_000, drift.loadProfile("training-2026").count("x"));
    }
  }

  @Test
  void damagedOrMissingProfilesAreClearErrors() {
    try (MlOps mlops = MlOps.local(dir)) {
      DriftDetector drift = mlops.drift();
      byte[] bytes = drift.profile(sample(1_000, 0, 9)).toBytes();
      assertThrows(IntegrityException.class, () -> drift.readProfile(Arrays.copyOf(bytes, bytes.length / 2)));
      byte[] flipped = bytes.clone();
      flipped[bytes.length / 3] ^= 0x10;
      IntegrityException e = assertThrows(IntegrityException.class, () -> drift.readProfile(flipped));
      assertTrue(e.getMessage().contains("checksum"), e.getMessage());
      assertThrows(IntegrityException.class, () -> drift.readProfile(new byte[0]));
      assertEquals(1_000, drift.readProfile(bytes).count("x"));
      assertThrows(NotFoundException.class, () -> drift.loadProfile("nope"));
      assertThrows(InvalidNameException.class, () -> drift.saveProfile("../escape", drift.readProfile(bytes)));
      ReferenceProfile other = drift.profile(Sample.builder().numeric("y", new double[] {1}).build());
      assertThrows(IllegalArgumentException.class, () -> drift.readProfile(bytes).merge(other));
      assertThrows(IllegalArgumentException.class, () -> drift.profile(
          Sample.builder().numeric("x", new double[] {Double.NaN}).build()));
    }
  }
}
