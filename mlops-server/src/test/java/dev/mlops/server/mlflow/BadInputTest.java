package dev.mlops.server.mlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.experiment.MetricHistory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed, oversized, unauthenticated and concurrent requests, answered as MLflow's server answers them. */
class BadInputTest {
  private static LiveServer live;
  private static String experimentId;

  @BeforeAll
  static void start() {
    live = new LiveServer();
    experimentId = live.post("experiments/create", "{\"name\": \"bad-input\"}").path("experiment_id").asText();
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  private static String newRun() {
    return live.post("runs/create", "{\"experiment_id\": \"" + experimentId + "\"}").path("run").path("info")
        .path("run_id").asText();
  }

  private static JsonNode error(HttpResponse<String> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode body = LiveServer.json(response.body());
    assertEquals(code, body.path("error_code").asText(), response.body());
    return body;
  }

  @Test
  void malformedJsonIsABadRequestInMlflowsFormat() {
    error(live.send("POST", "/api/2.0/mlflow/runs/log-batch", "{\"run_id\": "), 400, "MALFORMED_REQUEST");
    error(live.send("POST", "/api/2.0/mlflow/runs/log-batch", "[1, 2]"), 400, "MALFORMED_REQUEST");
    JsonNode missing = error(live.send("POST", "/api/2.0/mlflow/experiments/create", "{}"), 400,
        "INVALID_PARAMETER_VALUE");
    assertEquals("Missing value for required parameter 'name'. See the API docs for more information about request"
        + " parameters.", missing.path("message").asText());
    error(live.send("POST", "/api/2.0/mlflow/runs/no-such-endpoint", "{}"), 404, "ENDPOINT_NOT_FOUND");
    error(live.send("GET", "/api/2.0/mlflow/runs/get?run_id=00000000000000000000", null), 404,
        "RESOURCE_DOES_NOT_EXIST");
  }

  @Test
  void unknownFieldsAreIgnored() {
    String runId = newRun();
    live.post("runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": \"loss\", \"value\": 0.25, \"timestamp\":"
        + " 1700000000000, \"step\": 3, \"model_id\": \"m-1\", \"dataset_digest\": {\"nested\": [1, 2]}}");
    JsonNode metric = live.get("metrics/get-history?run_id=" + runId + "&metric_key=loss").path("metrics").get(0);
    assertEquals(0.25, metric.path("value").asDouble());
    assertEquals(3, metric.path("step").asLong());
  }

  @Test
  void nanAndInfinitiesAreAcceptedAsStringsAndAsBareTokens() {
    String runId = newRun();
    live.post("runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": ["
        + "{\"key\": \"m\", \"value\": \"NaN\", \"timestamp\": 0, \"step\": 0},"
        + "{\"key\": \"m\", \"value\": \"Infinity\", \"timestamp\": 0, \"step\": 1},"
        + "{\"key\": \"m\", \"value\": \"-Infinity\", \"timestamp\": 0, \"step\": 2},"
        + "{\"key\": \"m\", \"value\": NaN, \"timestamp\": 0, \"step\": 3},"
        + "{\"key\": \"m\", \"value\": -Infinity, \"timestamp\": 0, \"step\": \"4\"}]}");
    MetricHistory history = flushedHistory(runId, "m");
    assertArrayEquals(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Double.NEGATIVE_INFINITY}, history.values());
    // Read back through the API, they are protobuf's JSON strings.
    JsonNode metrics = live.get("metrics/get-history?run_id=" + runId + "&metric_key=m").path("metrics");
    assertEquals("NaN", metrics.get(0).path("value").asText());
    assertEquals("Infinity", metrics.get(1).path("value").asText());
    error(live.send("POST", "/api/2.0/mlflow/runs/log-metric", "{\"run_id\": \"" + runId
        + "\", \"key\": \"m\", \"value\": \"high\", \"timestamp\": 0}"), 400, "INVALID_PARAMETER_VALUE");
    error(live.send("POST", "/api/2.0/mlflow/runs/log-metric", "{\"run_id\": \"" + runId
        + "\", \"key\": \"m\", \"value\": 1, \"timestamp\": \"soon\"}"), 400, "INVALID_PARAMETER_VALUE");
    // keys MLflow refuses as paths that could resolve elsewhere, refused the same way
    for (String key : List.of("../etc", "/abs", "a//b", "a/./b", "a/")) {
      JsonNode refused = error(live.send("POST", "/api/2.0/mlflow/runs/log-batch", "{\"run_id\": \"" + runId
          + "\", \"metrics\": [{\"key\": \"" + key + "\", \"value\": 1, \"timestamp\": 0}]}"), 400,
          "INVALID_PARAMETER_VALUE");
      assertTrue(refused.path("message").asText().startsWith("Invalid metric name: '" + key + "'"),
          refused.path("message").asText());
    }
  }

  private static MetricHistory flushedHistory(String runId, String key) {
    live.get("runs/get?run_id=" + runId); // a read through the API flushes the live run
    return live.mlops.experiments().history(runId, key);
  }

  @Test
  void batchesOverMlflowsLimitsAreRefusedWithItsMessages() {
    String runId = newRun();
    StringBuilder huge = new StringBuilder("{\"run_id\": \"" + runId + "\", \"metrics\": [");
    for (int i = 0; huge.length() < 10_000_000; i++) {
      huge.append(i == 0 ? "" : ",").append("{\"key\": \"loss\", \"value\": 0.123456789, \"timestamp\": 1700000000000,"
          + " \"step\": ").append(i).append('}');
    }
    huge.append("]}");
    JsonNode tooBig = error(live.send("POST", "/api/2.0/mlflow/runs/log-batch", huge.toString()), 400,
        "INVALID_PARAMETER_VALUE");
    assertEquals("Batched logging API requests must be at most 1000000 bytes, got a request of size "
        + huge.toString().getBytes(StandardCharsets.UTF_8).length + ".", tooBig.path("message").asText());

    StringBuilder many = new StringBuilder("{\"run_id\": \"" + runId + "\", \"metrics\": [");
    for (int i = 0; i < 1001; i++) {
      many.append(i == 0 ? "" : ",").append("{\"key\": \"l\", \"value\": 1, \"timestamp\": 0, \"step\": ").append(i)
          .append('}');
    }
    many.append("]}");
    assertEquals("A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split up metrics"
        + " across multiple requests and try again.", error(live.send("POST", "/api/2.0/mlflow/runs/log-batch",
        many.toString()), 400, "INVALID_PARAMETER_VALUE").path("message").asText());

    String longValue = "x".repeat(6001);
    assertTrue(error(live.send("POST", "/api/2.0/mlflow/runs/log-batch", "{\"run_id\": \"" + runId
        + "\", \"params\": [{\"key\": \"p\", \"value\": \"" + longValue + "\"}]}"), 400, "INVALID_PARAMETER_VALUE")
        .path("message").asText().endsWith("had length 6001, which exceeded length limit of 6000"));
    assertEquals(0, live.mlops.experiments().run(runId).orElseThrow().params().size()); // nothing was applied
  }

  @Test
  void aChangedParamIsRefusedAndTheSameValueIsAccepted() {
    String runId = newRun();
    live.post("runs/log-parameter", "{\"run_id\": \"" + runId + "\", \"key\": \"lr\", \"value\": \"0.1\"}");
    live.post("runs/log-parameter", "{\"run_id\": \"" + runId + "\", \"key\": \"lr\", \"value\": \"0.1\"}");
    error(live.send("POST", "/api/2.0/mlflow/runs/log-parameter", "{\"run_id\": \"" + runId
        + "\", \"key\": \"lr\", \"value\": \"0.2\"}"), 400, "INVALID_PARAMETER_VALUE");
  }

  @Test
  void everyRequestNeedsTheToken() throws Exception {
    HttpResponse<String> none = live.http.send(HttpRequest.newBuilder(URI.create(live.uri()
        + "/api/2.0/mlflow/experiments/search?max_results=10")).build(), HttpResponse.BodyHandlers.ofString());
    error(none, 401, "UNAUTHENTICATED");
    HttpResponse<String> wrong = live.http.send(HttpRequest.newBuilder(URI.create(live.uri()
            + "/api/2.0/mlflow-artifacts/artifacts?path=0/x/artifacts"))
        .header("Authorization", "Bearer wrong-token-0123456789").build(), HttpResponse.BodyHandlers.ofString());
    error(wrong, 401, "UNAUTHENTICATED");
    String basic = Base64.getEncoder().encodeToString(("alice:" + LiveServer.TOKEN).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> basicAuth = live.http.send(HttpRequest.newBuilder(URI.create(live.uri()
        + "/api/2.0/mlflow/experiments/get?experiment_id=0")).header("Authorization", "Basic " + basic).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals("Default", LiveServer.ok(basicAuth).path("experiment").path("name").asText());
  }

  @Test
  void sixteenClientsLoggingToOneRunLoseNoPoint() throws Exception {
    String runId = newRun();
    int clients = 16;
    int requests = 40;
    int points = 10;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        done.add(pool.submit(() -> {
          for (int r = 0; r < requests; r++) {
            StringBuilder body = new StringBuilder("{\"run_id\": \"" + runId + "\", \"metrics\": [");
            for (int p = 0; p < points; p++) {
              long step = (long) client * 100_000 + r * points + p;
              body.append(p == 0 ? "" : ",").append("{\"key\": \"x\", \"value\": ").append(step)
                  .append(", \"timestamp\": 0, \"step\": ").append(step).append('}');
            }
            LiveServer.ok(live.send("POST", "/api/2.0/mlflow/runs/log-batch", body.append("]}").toString()));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    live.post("runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"FINISHED\", \"end_time\": 1}");
    MetricHistory history = live.mlops.experiments().history(runId, "x");
    assertEquals(clients * requests * points, history.size());
    long[] steps = history.steps();
    Arrays.sort(steps);
    List<Long> expected = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      for (int i = 0; i < requests * points; i++) {
        expected.add((long) c * 100_000 + i);
      }
    }
    assertEquals(expected, Arrays.stream(steps).boxed().toList());
    for (int i = 0; i < history.size(); i++) {
      assertEquals((double) history.step(i), history.value(i)); // each point's value is its step
    }
  }
}
