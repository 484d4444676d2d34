package dev.mlops.cli.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops drift} and {@code mlops drift stream} on real files, through the real entry point. */
class DriftCommandTest {
  @TempDir
  Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  Path csv(String name, double shift, long seed) throws Exception {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder("age,city,\"note\"\n");
    for (int i = 0; i < 400; i++) {
      text.append(random.nextGaussian() + shift).append(',').append(random.nextDouble() < 0.3 + shift / 10 ? "Paris" : "Oslo")
          .append(",\"x, y\"\n");
    }
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void noDriftExitsZeroAndDriftExitsThreeWithTheDocumentedJson() throws Exception {
    Path ref = csv("ref.csv", 0, 1);
    CliRun same = run("--json", "drift", "--reference", ref.toString(), "--current", csv("same.csv", 0, 2).toString());
    assertEquals(0, same.exitCode(), same.err());
    JsonNode json = new ObjectMapper().readTree(same.out());
    assertEquals(false, json.get("drifted").asBoolean());
    assertEquals("age", json.get("columns").get(0).get("column").asText());
    assertEquals("numeric", json.get("columns").get(0).get("type").asText());
    assertEquals("ks", json.get("columns").get(0).get("method").asText());
    assertTrue(json.get("columns").get(0).has("pValue"));

    Path html = dir.resolve("report.html");
    CliRun shifted = run("--json", "drift", "--reference", ref.toString(), "--current", csv("cur.csv", 2, 3).toString(),
        "--method", "psi", "--columns", "age,city", "--html", html.toString());
    assertEquals(DriftCommand.EXIT_DRIFT, shifted.exitCode(), shifted.err());
    JsonNode drifted = new ObjectMapper().readTree(shifted.out());
    assertTrue(drifted.get("drifted").asBoolean());
    assertEquals(2, drifted.get("columns").size());
    assertTrue(drifted.get("columns").get(0).get("pValue").isNull(), "distances have no p-value");
    assertTrue(Files.readString(html).startsWith("<!DOCTYPE html>"));
  }

  @Test
  void badInputIsOneClearLineAndExitCodeOne() throws Exception {
    Path ref = csv("ref.csv", 0, 1);
    Path text = dir.resolve("text.csv");
    Files.writeString(text, "age,city,note\n1.5,Paris,a\nabc,Oslo,b\n");
    CliRun r = run("drift", "--reference", ref.toString(), "--current", text.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("column 'age'") && r.err().contains("line 3") && r.err().contains("'abc'"), r.err());
    CliRun method = run("drift", "--reference", ref.toString(), "--current", ref.toString(), "--method", "kl");
    assertEquals(1, method.exitCode());
    assertTrue(method.err().contains("unknown --method 'kl'"), method.err());
    Path badName = dir.resolve("bad-name.csv");
    Files.writeString(badName, "age,\"my\u0007city\"\n1,Paris\n");
    CliRun name = run("drift", "--reference", badName.toString(), "--current", badName.toString());
    assertEquals(1, name.exitCode());
    assertTrue(name.err().contains("Invalid column name 'my\\u0007city'"), name.err());
    CliRun missing = run("drift", "--reference", dir.resolve("nope.csv").toString(), "--current", ref.toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }

  @Test
  void streamPrintsTheIndicesWhereStatesWereEntered() throws Exception {
    Random random = new Random(4);
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 6_000; i++) {
      values.append(random.nextDouble() < (i < 3_000 ? 0.1 : 0.8) ? 1 : 0).append('\n');
    }
    Path input = dir.resolve("errors.txt");
    Files.writeString(input, values);
    CliRun r = run("--json", "drift", "stream", "--detector", "adwin", "--param", "delta=0.002", input.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertTrue(json.get("drifts").size() >= 1);
    long first = json.get("drifts").get(0).asLong();
    assertTrue(first >= 3_000 && first < 3_300, "detected soon after the change at 3000: " + first);
    assertTrue(json.has("warnings"));
    CliRun bad = run("drift", "stream", "--detector", "cusum", input.toString());
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().contains("unknown detector 'cusum'"), bad.err());
  }
}
