package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift against a dataset version: the reference is the version's stored sketches, no raw data. */
class DatasetDriftTest {
  private static final int ROWS = 5_000;

  @TempDir Path dir;
  private MlOps mlops;

  @BeforeEach
  void open() {
    mlops = MlOps.open(URI.create("mem:dataset-drift-" + System.nanoTime()));
  }

  @AfterEach
  void close() {
    mlops.close();
  }

  /** temp ~ N(15 + shift, 5), city Oslo with probability 0.3 + shiftCity else Paris, seeded. */
  private static double[] temps(double shift, long seed) {
    Random random = new Random(seed);
    double[] values = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      values[i] = 15 + shift + 5 * random.nextGaussian();
    }
    return values;
  }

  private static String[] cities(double oslo, long seed) {
    Random random = new Random(seed);
    String[] values = new String[ROWS];
    for (int i = 0; i < ROWS; i++) {
      values[i] = random.nextDouble() < oslo ? "Oslo" : "Paris";
    }
    return values;
  }

  private Path csv(double[] temps, String[] cities) throws Exception {
    StringBuilder text = new StringBuilder("temp,city\n");
    for (int i = 0; i < ROWS; i++) {
      text.append(temps[i]).append(',').append(cities[i]).append('\n');
    }
    return Files.writeString(dir.resolve("weather-" + System.nanoTime() + ".csv"), text);
  }

  @Test
  @DisplayName("a version committed from CSV is a drift reference: a shifted sample drifts, the same data does not")
  void driftAgainstAVersion() throws Exception {
    double[] temps = temps(0, 1);
    String[] cities = cities(0.3, 2);
    mlops.datasets().commit(CommitRequest.builder().dataset("weather")
        .addTable("weather", new TableSource.FromCsv(csv(temps, cities), Optional.empty())).build());
    mlops.datasets().tag("weather", "v1");
    ReferenceProfile reference = mlops.datasets().profile("weather@v1");

    Sample same = Sample.builder().numeric("temp", temps).categorical("city", cities).build();
    DriftReport none = mlops.drift().compare(reference, same, DriftConfig.ofDefaults());
    assertFalse(none.datasetDrift(), none.toString());
    for (ColumnDrift c : none.columns()) {
      assertFalse(c.drifted(), c.toString());
    }
    ColumnDrift temp = none.columns().stream().filter(c -> c.column().equals("temp")).findFirst().orElseThrow();
    assertEquals(DriftMethod.WASSERSTEIN, temp.method(), "auto above 1,000 reference values");
    assertFalse(temp.exact(), "numeric results against stored sketches are sketch-based");
    assertEquals(ROWS, temp.referenceSize());

    // A shift of one standard deviation: W1 / std = 1 in expectation, far above the 0.1 threshold;
    // the city share moves from 0.3 to 0.6, a JS distance of about 0.2 (threshold 0.1).
    Sample shifted = Sample.builder().numeric("temp", temps(5, 3)).categorical("city", cities(0.6, 4)).build();
    DriftReport drift = mlops.drift().compare(reference, shifted, DriftConfig.ofDefaults());
    assertTrue(drift.datasetDrift(), drift.toString());
    assertEquals(1.0, drift.driftedShare());
    ColumnDrift moved = drift.columns().stream().filter(c -> c.column().equals("temp")).findFirst().orElseThrow();
    assertEquals(1.0, moved.statistic(), 0.15);

    DriftReport ks = mlops.drift().compare(reference, shifted, DriftConfig.builder()
        .method(DriftMethod.KS).columns(java.util.List.of("temp")).build());
    assertTrue(ks.columns().stream().filter(c -> c.column().equals("temp")).findFirst().orElseThrow().drifted());
  }
}
