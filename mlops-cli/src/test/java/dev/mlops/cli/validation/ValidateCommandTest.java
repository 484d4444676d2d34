package dev.mlops.cli.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.cli.CliRun;
import dev.mlops.core.testing.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops validate} on a real file store with registered ONNX models: exit 0, 3 and 1. */
class ValidateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.inStore(dir.resolve("store"), args);
  }

  /** Class 1 when x > 0 (sign = 1), or the opposite (sign = -1). */
  private Path model(String name, float sign) {
    float[][] weights = {{-4 * sign, 4 * sign}, {0, 0}};
    return OnnxTestModels.write(OnnxTestModels.logisticRegression(weights, new float[] {0, 0}),
        dir.resolve(name));
  }

  @BeforeEach
  void registerModelsAndWriteData() throws Exception {
    assertEquals(0, run("models", "register", "churn", model("good.onnx", 1).toString()).exitCode());
    assertEquals(0, run("models", "register", "churn", model("bad.onnx", -1).toString()).exitCode());
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

  private CliRun validate(String model, String... extra) {
    List<String> args = new ArrayList<>(List.of("--json", "validate", model,
        "--data", dir.resolve("data.csv").toString(), "--label", "churned",
        "--suite", dir.resolve("suite.json").toString()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  @Test
  void aPassingModelExitsZeroWithJsonAndHtml() throws Exception {
    Path html = dir.resolve("report.html");
    CliRun result = validate("churn@1", "--html", html.toString());
    assertEquals(0, result.exitCode(), result.err() + result.out());
    JsonNode json = JSON.readTree(result.out());
    assertTrue(json.get("passed").asBoolean());
    assertEquals(3, json.get("checks").size());
    assertEquals("accuracy", json.get("checks").get(0).get("name").asText());
    assertEquals(0.95, json.get("checks").get(0).get("threshold").asDouble(), 0);
    assertTrue(Files.readString(html).contains("<svg"));
  }

  @Test
  void aFailingModelExitsThreeAndTheGateRefusesIt() throws Exception {
    CliRun result = validate("churn@2", "--baseline", "churn@1");
    assertEquals(ValidateCommand.EXIT_FAILED_SUITE, result.exitCode(), result.err());
    JsonNode json = JSON.readTree(result.out());
    assertFalse(json.get("passed").asBoolean());
    assertEquals("churn/2", json.get("model").asText());
    assertFalse(json.get("checks").get(0).get("passed").asBoolean());
  }

  @Test
  void badInputExitsOneWithAMessage() throws Exception {
    CliRun label = validate("churn@1", "--label", "nope");
    assertEquals(2, label.exitCode(), "--label given twice is a usage error: " + label.err());
    CliRun missing = run("validate", "churn@1", "--data", dir.resolve("data.csv").toString(),
        "--label", "target", "--suite", dir.resolve("suite.json").toString());
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("'target'") && missing.err().contains("churned"), missing.err());
    Files.writeString(dir.resolve("bad-suite.json"),
        "{\"name\": \"s\", \"checks\": [{\"type\": \"fairness\"}]}");
    CliRun unknown = run("validate", "churn@1", "--data", dir.resolve("data.csv").toString(),
        "--label", "churned", "--suite", dir.resolve("bad-suite.json").toString());
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("'fairness'") && unknown.err().contains("training_overlap"),
        unknown.err());
  }
}
