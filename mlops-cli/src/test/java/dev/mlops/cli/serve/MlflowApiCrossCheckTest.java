package dev.mlops.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.cli.CliRun;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.MlOpsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an MLflow client logs and registers through the server is what {@code mlops runs show} and
 * {@code mlops models show} print from the same store: the values are the ones sent.
 */
class MlflowApiCrossCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  private JsonNode call(MlOpsServer server, String method, String path, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.uri() + path.substring(1)))
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body().startsWith("{") ? JSON.readTree(response.body()) : JSON.createObjectNode();
  }

  @Test
  void theCliShowsWhatTheMlflowClientLoggedAndRegistered() throws Exception {
    Path store = dir.resolve("store");
    String runId;
    String experimentId;
    try (MlOps mlops = MlOps.local(store);
        MlOpsServer server = MlOpsServer.builder().port(0)
            .mount("/", MlOpsWeb.builder(mlops).mlflowApi(true).build()).start()) {
      experimentId = call(server, "POST", "/api/2.0/mlflow/experiments/create", "{\"name\": \"churn-py\"}")
          .path("experiment_id").asText();
      runId = call(server, "POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"" + experimentId
          + "\", \"run_name\": \"py-baseline\", \"tags\": [{\"key\": \"team\", \"value\": \"risk\"}]}")
          .path("run").path("info").path("run_id").asText();
      call(server, "POST", "/api/2.0/mlflow/runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": ["
          + "{\"key\": \"auc\", \"value\": 0.71, \"timestamp\": 1700000000000, \"step\": 0},"
          + "{\"key\": \"auc\", \"value\": 0.83, \"timestamp\": 1700000000001, \"step\": 1},"
          + "{\"key\": \"train/loss\", \"value\": 0.25, \"timestamp\": 1700000000002, \"step\": 1}],"
          + " \"params\": [{\"key\": \"max_depth\", \"value\": \"6\"}]}");
      http.send(HttpRequest.newBuilder(URI.create(server.uri() + "api/2.0/mlflow-artifacts/artifacts/" + experimentId
              + "/" + runId + "/artifacts/model/model.onnx"))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(OnnxTestModels.logisticRegression(
              new float[][] {{1f, 0f}, {0f, 1f}}, new float[] {0f, 0f}))).build(), HttpResponse.BodyHandlers.ofString());
      call(server, "POST", "/api/2.0/mlflow/runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"FINISHED\"}");
      call(server, "POST", "/api/2.0/mlflow/registered-models/create", "{\"name\": \"churn-py\"}");
      call(server, "POST", "/api/2.0/mlflow/model-versions/create", "{\"name\": \"churn-py\", \"source\": \"runs:/"
          + runId + "/model\", \"run_id\": \"" + runId + "\"}");
      call(server, "POST", "/api/2.0/mlflow/registered-models/alias",
          "{\"name\": \"churn-py\", \"alias\": \"champion\", \"version\": \"1\"}");
    }

    CliRun show = CliRun.inStore(store, "--json", "runs", "show", runId);
    assertEquals(0, show.exitCode(), show.err());
    JsonNode run = show.json();
    assertEquals("churn-py", run.path("experiment").asText());
    assertEquals("FINISHED", run.path("status").asText());
    assertEquals(0.83, run.path("metrics").path("auc").asDouble(), 0.0);
    assertEquals("6", run.path("params").path("max_depth").asText());
    assertEquals("risk", run.path("tags").path("team").asText());
    assertEquals(0.25, run.path("metrics").path("train/loss").asDouble(), 0.0);
    CliRun search = CliRun.inStore(store, "--json", "runs", "search", "metrics.train/loss < 0.5",
        "--order-by", "metrics.train/loss");
    assertEquals(0, search.exitCode(), search.err());
    assertEquals(runId, search.json().get(0).path("id").asText());

    CliRun model = CliRun.inStore(store, "--json", "models", "show", "churn-py@champion");
    assertEquals(0, model.exitCode(), model.err());
    assertEquals(1, model.json().path("version").asInt());
    assertEquals(runId, model.json().path("run").asText());
    assertEquals("ONNX", model.json().path("format").asText());

    // The API's own documents (under mlflow/) neither trouble verify nor get collected.
    CliRun verify = CliRun.inStore(store, "--json", "store", "verify");
    assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    assertEquals(0, CliRun.inStore(store, "store", "gc", "--grace", "0s").exitCode());
    try (MlOps mlops = MlOps.local(store);
        MlOpsServer server = MlOpsServer.builder().port(0)
            .mount("/", MlOpsWeb.builder(mlops).mlflowApi(true).build()).start()) {
      JsonNode experiment = call(server, "GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=churn-py", "");
      assertEquals(experimentId, experiment.path("experiment").path("experiment_id").asText());
      call(server, "GET", "/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId
          + "/artifacts/model/model.onnx", "");
    }
  }
}
