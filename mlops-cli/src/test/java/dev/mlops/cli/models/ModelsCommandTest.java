package dev.mlops.cli.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.cli.CliRun;
import dev.mlops.core.testing.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {
  static final float[][] WEIGHTS = {{1f, -1f}, {0.5f, 2f}, {-0.25f, 0f}};
  static final float[] BIAS = {0.1f, -0.2f};

  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.inStore(dir.resolve("store"), args);
  }

  private Path model(String name, float shift) {
    return OnnxTestModels.write(OnnxTestModels.logisticRegression(WEIGHTS, new float[] {BIAS[0] + shift, BIAS[1]}),
        dir.resolve(name));
  }

  @Test
  void registerAliasPromoteRollbackAndPredictFromTheShell() throws Exception {
    CliRun registered = run("--json", "models", "register", "churn", model("a.onnx", 0f).toString(),
        "--run", "r1", "--tag", "team=retention");
    assertEquals(0, registered.exitCode(), registered.err());
    assertEquals("churn", registered.json().get("model").asText());
    assertEquals(1, registered.json().get("version").asInt());
    assertEquals(2, run("--json", "models", "register", "churn", model("b.onnx", 1f).toString()).json()
        .get("version").asInt());

    assertEquals(0, run("models", "alias", "churn", "production", "1", "--actor", "ana").exitCode());
    JsonNode shown = run("--json", "models", "show", "churn@production").json();
    assertEquals(1, shown.get("version").asInt());
    assertEquals("r1", shown.get("run").asText());
    assertEquals("features", shown.get("signature").get("inputs").get(0).get("name").asText());

    CliRun protect = run("models", "protect", "churn", "production", "--approvals", "1");
    assertEquals(0, protect.exitCode());
    // Words, not the record's toString() ("gate false, 1 approval(s), expiry PT168H" before).
    assertEquals("protected churn@production: no gate, 1 approval, requests expire after 7d",
        protect.out().strip());
    JsonNode request = run("--json", "models", "promote", "churn", "production", "2", "--actor", "ana").json();
    assertEquals("PENDING", request.get("status").asText());
    CliRun approved = run("--json", "models", "approve", request.get("id").asText(), "--actor", "ben");
    assertEquals("APPROVED", approved.json().get("status").asText(), approved.err());
    assertEquals(2, run("--json", "models", "show", "churn@production").json().get("version").asInt());

    JsonNode moves = run("--json", "models", "history", "churn", "--alias", "production").json();
    assertEquals(2, moves.size());
    Instant firstMove = Instant.parse(moves.get(0).get("at").asText());
    Instant secondMove = Instant.parse(moves.get(1).get("at").asText());
    // Asked at the recorded times of the moves, not at a clock reading taken in between, so the
    // answer does not depend on how much time passed between the two commands.
    assertEquals(secondMove.isAfter(firstMove) ? 1 : 2, run("--json", "models", "history", "churn",
        "--alias", "production", "--at", firstMove.toString()).json().get("version").asInt());
    assertEquals(2, run("--json", "models", "history", "churn", "--alias", "production", "--at",
        secondMove.toString()).json().get("version").asInt());

    Path csv = Files.writeString(dir.resolve("rows.csv"), "a,b,c\n1,2,3\n0,0,0\n");
    JsonNode predicted = run("--json", "models", "predict", "churn@production", csv.toString()).json();
    assertEquals(2, predicted.get("version").asInt());
    // reference: softmax(x W + b) of version 2 (bias shifted by 1), computed by OnnxTestModels.expected
    float[] expected = OnnxTestModels.expected(WEIGHTS, new float[] {BIAS[0] + 1f, BIAS[1]}, new float[] {1, 2, 3});
    JsonNode first = predicted.get("outputs").get("probabilities").get(0);
    assertEquals(expected[0], first.get(0).floatValue(), 1e-6);
    assertEquals(expected[1], first.get(1).floatValue(), 1e-6);

    JsonNode back = run("--json", "models", "rollback", "churn", "production").json();
    assertEquals(1, back.get("to").asInt());
    Path json = Files.writeString(dir.resolve("rows.json"), "[{\"a\": 1, \"b\": 2, \"c\": 3}]");
    assertEquals(1, run("--json", "models", "predict", "churn@production", json.toString()).json()
        .get("version").asInt());

    JsonNode listed = run("--json", "models", "ls").json();
    assertEquals("churn", listed.get(0).get("model").asText());
    assertEquals(2, listed.get(0).get("versions").asInt());
  }

  @Test
  void actorAndReasonReachTheHistoryWithEachCommandsDefaults() throws Exception {
    run("models", "register", "churn", model("a.onnx", 0f).toString());
    run("models", "register", "churn", model("b.onnx", 1f).toString());
    JsonNode moved = run("--json", "models", "alias", "churn", "production", "1", "--actor", "ana",
        "--reason", "first").json();
    assertEquals("ana", moved.get("actor").asText());
    assertEquals("first", moved.get("reason").asText());
    JsonNode unexplained = run("--json", "models", "alias", "churn", "production", "2", "--actor", "ana").json();
    assertEquals("", unexplained.get("reason").asText(), "alias: no --reason records an empty reason");
    JsonNode back = run("--json", "models", "rollback", "churn", "production", "--actor", "oncall").json();
    assertEquals("oncall", back.get("actor").asText());
    assertEquals("rollback", back.get("reason").asText(), "rollback: no --reason records 'rollback'");

    run("models", "protect", "churn", "production");
    JsonNode request = run("--json", "models", "promote", "churn", "production", "2", "--actor", "ana",
        "--reason", "better AUC").json();
    assertEquals("ana", request.get("requester").asText());
    assertEquals("better AUC", request.get("reason").asText());
    CliRun rejected = run("--json", "models", "reject", request.get("id").asText(), "--actor", "ben",
        "--reason", "canary errors");
    assertEquals("REJECTED", rejected.json().get("status").asText(), rejected.err());
    JsonNode defaultActor = run("--json", "models", "promote", "churn", "production", "2").json();
    assertEquals(System.getProperty("user.name"), defaultActor.get("requester").asText(),
        "no --actor: the OS user");
  }

  @Test
  void failuresSayWhatIsWrongInOneLine() throws Exception {
    run("store", "init");
    CliRun unknown = run("models", "show", "nope@production");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("nope"), unknown.err());
    run("models", "register", "churn", model("a.onnx", 0f).toString());
    Path wide = Files.writeString(dir.resolve("wide.csv"), "1,2\n");
    CliRun mismatch = run("models", "predict", "churn/1", wide.toString());
    assertEquals(1, mismatch.exitCode());
    assertTrue(mismatch.err().contains("'features'"), mismatch.err());
    // The walkthrough's case: a CSV that still holds its label column says what to drop.
    Path withLabel = Files.writeString(dir.resolve("with-label.csv"), "a,b,c,label\n1,2,3,0\n");
    CliRun labelled = run("models", "predict", "churn/1", withLabel.toString());
    assertEquals(1, labelled.exitCode());
    assertTrue(labelled.err().contains("has 4 columns and churn/1 takes 3 features"), labelled.err());
    assertTrue(labelled.err().contains("drop label and id columns"), labelled.err());
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "junk");
    CliRun bad = run("models", "register", "churn", junk.toString());
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().contains("not an ONNX model"), bad.err());
  }

  @Test
  void promotingAnUnprotectedAliasNamesTheCommandsNotJavaMethods() throws Exception {
    run("models", "register", "churn", model("a.onnx", 0f).toString());
    CliRun promote = run("models", "promote", "churn", "canary", "1");
    assertEquals(1, promote.exitCode(), promote.out());
    assertEquals(1, promote.errLines().size(), promote.err());
    assertTrue(promote.err().contains("churn@canary is not protected"), promote.err());
    assertTrue(promote.err().contains("'mlops models alias churn canary 1'"), promote.err());
    assertTrue(promote.err().contains("'mlops models protect churn canary'"), promote.err());
    assertFalse(promote.err().contains("moveAliases("), promote.err());
    assertEquals(0, run("models", "alias", "churn", "canary", "1").exitCode(), "the command it names works");
  }

  @Test
  void movingAProtectedAliasNamesThePromoteCommandNotAJavaMethod() throws Exception {
    run("models", "register", "churn", model("a.onnx", 0f).toString());
    assertEquals(0, run("models", "protect", "churn", "production", "--approvals", "1").exitCode());
    CliRun alias = run("models", "alias", "churn", "production", "1");
    assertEquals(1, alias.exitCode(), alias.out());
    assertEquals(1, alias.errLines().size(), alias.err());
    assertTrue(alias.err().contains("churn@production is protected (no gate, 1 approval, requests expire after 7d)"),
        alias.err());
    assertTrue(alias.err().contains("'mlops models promote churn production 1'"), alias.err());
    assertFalse(alias.err().contains("requestPromotion("), alias.err());
    assertFalse(alias.err().contains("PT168H"), alias.err());
    assertEquals(0, run("models", "promote", "churn", "production", "1", "--actor", "ana").exitCode(),
        "the command it names works");
  }
}
