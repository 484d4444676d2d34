package dev.mlops.server.mlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.testing.OnnxTestModels;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Python snippet of docs/mlflow.md, call by call, as the HTTP requests MLflow 2.17's Python
 * client makes for it (mlflow/store/tracking/rest_store.py and model_registry/rest_store.py: GET
 * parameters in the query string, other bodies as the request protobuf in JSON with proto field
 * names; int64 fields as JSON numbers, older clients send them as strings). There is no Python
 * package index on the build machines, so this stands in for running the snippet itself.
 */
class PythonSnippetRequestsTest {
  private static final float[][] WEIGHTS = {{0.5f, -0.25f}, {1.5f, 0.75f}, {-1f, 2f}};
  private static final float[] BIAS = {0.1f, -0.2f};
  private static LiveServer live;

  @BeforeAll
  static void start() {
    live = new LiveServer();
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  private static HttpResponse<String> put(String path, byte[] body) throws Exception {
    return live.http.send(HttpRequest.newBuilder(URI.create(live.uri() + path))
        .header("Authorization", "Bearer " + LiveServer.TOKEN)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theSnippetsRequestsLogRegisterAndLetJavaServeTheModel() throws Exception {
    // mlflow.set_experiment("churn"): look the name up, create it when missing, read it back
    assertEquals(404, live.send("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=churn", null)
        .statusCode());
    String experimentId = live.post("experiments/create", "{\"name\": \"churn\"}").path("experiment_id").asText();
    assertEquals("churn", live.get("experiments/get?experiment_id=" + experimentId).path("experiment").path("name")
        .asText());

    // with mlflow.start_run(run_name="gbm-depth-6") as run:
    JsonNode created = live.post("runs/create", "{\"experiment_id\": \"" + experimentId + "\", \"user_id\": \"ana\","
        + " \"start_time\": 1733370000000, \"tags\": [{\"key\": \"mlflow.user\", \"value\": \"ana\"}, {\"key\":"
        + " \"mlflow.source.name\", \"value\": \"train.py\"}, {\"key\": \"mlflow.source.type\", \"value\": \"LOCAL\"},"
        + " {\"key\": \"mlflow.runName\", \"value\": \"gbm-depth-6\"}], \"run_name\": \"gbm-depth-6\"}");
    String runId = created.path("run").path("info").path("run_id").asText();
    String artifactUri = created.path("run").path("info").path("artifact_uri").asText();

    // mlflow.log_params({"max_depth": 6, "learning_rate": 0.1}): one log-batch, values as strings
    live.post("runs/log-batch", "{\"run_id\": \"" + runId + "\", \"params\": [{\"key\": \"max_depth\", \"value\":"
        + " \"6\"}, {\"key\": \"learning_rate\", \"value\": \"0.1\"}]}");

    // mlflow.log_metric("auc", auc, step=epoch) per epoch, each with the client's time
    double[] auc = {0.71, 0.78, 0.83};
    long[] times = {1733370001000L, 1733370002000L, 1733370003000L};
    for (int epoch = 0; epoch < auc.length; epoch++) {
      String timestamp = epoch == 1 ? "\"" + times[epoch] + "\"" : Long.toString(times[epoch]); // both int64 forms
      live.post("runs/log-metric", "{\"run_uuid\": \"" + runId + "\", \"run_id\": \"" + runId + "\", \"key\": \"auc\","
          + " \"value\": " + auc[epoch] + ", \"timestamp\": " + timestamp + ", \"step\": " + epoch + "}");
    }

    // mlflow.onnx.log_model(onnx_model, "model"): the artifact repository reads the run, uploads each
    // file of the saved model through the proxy, then records the model in the run
    assertEquals(artifactUri, live.get("runs/get?run_uuid=" + runId + "&run_id=" + runId).path("run").path("info")
        .path("artifact_uri").asText());
    String proxy = "/api/2.0/mlflow-artifacts/artifacts/" + artifactUri.substring("mlflow-artifacts:/".length())
        + "/model/";
    Map<String, byte[]> files = Map.of(
        "MLmodel", "artifact_path: model\nflavors:\n  onnx:\n    data: model.onnx\n".getBytes(),
        "model.onnx", OnnxTestModels.logisticRegression(WEIGHTS, BIAS),
        "requirements.txt", "mlflow==2.17.2\nonnx\n".getBytes(),
        "python_env.yaml", "python: 3.11\n".getBytes(),
        "conda.yaml", "name: mlflow-env\n".getBytes());
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      assertEquals(200, put(proxy + file.getKey(), file.getValue()).statusCode(), file.getKey());
    }
    live.post("runs/log-model", "{\"run_id\": \"" + runId + "\", \"model_json\": \"{\\\"artifact_path\\\":"
        + " \\\"model\\\", \\\"flavors\\\": {\\\"onnx\\\": {\\\"data\\\": \\\"model.onnx\\\"}}, \\\"run_id\\\": \\\""
        + runId + "\\\"}\"}");

    // the end of the with block: mlflow.end_run()
    live.post("runs/update", "{\"run_uuid\": \"" + runId + "\", \"run_id\": \"" + runId + "\", \"status\": \"FINISHED\","
        + " \"end_time\": 1733370004000}");

    // mv = mlflow.register_model(f"runs:/{run.info.run_id}/model", "churn-model"): create the model,
    // resolve runs:/ to the run's artifact location, create the version, wait for READY
    live.post("registered-models/create", "{\"name\": \"churn-model\"}");
    String location = live.get("runs/get?run_uuid=" + runId + "&run_id=" + runId).path("run").path("info")
        .path("artifact_uri").asText() + "/model";
    JsonNode version = live.post("model-versions/create", "{\"name\": \"churn-model\", \"source\": \"" + location
        + "\", \"run_id\": \"" + runId + "\"}").path("model_version");
    assertEquals("1", version.path("version").asText());
    assertEquals("READY", live.get("model-versions/get?name=churn-model&version=1").path("model_version")
        .path("status").asText());

    // mlflow.MlflowClient().set_registered_model_alias("churn-model", "champion", mv.version)
    live.post("registered-models/alias", "{\"name\": \"churn-model\", \"alias\": \"champion\", \"version\": \"1\"}");

    // What the Java side reads from the same store.
    RunInfo run = live.mlops.experiments().run(runId).orElseThrow();
    assertEquals(RunStatus.FINISHED, run.status());
    assertEquals(Map.of("max_depth", "6", "learning_rate", "0.1"), run.params());
    MetricHistory history = live.mlops.experiments().history(runId, "auc");
    assertArrayEquals(auc, history.values());
    assertArrayEquals(times, history.timestamps());
    assertArrayEquals(new long[] {0, 1, 2}, history.steps());
    float[] row = {1f, 2f, 3f};
    try (ModelHandle model = live.mlops.models().load("churn-model@champion")) {
      assertArrayEquals(OnnxTestModels.expected(WEIGHTS, BIAS, row),
          model.predict(Tensor.ofFloats(new float[][] {row})).first().floats(), 1e-6f);
    }
  }
}
