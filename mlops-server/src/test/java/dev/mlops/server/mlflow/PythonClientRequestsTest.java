package dev.mlops.server.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the MLflow Java client does not cover, as raw HTTP with the bodies MLflow's Python client
 * sends (its REST store serializes the protobuf requests with field names as in service.proto;
 * GET requests carry them in the query string): the artifacts proxy, log-inputs, page tokens.
 */
class PythonClientRequestsTest {
  private static LiveServer live;
  private static String experimentId;

  @BeforeAll
  static void start() {
    live = new LiveServer();
    experimentId = live.post("experiments/create", "{\"name\": \"py-train\", \"tags\": []}").path("experiment_id").asText();
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  private static String createRun(String name) {
    JsonNode run = live.post("runs/create", "{\"experiment_id\": \"" + experimentId + "\", \"user_id\": \"alice\","
        + " \"start_time\": 1700000000000, \"tags\": [{\"key\": \"mlflow.user\", \"value\": \"alice\"},"
        + " {\"key\": \"mlflow.source.name\", \"value\": \"train.py\"}, {\"key\": \"mlflow.source.type\", \"value\": \"LOCAL\"},"
        + " {\"key\": \"mlflow.runName\", \"value\": \"" + name + "\"}], \"run_name\": \"" + name + "\"}");
    assertEquals(name, run.path("run").path("info").path("run_name").asText());
    assertEquals("alice", run.path("run").path("info").path("user_id").asText());
    return run.path("run").path("info").path("run_id").asText();
  }

  private static HttpResponse<byte[]> raw(String method, String path, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(live.uri() + path))
        .header("Authorization", "Bearer " + LiveServer.TOKEN)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return live.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void artifactsProxyUploadsListsDownloadsDeletesAndRefusesTraversal() throws Exception {
    String runId = createRun("artifact-run");
    String root = "/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId + "/artifacts";
    byte[] weights = "0.5,0.25\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(200, raw("PUT", root + "/model/weights.csv", weights).statusCode());
    assertEquals(200, raw("PUT", root + "/notes.txt", "hello".getBytes(StandardCharsets.UTF_8)).statusCode());

    JsonNode top = LiveServer.json(new String(raw("GET", "/api/2.0/mlflow-artifacts/artifacts?path=" + experimentId
        + "/" + runId + "/artifacts", null).body(), StandardCharsets.UTF_8));
    assertEquals("model", top.path("files").get(0).path("path").asText());
    assertTrue(top.path("files").get(0).path("is_dir").asBoolean());
    assertEquals("notes.txt", top.path("files").get(1).path("path").asText());
    assertEquals(5, top.path("files").get(1).path("file_size").asLong());
    JsonNode model = LiveServer.json(new String(raw("GET", "/api/2.0/mlflow-artifacts/artifacts?path=" + experimentId
        + "/" + runId + "/artifacts/model", null).body(), StandardCharsets.UTF_8));
    assertEquals("weights.csv", model.path("files").get(0).path("path").asText());
    assertEquals(weights.length, model.path("files").get(0).path("file_size").asLong());

    HttpResponse<byte[]> download = raw("GET", root + "/model/weights.csv", null);
    assertEquals(200, download.statusCode());
    assertEquals("0.5,0.25\n", new String(download.body(), StandardCharsets.UTF_8));
    // The same bytes through our Java API.
    try (var in = live.mlops.experiments().openArtifact(runId, "model/weights.csv")) {
      assertEquals("0.5,0.25\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    JsonNode listed = live.get("artifacts/list?run_id=" + runId + "&path=model");
    assertEquals("model/weights.csv", listed.path("files").get(0).path("path").asText());

    // MlflowClient().delete_artifacts / the proxy's DELETE: a file, then a directory with what is below it
    assertEquals(200, raw("DELETE", root + "/notes.txt", null).statusCode());
    assertEquals(404, raw("GET", root + "/notes.txt", null).statusCode());
    assertEquals(200, raw("DELETE", root + "/model", null).statusCode());
    assertEquals(404, raw("GET", root + "/model/weights.csv", null).statusCode());
    JsonNode emptied = LiveServer.json(new String(raw("GET", "/api/2.0/mlflow-artifacts/artifacts?path=" + experimentId
        + "/" + runId + "/artifacts", null).body(), StandardCharsets.UTF_8));
    assertEquals(0, emptied.path("files").size());
    assertEquals(0, live.get("artifacts/list?run_id=" + runId).path("files").size());
    assertEquals(200, raw("DELETE", root + "/notes.txt", null).statusCode(), "nothing left to delete is no error");
    // our run keeps its artifacts (the bytes are content objects); uploading again shows the new file
    assertEquals(2, live.mlops.experiments().run(runId).orElseThrow().artifacts().size());
    assertEquals(200, raw("PUT", root + "/notes.txt", "again".getBytes(StandardCharsets.UTF_8)).statusCode());
    assertEquals("again", new String(raw("GET", root + "/notes.txt", null).body(), StandardCharsets.UTF_8));
    assertEquals(400, raw("DELETE", root + "/../other-run", null).statusCode());
    assertEquals(400, raw("PUT", root + "/%2e%2e/%2e%2e/escape.txt", weights).statusCode());
    assertEquals(400, raw("PUT", root + "/a/../../escape.txt", weights).statusCode());
    assertEquals(404, raw("GET", root + "/missing.txt", null).statusCode());
  }

  @Test
  void updateRunWithANameRenamesTheRunForMlflowAndKeepsItInTheRunsTag() {
    String runId = createRun("first-name");
    // MlflowClient().update_run(run_id, name="second-name"): status and end_time unset, so absent
    JsonNode info = live.post("runs/update", "{\"run_id\": \"" + runId + "\", \"run_uuid\": \"" + runId + "\","
        + " \"run_name\": \"second-name\"}").path("run_info");
    assertEquals("second-name", info.path("run_name").asText());
    assertEquals("RUNNING", info.path("status").asText());
    assertEquals("second-name", live.get("runs/get?run_id=" + runId).path("run").path("info").path("run_name")
        .asText());
    assertEquals("second-name", live.mlops.experiments().run(runId).orElseThrow().tags().get("mlflow.runName"));
    JsonNode found = live.post("runs/search", "{\"experiment_ids\": [\"" + experimentId + "\"],"
        + " \"filter\": \"attributes.run_name = 'second-name'\"}");
    assertEquals(runId, found.path("runs").get(0).path("info").path("run_id").asText());
  }

  @Test
  void logInputsKeepsTheDatasetsAndShowsThemInTheRun() {
    String runId = createRun("inputs-run");
    String body = "{\"run_id\": \"" + runId + "\", \"datasets\": [{\"tags\": [{\"key\": \"mlflow.data.context\", \"value\":"
        + " \"training\"}], \"dataset\": {\"name\": \"iris\", \"digest\": \"b1b6e9d4\", \"source_type\": \"local\","
        + " \"source\": \"{\\\"uri\\\": \\\"/tmp/iris.csv\\\"}\", \"schema\": \"{\\\"mlflow_colspec\\\": []}\","
        + " \"profile\": \"{\\\"num_rows\\\": 150}\"}}]}";
    live.post("runs/log-inputs", body);
    live.post("runs/log-inputs", body); // the same dataset again is kept once
    JsonNode inputs = live.get("runs/get?run_id=" + runId).path("run").path("inputs").path("dataset_inputs");
    assertEquals(1, inputs.size());
    assertEquals("iris", inputs.get(0).path("dataset").path("name").asText());
    assertEquals("b1b6e9d4", inputs.get(0).path("dataset").path("digest").asText());
    assertEquals("training", inputs.get(0).path("tags").get(0).path("value").asText());
  }

  @Test
  void logModelAppendsToTheRunsModelHistoryTag() {
    String runId = createRun("log-model-run");
    for (String path : new String[] {"model", "model-2"}) {
      live.post("runs/log-model", "{\"run_id\": \"" + runId + "\", \"model_json\": \"{\\\"artifact_path\\\": \\\""
          + path + "\\\", \\\"flavors\\\": {\\\"onnx\\\": {\\\"data\\\": \\\"model.onnx\\\"}}, \\\"run_id\\\": \\\""
          + runId + "\\\"}\"}");
    }
    JsonNode tags = live.get("runs/get?run_id=" + runId).path("run").path("data").path("tags");
    String history = null;
    for (JsonNode tag : tags) {
      if (tag.path("key").asText().equals("mlflow.log-model.history")) {
        history = tag.path("value").asText();
      }
    }
    JsonNode models = LiveServer.json(history);
    assertEquals(2, models.size());
    assertEquals("model-2", models.get(1).path("artifact_path").asText());
    assertEquals("model.onnx", models.get(0).path("flavors").path("onnx").path("data").asText());
  }

  @Test
  void aDeletedRunIsHiddenFromSearchAndRefusesWritesUntilRestored() {
    String experiment = live.post("experiments/create", "{\"name\": \"lifecycle\"}").path("experiment_id").asText();
    String runId = live.post("runs/create", "{\"experiment_id\": \"" + experiment + "\"}").path("run").path("info")
        .path("run_id").asText();
    String search = "{\"experiment_ids\": [\"" + experiment + "\"], \"run_view_type\": \"%s\"}";
    live.post("runs/delete", "{\"run_id\": \"" + runId + "\"}");
    assertEquals(0, live.post("runs/search", search.formatted("ACTIVE_ONLY")).path("runs").size());
    assertEquals(runId, live.post("runs/search", search.formatted("DELETED_ONLY")).path("runs").get(0).path("info")
        .path("run_id").asText());
    HttpResponse<String> refused = live.send("POST", "/api/2.0/mlflow/runs/log-metric", "{\"run_id\": \"" + runId
        + "\", \"key\": \"x\", \"value\": 1, \"timestamp\": 0}");
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("must be in the 'active' state"), refused.body());
    live.post("runs/restore", "{\"run_id\": \"" + runId + "\"}");
    live.post("runs/log-metric", "{\"run_id\": \"" + runId + "\", \"key\": \"x\", \"value\": 1, \"timestamp\": 0}");
    assertEquals("active", live.get("runs/get?run_id=" + runId).path("run").path("info").path("lifecycle_stage").asText());
    assertEquals(1, live.post("runs/search", search.formatted("ALL")).path("runs").size());
  }

  @Test
  void pageTokensWalkSearchesAndHistoriesWithoutRepeatsOrGaps() {
    String experiment = live.post("experiments/create", "{\"name\": \"paging\"}").path("experiment_id").asText();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String runId = live.post("runs/create", "{\"experiment_id\": \"" + experiment + "\", \"run_name\": \"r" + i + "\"}")
          .path("run").path("info").path("run_id").asText();
      live.post("runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": [{\"key\": \"rank\", \"value\": " + i
          + ", \"timestamp\": 1700000000000, \"step\": 0}]}");
      created.add(runId);
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      JsonNode page = live.post("runs/search", "{\"experiment_ids\": [\"" + experiment + "\"], \"filter\": \"\","
          + " \"run_view_type\": \"ACTIVE_ONLY\", \"max_results\": 2, \"order_by\": [\"metrics.rank ASC\"]"
          + (token == null ? "" : ", \"page_token\": \"" + token + "\"") + "}");
      page.path("runs").forEach(r -> seen.add(r.path("info").path("run_id").asText()));
      token = page.path("next_page_token").isMissingNode() ? null : page.path("next_page_token").asText();
      pages++;
    } while (token != null);
    assertEquals(3, pages);
    assertEquals(created, seen); // ranks 0..4 were logged in creation order

    String runId = created.get(0);
    StringBuilder metrics = new StringBuilder();
    for (int step = 0; step < 7; step++) {
      metrics.append(step == 0 ? "" : ", ").append("{\"key\": \"loss\", \"value\": ").append(1.0 / (step + 1))
          .append(", \"timestamp\": 1700000000000, \"step\": ").append(step).append('}');
    }
    live.post("runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": [" + metrics + "]}");
    Set<Long> steps = new HashSet<>();
    String historyToken = "";
    int historyPages = 0;
    do {
      JsonNode page = live.get("metrics/get-history?run_id=" + runId + "&metric_key=loss&max_results=3"
          + (historyToken.isEmpty() ? "" : "&page_token=" + historyToken));
      page.path("metrics").forEach(m -> assertTrue(steps.add(m.path("step").asLong())));
      historyToken = page.path("next_page_token").asText("");
      historyPages++;
    } while (!historyToken.isEmpty());
    assertEquals(3, historyPages);
    assertEquals(Set.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), steps);
  }

  @Test
  void searchSpeaksMlflowsFilterGrammar() {
    String experiment = live.post("experiments/create", "{\"name\": \"grammar\"}").path("experiment_id").asText();
    String[][] runs = {{"alpha-lr", "lr", "Risk"}, {"beta-gbm", "gbm", "ops"}, {"gamma-lr", "lr", "risk"}};
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < runs.length; i++) {
      String runId = live.post("runs/create", "{\"experiment_id\": \"" + experiment + "\", \"run_name\": \"" + runs[i][0]
          + "\"}").path("run").path("info").path("run_id").asText();
      live.post("runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": [{\"key\": \"auc\", \"value\": 0."
          + (7 + i) + ", \"timestamp\": 0, \"step\": 0}], \"params\": [{\"key\": \"model\", \"value\": \"" + runs[i][1]
          + "\"}], \"tags\": [{\"key\": \"team\", \"value\": \"" + runs[i][2] + "\"}]}");
      ids.add(runId);
    }
    assertEquals(List.of(ids.get(0), ids.get(2)), search(experiment, "params.model = 'lr'"));
    assertEquals(List.of(ids.get(2)), search(experiment, "tags.team LIKE 'r%'"));
    assertEquals(List.of(ids.get(0), ids.get(2)), search(experiment, "tags.team ILIKE 'r%'"));
    assertEquals(List.of(ids.get(1), ids.get(2)), search(experiment, "metrics.auc >= 0.8"));
    assertEquals(List.of(ids.get(0), ids.get(1)), search(experiment, "attributes.run_name IN ('alpha-lr', 'beta-gbm')"));
    assertEquals(List.of(ids.get(2)),
        search(experiment, "metrics.auc > 0.75 AND params.model != 'gbm' and attributes.status = 'RUNNING'"));
    assertEquals(List.of(ids.get(0)), search(experiment, "run_name = \"alpha-lr\""));
    HttpResponse<String> bad = live.send("POST", "/api/2.0/mlflow/runs/search", "{\"experiment_ids\": [\"" + experiment
        + "\"], \"filter\": \"metrics.auc > 'high'\"}");
    assertEquals(400, bad.statusCode());
    assertEquals("INVALID_PARAMETER_VALUE", LiveServer.json(bad.body()).path("error_code").asText());
  }

  private static List<String> search(String experiment, String filter) {
    JsonNode page = live.post("runs/search", "{\"experiment_ids\": [\"" + experiment + "\"], \"filter\": "
        + LiveServer.JSON.valueToTree(filter) + ", \"order_by\": [\"attributes.run_name\"]}");
    List<String> ids = new ArrayList<>();
    page.path("runs").forEach(r -> ids.add(r.path("info").path("run_id").asText()));
    return ids;
  }
}
