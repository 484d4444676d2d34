package dev.mlops.cli.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.cli.CliRun;
import dev.mlops.core.MlOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops drift --reference <dataset>@<ref>}: the version's stored sketches are the reference. */
class DriftDatasetReferenceTest {
  @TempDir Path dir;

  /** temp ~ N(15 + shift, 5), city Oslo with probability oslo, a day column that has no sketch. */
  private Path csv(String name, double shift, double oslo, long seed) throws Exception {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder("day,temp,city\n");
    for (int i = 0; i < 3_000; i++) {
      text.append("2024-01-").append(10 + i % 20).append(',').append(15 + shift + 5 * random.nextGaussian())
          .append(',').append(random.nextDouble() < oslo ? "Oslo" : "Paris").append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  private String store() {
    return dir.resolve("store").toString();
  }

  @Test
  @DisplayName("drift against a dataset version: same data exits 0, shifted data exits 3, results say they are sketch-based")
  void driftAgainstAVersion() throws Exception {
    Path reference = csv("ref.csv", 0, 0.3, 1);
    try (MlOps mlops = MlOps.open(MlOps.toStoreUri(store()))) {
      mlops.datasets().commit(CommitRequest.builder().dataset("weather")
          .addTable("weather", new TableSource.FromCsv(reference, Optional.empty())).build());
      mlops.datasets().tag("weather", "v1");
    }
    Files.delete(reference); // the comparison needs no raw data

    CliRun same = CliRun.of("--store", store(), "--json", "drift",
        "--reference", "weather@v1", "--current", csv("same.csv", 0, 0.3, 2).toString());
    assertEquals(0, same.exitCode(), same.err());
    JsonNode json = new ObjectMapper().readTree(same.out());
    assertFalse(json.get("drifted").asBoolean());
    // "day" is text in the CSV, so it has a frequent-items sketch and is compared as categories.
    assertEquals(3, json.get("columns").size(), same.out());
    JsonNode temp = column(json, "temp");
    assertEquals("numeric", temp.get("type").asText());
    assertEquals("wasserstein", temp.get("method").asText());
    assertFalse(temp.get("exact").asBoolean(), "numeric results against sketches are sketch-based");
    assertTrue(column(json, "city").get("exact").asBoolean(), "two categories: the frequent-items counts are exact");

    CliRun shifted = CliRun.of("--store", store(), "--json", "drift",
        "--reference", "weather@v1", "--current", csv("cur.csv", 5, 0.6, 3).toString(), "--columns", "temp,city");
    assertEquals(DriftCommand.EXIT_DRIFT, shifted.exitCode(), shifted.err());
    JsonNode drifted = new ObjectMapper().readTree(shifted.out());
    assertTrue(column(drifted, "temp").get("drifted").asBoolean());
    assertTrue(column(drifted, "city").get("drifted").asBoolean());
    assertEquals(1.0, drifted.get("driftShare").asDouble());
  }

  @Test
  @DisplayName("pandas' True/False in the current CSV match the boolean column of the reference version")
  void booleansInAnyCaseMatchABooleanReference() throws Exception {
    StringBuilder reference = new StringBuilder("rained\n");
    StringBuilder current = new StringBuilder("rained\n");
    for (int i = 0; i < 1_000; i++) {
      reference.append(i % 3 == 0 ? "true" : "false").append('\n');
      current.append(i % 3 == 0 ? "True" : "False").append('\n');
    }
    try (MlOps mlops = MlOps.open(MlOps.toStoreUri(store()))) {
      mlops.datasets().commit(CommitRequest.builder().dataset("rain").addTable("rain",
          new TableSource.FromCsv(Files.writeString(dir.resolve("ref.csv"), reference),
              Optional.empty())).build());
    }
    CliRun run = CliRun.of("--store", store(), "--json", "drift", "--reference", "rain@main",
        "--current", Files.writeString(dir.resolve("cur.csv"), current).toString());
    assertEquals(0, run.exitCode(), run.err() + run.out());
    JsonNode rained = column(new ObjectMapper().readTree(run.out()), "rained");
    // 334 of 1,000 true in both: the same counts, spelled two ways
    assertEquals(0.0, rained.get("statistic").asDouble(), 1e-9, run.out());
  }

  @Test
  @DisplayName("an unknown dataset or a --table on a file reference is an error with exit code 1")
  void errors() throws Exception {
    Path current = csv("cur.csv", 0, 0.3, 1);
    Files.createDirectories(Path.of(store()));
    CliRun missing = CliRun.of("--store", store(), "drift",
        "--reference", "nothing@v1", "--current", current.toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("No dataset named 'nothing'"), missing.err());

    CliRun table = CliRun.of("--store", store(), "drift",
        "--reference", current.toString(), "--current", current.toString(), "--table", "t");
    assertEquals(1, table.exitCode());
    assertTrue(table.err().contains("--table applies to a dataset reference"), table.err());
  }

  private static JsonNode column(JsonNode report, String name) {
    for (JsonNode c : report.get("columns")) {
      if (c.get("column").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no column " + name + " in " + report);
  }
}
