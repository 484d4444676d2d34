package dev.mlops.cli.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops validate} on a real file store with registered ONNX models: exit 0, 3 and 1. */
class ValidateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

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

  /** Class 1 when x > 0 (sign = 1), or the opposite (sign = -1). */
  private Path model(String name, float sign) {
    float[][] weights = {{-4 * sign, 4 * sign}, {0, 0}};
    return OnnxTestModels.write(OnnxTestModels.logisticRegression(weights, new float[] {0, 0}),
        dir.resolve(name));
  }

  @BeforeEach
  void registerModelsAndWriteData() throws Exception {
    assertEquals(0, run("models", "register", "churn", model("good.onnx", 1).toString()).code());
    assertEquals(0, run("models", "register", "churn", model("bad.onnx", -1).toString()).code());
    StringBuilder csv = new StringBuilder("x,noise,region,churned\n");
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < 300; i++) {
      double x = random.nextGaussian();
      csv.append(x).append(',').append(random.nextDouble()).append(',')
          .append(i % 2 == 0 ? "north" : "south").append(',').append(x > 0 ? 1 : 0).append('\n');
    }
    Files.writeString(dir.resolve("data.csv"), csv);
    Files.writeString(dir.resolve("suite.json"), """
        {"name": "ci-gate", "checks": [
          {"type": "value", "metric": "accuracy", "comparison": ">=", "threshold": 0.95},
          {"type": "slice", "metric": "accuracy", "column": "region", "maxGap": 0.05},
          {"type": "value", "metric": "latency.p99.single.ms", "comparison": "<=", "threshold": 1000}],
         "measurement": {"batchSize": 8, "warmupCalls": 5, "calls": 20}}
        """);
  }

  private Result validate(String model, String... extra) {
    List<String> args = new ArrayList<>(List.of("--json", "validate", "--model", model,
        "--data", dir.resolve("data.csv").toString(), "--label", "churned",
        "--suite", dir.resolve("suite.json").toString()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  @Test
  void aPassingModelExitsZeroWithJsonAndHtml() throws Exception {
    Path html = dir.resolve("report.html");
    Result result = validate("churn@1", "--html", html.toString());
    assertEquals(0, result.code(), result.err() + result.out());
    JsonNode json = JSON.readTree(result.out());
    assertTrue(json.get("passed").asBoolean());
    assertEquals(3, json.get("checks").size());
    assertEquals("accuracy", json.get("checks").get(0).get("name").asText());
    assertEquals(0.95, json.get("checks").get(0).get("threshold").asDouble(), 0);
    assertTrue(Files.readString(html).contains("<svg"));
  }

  @Test
  void aFailingModelExitsThreeAndTheGateRefusesIt() throws Exception {
    Result result = validate("churn@2", "--baseline", "churn@1");
    assertEquals(ValidateCommand.EXIT_FAILED_SUITE, result.code(), result.err());
    JsonNode json = JSON.readTree(result.out());
    assertFalse(json.get("passed").asBoolean());
    assertEquals("churn/2", json.get("model").asText());
    assertFalse(json.get("checks").get(0).get("passed").asBoolean());
  }

  @Test
  void badInputExitsOneWithAMessage() throws Exception {
    Result label = validate("churn@1", "--label", "nope");
    assertEquals(2, label.code(), "--label given twice is a usage error: " + label.err());
    Result missing = run("validate", "--model", "churn@1", "--data", dir.resolve("data.csv").toString(),
        "--label", "target", "--suite", dir.resolve("suite.json").toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("'target'") && missing.err().contains("churned"), missing.err());
    Files.writeString(dir.resolve("bad-suite.json"),
        "{\"name\": \"s\", \"checks\": [{\"type\": \"fairness\"}]}");
    Result unknown = run("validate", "--model", "churn@1", "--data", dir.resolve("data.csv").toString(),
        "--label", "churned", "--suite", dir.resolve("bad-suite.json").toString());
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("'fairness'") && unknown.err().contains("training_overlap"),
        unknown.err());
  }
}
