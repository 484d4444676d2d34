package dev.mlops.cli.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.cli.CliRun;
import dev.mlops.core.testing.OnnxTestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protected alias promoted from the shell: its gate is set with {@code mlops models gate set},
 * stored in the store, and {@code mlops models promote} applies it like every other client.
 */
class GateCommandsTest {
  /** Predicts class 1 when x0 > 0, the labels' own rule: accuracy 1. */
  static final float[][] GOOD = {{-1f, 1f}, {0f, 0f}};
  /** Predicts class 1 when x0 < 0: accuracy 0. */
  static final float[][] BAD = {{1f, -1f}, {0f, 0f}};

  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.inStore(dir.resolve("store"), args);
  }

  @Test
  void promoteAppliesTheStoredGateAndTheHistoryNamesItsVersion() throws Exception {
    setUp();
    CliRun refusedWithoutGate = run("models", "promote", "churn", "production", "1");
    assertEquals(1, refusedWithoutGate.exitCode());
    assertTrue(refusedWithoutGate.err().contains("mlops models gate set churn production --suite SUITE.json"),
        refusedWithoutGate.err());
    assertTrue(!refusedWithoutGate.err().contains("usePromotionGate"), "no Java advice: " + refusedWithoutGate.err());

    CliRun set = run("models", "gate", "set", "churn", "production", "--suite", suite(0.9).toString(),
        "--data", "holdout@main:rows.csv", "--label", "label", "--champion", "none", "--actor", "ana");
    assertEquals(0, set.exitCode(), set.err());
    assertTrue(set.out().startsWith("stored gate 1 of churn@production: suite churn-gate (1 checks) on holdout@"),
        set.out());

    CliRun refused = run("models", "promote", "churn", "production", "2");
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("churn@production gate 1 refused churn/2"), refused.err());
    assertTrue(refused.err().contains("accuracy >= 0.9"), refused.err());

    CliRun passed = run("models", "promote", "churn", "production", "1", "--actor", "ana");
    assertEquals(0, passed.exitCode(), passed.err());
    assertTrue(passed.out().startsWith("gate: churn@production gate 1 passed churn/1: suite churn-gate on holdout@"),
        passed.out());
    assertTrue(passed.out().contains("APPROVED  production -> 1"), passed.out());

    JsonNode history = run("--json", "models", "history", "churn", "--alias", "production").json();
    assertEquals(1, history.size());
    assertEquals(1, history.get(0).get("gate").asInt(), "the history names the gate version that decided");
  }

  @Test
  void aRenamedModelKeepsItsGateProtectionAndHistoryAndTheOldNameIsGone() throws Exception {
    setUp();
    assertEquals(0, run("models", "gate", "set", "churn", "production", "--suite", suite(0.9).toString(),
        "--data", "holdout@main:rows.csv", "--label", "label", "--champion", "none").exitCode());
    assertEquals(0, run("models", "promote", "churn", "production", "1").exitCode());

    CliRun renamed = run("models", "rename", "churn", "leavers", "--actor", "ana");
    assertEquals(0, renamed.exitCode(), renamed.err());
    assertEquals("renamed churn to leavers (2 versions)", renamed.out().strip());

    CliRun refused = run("models", "promote", "leavers", "production", "2");
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("leavers@production gate 1 refused leavers/2"), refused.err());
    JsonNode history = run("--json", "models", "history", "leavers", "--alias", "production").json();
    assertEquals(1, history.size());
    assertEquals(1, history.get(0).get("to").asInt());
    CliRun gone = run("models", "show", "churn");
    assertEquals(1, gone.exitCode());
    assertTrue(gone.err().contains("renamed to 'leavers'"), gone.err());
    CliRun taken = run("models", "rename", "leavers", "churn");
    assertEquals(1, taken.exitCode());
    assertTrue(taken.err().contains("not reused"), taken.err());
    assertEquals("leavers", run("--json", "models", "ls").json().get(0).get("model").asText());
  }

  @Test
  void gateShowPrintsTheStoredVersionsAndAChangedGateIsANewVersion() throws Exception {
    setUp();
    assertEquals(0, run("models", "gate", "set", "churn", "production", "--suite", suite(0.9).toString(),
        "--data", "holdout@main:rows.csv", "--label", "label").exitCode());
    CliRun same = run("models", "gate", "set", "churn", "production", "--suite", suite(0.9).toString(),
        "--data", "holdout@main:rows.csv", "--label", "label");
    assertTrue(same.out().startsWith("unchanged: gate 1 of churn@production"), same.out());
    assertEquals(0, run("models", "gate", "set", "churn", "production", "--suite", suite(0.5).toString(),
        "--data", "holdout@main:rows.csv", "--label", "label").exitCode());

    JsonNode current = run("--json", "models", "gate", "show", "churn", "production").json();
    assertEquals(2, current.get("version").asInt());
    assertEquals("baseline", current.get("champion").asText());
    assertEquals("rows.csv", current.get("data").get("table").asText());
    assertTrue(current.get("data").get("dataset").asText().matches("holdout@[0-9a-f]{64}"), current.toString());
    assertEquals(0.5, current.get("suite").get("checks").get(0).get("threshold").asDouble());
    JsonNode first = run("--json", "models", "gate", "show", "churn", "production", "1").json();
    assertEquals(0.9, first.get("suite").get("checks").get(0).get("threshold").asDouble());

    CliRun text = run("models", "gate", "show", "churn", "production");
    assertTrue(text.out().startsWith("gate 2 of churn@production: suite churn-gate (1 checks) on holdout@"),
        text.out());
    assertTrue(text.out().contains("\"checks\""), "the suite's JSON follows: " + text.out());
  }

  @Test
  void badGateInputIsRefusedInCliTerms() throws Exception {
    setUp();
    CliRun noTable = run("models", "gate", "set", "churn", "production", "--suite", suite(0.9).toString(),
        "--data", "holdout@main", "--label", "label");
    assertEquals(1, noTable.exitCode());
    assertTrue(noTable.err().contains("--data holdout@main must be DATASET@REF:TABLE"), noTable.err());

    CliRun badRule = run("models", "gate", "set", "churn", "production", "--suite", suite(0.9).toString(),
        "--data", "holdout@main:rows.csv", "--label", "label", "--champion", "always");
    assertTrue(badRule.err().contains("--champion must be baseline or none, got 'always'"), badRule.err());

    Path change = Files.writeString(dir.resolve("change.json"), """
        {"name": "churn-gate", "checks": [
          {"type": "change", "metric": "accuracy", "higherIsBetter": true, "tolerance": 0.01, "relative": false}]}
        """);
    CliRun never = run("models", "gate", "set", "churn", "production", "--suite", change.toString(),
        "--data", "holdout@main:rows.csv", "--label", "label", "--champion", "none");
    assertTrue(never.err().contains("--champion none can never pass"), never.err());

    Path custom = Files.writeString(dir.resolve("custom.json"), """
        {"name": "churn-gate", "metrics": [{"name": "profit", "higherIsBetter": true}],
         "checks": [{"type": "value", "metric": "profit", "comparison": ">=", "threshold": 1}]}
        """);
    CliRun customMetric = run("models", "gate", "set", "churn", "production", "--suite", custom.toString(),
        "--data", "holdout@main:rows.csv", "--label", "label");
    assertTrue(customMetric.err().contains("--suite defines custom metrics"), customMetric.err());

    CliRun none = run("models", "gate", "show", "churn", "production");
    assertEquals(1, none.exitCode());
    assertTrue(none.err().contains("has no stored gate; set one with 'mlops models gate set churn production"),
        none.err());
  }

  /** Two models, the holdout CSV committed from the shell, production protected by a gate. */
  private void setUp() throws IOException {
    assertEquals(0, run("models", "register", "churn", model("good.onnx", GOOD).toString()).exitCode());
    assertEquals(0, run("models", "register", "churn", model("bad.onnx", BAD).toString()).exitCode());
    StringBuilder csv = new StringBuilder("x0,x1,label\n");
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      float x0 = (float) random.nextGaussian();
      csv.append(x0).append(',').append((float) random.nextGaussian()).append(',').append(x0 > 0 ? 1 : 0)
          .append('\n');
    }
    Path rows = Files.writeString(dir.resolve("rows.csv"), csv);
    CliRun committed = run("data", "commit", "holdout", rows.toString());
    assertEquals(0, committed.exitCode(), committed.err());
    assertEquals(0, run("models", "protect", "churn", "production", "--gate", "--approvals", "0").exitCode());
  }

  private Path model(String name, float[][] weights) {
    return OnnxTestModels.write(OnnxTestModels.logisticRegression(weights, new float[] {0f, 0f}), dir.resolve(name));
  }

  private Path suite(double accuracy) throws IOException {
    return Files.writeString(dir.resolve("suite-" + accuracy + ".json"), """
        {"name": "churn-gate", "checks": [{"type": "value", "metric": "accuracy", "comparison": ">=",
          "threshold": %s}]}
        """.formatted(accuracy));
  }
}
