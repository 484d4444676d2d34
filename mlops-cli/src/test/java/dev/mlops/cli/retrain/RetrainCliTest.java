package dev.mlops.cli.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.Comparison;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.cli.CliRun;
import dev.mlops.cli.Main;
import dev.mlops.core.MlOps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops retrain ...} on a real store directory, in text and JSON. */
class RetrainCliTest {
  static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private CliRun mlops(String... args) {
    return CliRun.inStore(dir.resolve("store"), args);
  }

  /** Days 1-4: quiet, quiet, a large drift that asks for approval, a dip held by hysteresis. */
  @BeforeEach
  void recordDecisions() {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      var policy = mlops.retrainPolicy(RetrainPolicyConfig.builder().name("churn")
          .trigger(new Trigger("drift.share", Comparison.AT_LEAST, 0.3, 0.2)).build());
      double[] shares = {0.05, 0.1, 0.6, 0.25};
      for (int day = 0; day < shares.length; day++) {
        policy.evaluate(RetrainSignals.builder(MARCH_1.plus(Duration.ofDays(day)))
            .signal("drift.share", shares[day]).build());
      }
    }
  }

  @Test
  void statusListsThePendingRequestAndHistoryExplainsTheThird() throws Exception {
    JsonNode status = JSON.readTree(mlops("--json", "retrain", "status").out());
    assertEquals("churn-3", status.path("pending").get(0).path("id").asText());
    assertEquals("HYSTERESIS", status.path("policies").get(0).path("lastDecision").path("suppressedBy").asText());

    CliRun history = mlops("--json", "retrain", "history", "--since", "2026-03-03", "--until", "2026-03-03");
    assertEquals(0, history.exitCode(), history.err());
    JsonNode decisions = JSON.readTree(history.out()).path("decisions");
    assertEquals(1, decisions.size());
    JsonNode third = decisions.get(0);
    assertTrue(third.path("fired").asBoolean());
    assertEquals("APPROVAL", third.path("automation").asText());
    assertEquals(0.6, third.path("evidence").get(0).path("value").asDouble());
    assertEquals("PENDING", third.path("requestStatus").asText());

    CliRun text = mlops("retrain", "history", "--fired");
    assertTrue(text.out().contains("FIRED APPROVAL") && text.out().contains("request churn-3 PENDING"), text.out());
  }

  @Test
  void statusOnAStoreWithoutPoliciesSaysSo() throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("empty"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"--store", dir.resolve("empty").toString(), "retrain", "status"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), Map.of());
    assertEquals(0, code);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("no retrain policy has recorded decisions"));
  }

  @Test
  void approveRecordsWhoAndWhyAndASecondDecisionIsRefused() throws Exception {
    CliRun approve = mlops("--json", "retrain", "approve", "churn-3", "--by", "alice", "--reason", "explored");
    assertEquals(0, approve.exitCode(), approve.err());
    assertEquals("APPROVED", JSON.readTree(approve.out()).path("status").asText());
    CliRun history = mlops("retrain", "history", "--fired");
    assertTrue(history.out().contains("APPROVED by alice (explored)"), history.out());

    CliRun again = mlops("retrain", "reject", "churn-3", "--by", "bob");
    assertEquals(Main.EXIT_FAILURE, again.exitCode());
    assertTrue(again.err().contains("already approved by alice"), again.err());
    CliRun unknown = mlops("retrain", "approve", "churn-99");
    assertEquals(Main.EXIT_FAILURE, unknown.exitCode());
    assertTrue(unknown.err().contains("No retrain request 'churn-99'"), unknown.err());
  }

  @Test
  void backtestReadsAPolicyAndACsvStream() throws Exception {
    Path policy = dir.resolve("policy.json");
    Files.writeString(policy, """
        {"name": "bt", "triggers": [{"type": "drift", "enter": 0.3}], "consecutiveWindows": 2,
         "cooldown": "PT0S"}
        """);
    StringBuilder csv = new StringBuilder("at,drift.share,change\n");
    for (int h = 0; h < 10; h++) {
      csv.append(MARCH_1.plus(Duration.ofHours(h))).append(',').append(h >= 5 ? 0.5 : 0.1)
          .append(',').append(h == 5 ? 1 : 0).append('\n');
    }
    Path input = dir.resolve("stream.csv");
    Files.writeString(input, csv);
    CliRun run = mlops("--json", "retrain", "backtest", "--policy", policy.toString(), input.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode report = JSON.readTree(run.out());
    assertEquals(1, report.path("retrainCount").asInt());
    assertEquals(3600, report.path("detections").get(0).path("delaySeconds").asLong(),
        "2 consecutive windows an hour apart: fires one hour after the change");
    assertEquals(0, report.path("falseAlarms").asInt());

    Files.writeString(policy, "{\"name\": \"bt\", \"triggers\": [{\"type\": \"vibes\", \"enter\": 1}]}");
    CliRun bad = mlops("retrain", "backtest", "--policy", policy.toString(), input.toString());
    assertEquals(Main.EXIT_FAILURE, bad.exitCode());
    assertTrue(bad.err().contains("Unknown trigger type \"vibes\""), bad.err());

    Files.writeString(input, "at,drift.share\n2026-03-01T00:00:00Z,high\n");
    Files.writeString(policy, "{\"name\": \"bt\", \"triggers\": [{\"type\": \"drift\", \"enter\": 0.3}]}");
    CliRun badCsv = mlops("retrain", "backtest", "--policy", policy.toString(), input.toString());
    assertEquals(Main.EXIT_FAILURE, badCsv.exitCode());
    assertTrue(badCsv.err().contains("line 2: column 'drift.share' must be a number"), badCsv.err());
  }
}
