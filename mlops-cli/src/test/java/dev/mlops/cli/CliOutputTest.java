package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the commands print for people: text that lines up, no Java toString(), no guessing. */
class CliOutputTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.inStore(dir.resolve("store"), args);
  }

  @Test
  @DisplayName("drift's text is a table whose columns line up whatever the names' lengths, numbers in one format")
  void driftColumnsLineUp() throws Exception {
    StringBuilder reference = new StringBuilder("a_very_long_column_name_indeed,x\n");
    StringBuilder current = new StringBuilder("a_very_long_column_name_indeed,x\n");
    for (int i = 0; i < 200; i++) {
      reference.append(i % 50).append(',').append(i % 7).append('\n');
      current.append(1000 + i).append(',').append(i % 7).append('\n');
    }
    Path ref = Files.writeString(dir.resolve("ref.csv"), reference);
    Path cur = Files.writeString(dir.resolve("cur.csv"), current);
    CliRun drift = run("drift", "--reference", ref.toString(), "--current", cur.toString());
    assertEquals(3, drift.exitCode(), drift.err());
    List<String> lines = drift.out().lines().toList();
    assertTrue(lines.get(1).startsWith("COLUMN "), drift.out());
    int type = lines.get(1).indexOf("TYPE");
    int pValue = lines.get(1).indexOf("P-VALUE");
    for (String row : lines.subList(2, lines.size())) {
      assertEquals(' ', row.charAt(type - 1), row);
      assertTrue(row.substring(type).startsWith("numeric"), "TYPE column starts at one offset: " + row);
      assertEquals(' ', row.charAt(pValue - 1), row);
      assertFalse(row.contains("0.000 "), "no zero written as a rounded number: " + row);
    }
  }

  @Test
  @DisplayName("CSV headers with spaces are columns: drift compares them, a view filters on them in double quotes")
  void headersWithSpaces() throws Exception {
    Path a = Files.writeString(dir.resolve("iris.csv"), "sepal length,species\n5.1,setosa\n6.9,virginica\n7.0,virginica\n");
    CliRun drift = run("--json", "drift", "--reference", a.toString(), "--current", a.toString());
    assertEquals(0, drift.exitCode(), drift.err());
    assertEquals("sepal length", drift.json().get("columns").get(0).get("column").asText());

    assertEquals(0, run("data", "commit", "iris", a.toString(), "--table", "csv").exitCode());
    CliRun view = run("--json", "data", "view", "big", "iris@main", "--where", "\"sepal length\" > 6");
    assertEquals(0, view.exitCode(), view.err());
    assertEquals(2, view.json().get("rows").asLong());
  }

  @Test
  @DisplayName("a filter's syntax error puts its caret under the place in the expression")
  void filterCaretPointsAtTheProblem() throws Exception {
    Files.createDirectories(dir.resolve("store"));
    CliRun search = run("runs", "search", "metrics.accuracy >> 0.3");
    assertEquals(1, search.exitCode());
    List<String> lines = search.errLines();
    assertEquals(3, lines.size(), search.err());
    assertTrue(lines.get(0).startsWith("mlops: Invalid filter at position 18"), lines.get(0));
    int expression = lines.get(1).indexOf("metrics.accuracy >> 0.3");
    assertTrue(expression >= 0, lines.get(1));
    assertEquals(expression + 18, lines.get(2).indexOf('^'), search.err());
  }

  @Test
  @DisplayName("store info and store verify each say what they count")
  void storeCountsSayWhatTheyCount() throws Exception {
    Files.createDirectories(dir.resolve("store"));
    assertTrue(run("store", "info").out().contains("objects  0 (every object stored"), "info");
    assertTrue(run("store", "verify").out().contains("content re-hashed; metric segments, sketches and documents"),
        "verify");
  }

  @Test
  @DisplayName("models show of a version prints text (JSON only with --json) and policies without toString()")
  void modelsShowPrintsText() throws Exception {
    Path onnx = OnnxTestModels.write(OnnxTestModels.logisticRegression(new float[][] {{1f, -1f}, {0.5f, 2f}},
        new float[] {0.1f, -0.2f}), dir.resolve("m.onnx"));
    assertEquals(0, run("models", "register", "churn", onnx.toString()).exitCode());
    assertEquals(0, run("models", "alias", "churn", "production", "1").exitCode());
    assertEquals(0, run("models", "protect", "churn", "production", "--approvals", "2").exitCode());

    CliRun version = run("models", "show", "churn@production");
    assertEquals(0, version.exitCode(), version.err());
    assertFalse(version.out().strip().startsWith("{"), version.out());
    assertTrue(version.out().contains("version     1 (production)"), version.out());
    assertTrue(version.out().contains("input       features FLOAT [-1, 2]"), version.out());
    assertEquals(1, run("--json", "models", "show", "churn@production").json().get("version").asInt());

    CliRun model = run("models", "show", "churn");
    assertTrue(model.out().contains("aliases    production -> 1"), model.out());
    assertTrue(model.out().contains("protected  production: no gate, 2 approvals, requests expire after 7d"),
        model.out());
    assertFalse(model.out().contains("AliasPolicy["), model.out());
    assertFalse(run("models", "ls").out().contains("{production=1}"));
  }

  @Test
  @DisplayName("runs: show and export take a unique id prefix, an ambiguous one lists the candidates")
  void runIdPrefixes() throws Exception {
    List<String> ids;
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      ids = List.of(start(mlops, 0.9), start(mlops, 0.8), start(mlops, 0.7));
    }
    String id = ids.get(0);
    String unique = uniquePrefix(id, ids);
    CliRun show = run("--json", "runs", "show", unique);
    assertEquals(0, show.exitCode(), show.err());
    assertEquals(id, show.json().get("id").asText());

    String common = commonPrefix(ids);
    CliRun ambiguous = run("runs", "show", common);
    assertEquals(1, ambiguous.exitCode());
    for (String candidate : ids) {
      assertTrue(ambiguous.err().contains(candidate), ambiguous.err());
    }
    assertTrue(ambiguous.err().contains("give more characters"), ambiguous.err());

    CliRun export = run("runs", "export", unique);
    assertEquals(0, export.exitCode(), export.err());
    assertTrue(export.out().startsWith("key,step,timestamp,value\naccuracy,0,"), "CSV by default: " + export.out());

    CliRun ordered = run("runs", "search", "metrics.accuracy > 0", "--order-by", "metrics.accuracy");
    List<String> lines = ordered.out().lines().toList();
    assertTrue(lines.get(0).contains("METRICS.ACCURACY"), ordered.out());
    int column = lines.get(0).indexOf("METRICS.ACCURACY");
    assertTrue(lines.get(1).substring(column).startsWith("0.9 "), ordered.out());
    assertTrue(lines.get(3).substring(column).startsWith("0.7 "), ordered.out());
  }

  @Test
  @DisplayName("JSON a user gives that does not parse or fit says where, never Jackson's 'Source: REDACTED'")
  void badJsonNamesLineAndColumn() throws Exception {
    Files.writeString(dir.resolve("signals.csv"), "at,drift.share\n2026-03-01T00:00:00Z,0.1\n");
    List<String> policies = List.of("{\"name\": \"p\",\n \"triggers\": [}", "{\"name\": 5}", "[1, 2]",
        "{\"name\": \"p\", \"triggers\": [{\"type\": \"drift\", \"enter\": \"x\"}]}");
    for (String policy : policies) {
      Path file = Files.writeString(dir.resolve("policy.json"), policy);
      CliRun backtest = CliRun.of("retrain", "backtest", dir.resolve("signals.csv").toString(), "--policy",
          file.toString());
      assertEquals(1, backtest.exitCode(), backtest.err());
      assertEquals(1, backtest.errLines().size(), backtest.err());
      assertFalse(backtest.err().contains("Source") || backtest.err().contains("REDACTED")
          || backtest.err().contains("com.fasterxml"), backtest.err());
    }
    Path file = Files.writeString(dir.resolve("policy.json"), policies.get(0));
    assertTrue(CliRun.of("retrain", "backtest", dir.resolve("signals.csv").toString(), "--policy", file.toString())
        .err().contains("line 2, column"), "names the line and column");
  }

  @Test
  @DisplayName("an s3: store without a region says which URI option or environment variable sets it")
  void missingS3RegionSaysWhatToSet() {
    boolean regionConfigured = System.getenv("AWS_REGION") != null || System.getenv("AWS_DEFAULT_REGION") != null
        || System.getProperty("aws.region") != null
        || Files.exists(Path.of(System.getProperty("user.home"), ".aws", "config"));
    org.junit.jupiter.api.Assumptions.assumeFalse(regionConfigured, "this machine configures an AWS region");
    CliRun info = CliRun.of("--store", "s3://some-bucket/prefix", "store", "info");
    assertEquals(1, info.exitCode());
    assertFalse(info.err().contains("unexpected"), info.err());
    assertTrue(info.err().contains("?region=") && info.err().contains("AWS_REGION"), info.err());
  }

  private static String start(MlOps mlops, double accuracy) {
    try (Run run = mlops.experiments().start(RunSpec.builder().experiment("e").build())) {
      run.log("accuracy", accuracy, 0);
      return run.id();
    }
  }

  private static String uniquePrefix(String id, List<String> ids) {
    for (int n = 1; n <= id.length(); n++) {
      String prefix = id.substring(0, n);
      if (ids.stream().filter(other -> other.startsWith(prefix)).count() == 1) {
        return prefix;
      }
    }
    return id;
  }

  /** Run ids begin with their start time, so runs started together share a prefix. */
  private static String commonPrefix(List<String> ids) {
    String first = ids.get(0);
    int length = 0;
    while (length < first.length()) {
      String longer = first.substring(0, length + 1);
      if (!ids.stream().allMatch(other -> other.startsWith(longer))) {
        break;
      }
      length++;
    }
    assertTrue(length > 0, "ids of runs started together share a prefix: " + ids);
    return first.substring(0, length);
  }
}
