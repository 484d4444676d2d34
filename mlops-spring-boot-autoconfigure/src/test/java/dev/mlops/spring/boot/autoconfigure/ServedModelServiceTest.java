package dev.mlops.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service on a real port serving {@code churn@production} from a file store the test wrote,
 * with a drift monitor on {@code churn-training@v1}. Another MlOps on the same store plays the
 * other process that moves the alias.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "mlops.models.churn.ref=churn@production",
    "mlops.drift.churn.reference=churn-training@v1",
    "mlops.drift.churn.window-size=100",
    "mlops.alias-poll-period=100ms",
    "management.endpoints.web.exposure.include=health,mlops,metrics",
    "management.endpoint.health.show-details=always"})
@DisplayName("a Spring Boot service with mlops.store, a served model and a drift monitor")
class ServedModelServiceTest {
  @TempDir static Path dir;
  private static Path store;

  @LocalServerPort int port;
  @Autowired MlOps mlops;

  @BeforeAll
  static void writeStore() {
    store = TestStore.write(dir);
  }

  @DynamicPropertySource
  static void storeProperty(DynamicPropertyRegistry registry) {
    registry.add("mlops.store", () -> store.toUri().toString());
  }

  @Test
  @DisplayName("health reports the store reachable and the served model's version; /actuator/mlops lists model, aliases and monitor")
  void healthAndEndpoint() {
    Http.Answer health = Http.get(port, "/actuator/health/mlops");
    assertEquals(200, health.status(), health.toString());
    assertEquals("UP", health.body().path("status").asText(), health.toString());
    JsonNode details = health.body().path("details");
    assertTrue(details.path("storeReachable").asBoolean(), details.toString());
    JsonNode churn = details.path("models").path("churn");
    assertEquals("LOADED", churn.path("state").asText(), churn.toString());
    int version = churn.path("version").asInt();
    assertEquals(mlops.models().resolve("churn@production").version(), version, "the version the alias points at");

    JsonNode report = Http.get(port, "/actuator/mlops").body();
    assertEquals(store.toUri().toString(), report.path("store").asText());
    JsonNode served = report.path("models").get(0);
    assertEquals("churn", served.path("name").asText());
    assertEquals("churn@production", served.path("reference").asText());
    assertEquals(version, served.path("aliases").path("production").asInt(), served.toString());
    assertEquals("churn", report.path("drift").get(0).path("name").asText(), report.toString());
    JsonNode pending = report.path("pendingRetrainRequests");
    assertEquals(1, pending.size(), report.toString());
    assertEquals("churn", pending.get(0).path("policy").asText(), report.toString());
    assertEquals(mlops.retraining().requests().get(0).id(), pending.get(0).path("id").asText());
  }

  @Test
  @DisplayName("a prediction through the endpoint is the registered model's, computed independently")
  void predictionIsTheModels() {
    Http.Answer answer = Http.get(port, "/predict?tenure=10&spend=40");
    int version = answer.body().path("version").asInt();
    float[] probabilities = new float[2];
    for (int i = 0; i < 2; i++) {
      probabilities[i] = (float) answer.body().path("probabilities").get(i).asDouble();
    }
    assertArrayEquals(TestStore.expected(version, 10, 40), probabilities, 1e-5f);
  }

  @Test
  @DisplayName("drift meters are at /actuator/metrics and the score moves when skewed requests come in")
  void driftMetersMove() {
    JsonNode names = Http.get(port, "/actuator/metrics").body().path("names");
    assertTrue(names.toString().contains("\"mlops.drift.score\""), names.toString());
    String score = "/actuator/metrics/mlops.drift.score?tag=monitor:churn&tag=feature:tenure";
    double before = Http.get(port, score).body().path("measurements").get(0).path("value").asDouble();
    // Other tests' requests (tenure 1..10) give at most (24.5 - 1) / 14.4 = 1.6.
    assertTrue(Double.isNaN(before) || before < 5, "no skewed window yet: " + before);
    // Tenure 200..299 against a reference of 0..49: every value lies beyond the reference. Two
    // windows' worth, so at least one window of 100 holds skewed requests only, whatever other
    // tests sent before.
    for (int i = 0; i < 200; i++) {
      assertEquals(200, Http.get(port, "/predict?tenure=" + (200 + i % 100) + "&spend=" + (i % 100)).status());
    }
    // W1 over the reference's standard deviation (Wasserstein.normalized): (249.5 - 24.5) / 14.4
    // = 15.6 for a fully skewed window, as the mean shift when every value lies beyond the reference.
    Http.await("the drift score of a skewed window",
        () -> Http.get(port, score).body().path("measurements").get(0).path("value").asDouble(),
        value -> value > 5);
    JsonNode detected = Http.get(port, "/actuator/metrics/mlops.drift.detected?tag=monitor:churn&tag=feature:tenure").body();
    assertTrue(detected.path("measurements").get(0).path("value").asDouble() >= 1, detected.toString());
    JsonNode window = Http.get(port, "/actuator/mlops").body().path("drift").get(0).path("lastWindow");
    assertTrue(window.path("observations").asLong() > 0, window.toString());
    JsonNode tenure = window.path("columns").get(0);
    assertEquals("tenure", tenure.path("column").asText(), window.toString());
    // Without mlops.drift.churn.record-windows the windows stay in memory (RecordedWindowsServiceTest records them).
    assertEquals(List.of(), mlops.drift().history("churn").list());
  }

  @Test
  @DisplayName("moving the alias in the store from another process swaps the served version without a restart")
  void aliasMoveSwapsTheServedVersion() {
    int before = Http.get(port, "/predict?tenure=1&spend=1").body().path("version").asInt();
    int target = before == 1 ? 2 : 1;
    try (MlOps other = TestStore.open(store)) {
      other.models().moveAliases("churn", Map.of("production", target), "test", "release " + target);
    }
    // The handle looks for moves when predictions come in, at most once per poll period (100 ms).
    JsonNode answer = Http.await("serving version " + target,
        () -> Http.get(port, "/predict?tenure=3&spend=7").body(), body -> body.path("version").asInt() == target);
    float[] probabilities = {(float) answer.path("probabilities").get(0).asDouble(),
        (float) answer.path("probabilities").get(1).asDouble()};
    assertArrayEquals(TestStore.expected(target, 3, 7), probabilities, 1e-5f);
    assertEquals(target, Http.get(port, "/actuator/health/mlops").body().path("details").path("models")
        .path("churn").path("version").asInt());
  }
}
