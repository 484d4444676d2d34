package dev.mlops.cli.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.cli.Main;
import dev.mlops.core.testing.OnnxTestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final float[][] WEIGHTS = {{1f, -1f}, {0.5f, 2f}, {-0.25f, 0f}};
  static final float[] BIAS = {0.1f, -0.2f};

  @TempDir Path dir;

  record Result(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("--store", dir.resolve("store").toString()));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(all.toArray(String[]::new), o, e, Map.of());
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path model(String name, float shift) {
    return OnnxTestModels.write(OnnxTestModels.logisticRegression(WEIGHTS, new float[] {BIAS[0] + shift, BIAS[1]}),
        dir.resolve(name));
  }

  @Test
  void registerAliasPromoteRollbackAndPredictFromTheShell() throws Exception {
    Result registered = run("--json", "models", "register", "churn", model("a.onnx", 0f).toString(),
        "--run", "r1", "--tag", "team=retention");
    assertEquals(0, registered.code(), registered.err());
    assertEquals("churn", registered.json().get("model").asText());
    assertEquals(1, registered.json().get("version").asInt());
    assertEquals(2, run("--json", "models", "register", "churn", model("b.onnx", 1f).toString()).json()
        .get("version").asInt());

    assertEquals(0, run("models", "alias", "churn", "production", "1", "--actor", "ana").code());
    Instant between = Instant.now();
    Thread.sleep(5);
    JsonNode shown = run("--json", "models", "show", "churn@production").json();
    assertEquals(1, shown.get("version").asInt());
    assertEquals("r1", shown.get("run").asText());
    assertEquals("features", shown.get("signature").get("inputs").get(0).get("name").asText());

    assertEquals(0, run("models", "protect", "churn", "production", "--approvals", "1").code());
    JsonNode request = run("--json", "models", "promote", "churn", "production", "2", "--actor", "ana").json();
    assertEquals("PENDING", request.get("status").asText());
    Result approved = run("--json", "models", "approve", request.get("id").asText(), "--actor", "ben");
    assertEquals("APPROVED", approved.json().get("status").asText(), approved.err());
    assertEquals(2, run("--json", "models", "show", "churn@production").json().get("version").asInt());

    JsonNode then = run("--json", "models", "history", "churn", "--alias", "production", "--at",
        between.toString()).json();
    assertEquals(1, then.get("version").asInt());
    assertEquals(2, run("--json", "models", "history", "churn", "--alias", "production").json().size());

    Path csv = Files.writeString(dir.resolve("rows.csv"), "a,b,c\n1,2,3\n0,0,0\n");
    JsonNode predicted = run("--json", "models", "predict", "churn@production", "--input", csv.toString()).json();
    assertEquals(2, predicted.get("version").asInt());
    // reference: softmax(x W + b) of version 2 (bias shifted by 1), computed by OnnxTestModels.expected
    float[] expected = OnnxTestModels.expected(WEIGHTS, new float[] {BIAS[0] + 1f, BIAS[1]}, new float[] {1, 2, 3});
    JsonNode first = predicted.get("outputs").get("probabilities").get(0);
    assertEquals(expected[0], first.get(0).floatValue(), 1e-6);
    assertEquals(expected[1], first.get(1).floatValue(), 1e-6);

    JsonNode back = run("--json", "models", "rollback", "churn", "production").json();
    assertEquals(1, back.get("to").asInt());
    Path json = Files.writeString(dir.resolve("rows.json"), "[{\"a\": 1, \"b\": 2, \"c\": 3}]");
    assertEquals(1, run("--json", "models", "predict", "churn@production", "--input", json.toString()).json()
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
    Result rejected = run("--json", "models", "reject", request.get("id").asText(), "--actor", "ben",
        "--reason", "canary errors");
    assertEquals("REJECTED", rejected.json().get("status").asText(), rejected.err());
    JsonNode defaultActor = run("--json", "models", "promote", "churn", "production", "2").json();
    assertEquals(System.getProperty("user.name"), defaultActor.get("requester").asText(),
        "no --actor: the OS user");
  }

  @Test
  void failuresSayWhatIsWrongInOneLine() throws Exception {
    Result unknown = run("models", "show", "nope@production");
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("nope"), unknown.err());
    run("models", "register", "churn", model("a.onnx", 0f).toString());
    Path wide = Files.writeString(dir.resolve("wide.csv"), "1,2\n");
    Result mismatch = run("models", "predict", "churn/1", "--input", wide.toString());
    assertEquals(1, mismatch.code());
    assertTrue(mismatch.err().contains("'features'"), mismatch.err());
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "junk");
    Result bad = run("models", "register", "churn", junk.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("not an ONNX model"), bad.err());
  }
}
