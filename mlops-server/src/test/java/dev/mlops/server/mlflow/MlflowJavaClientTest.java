package dev.mlops.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.Prediction;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


/**
 * The official MLflow Java client (org.mlflow:mlflow-client 2.17.2, written by MLflow's
 * maintainers, not us) against a live server; then the same run and model read through our Java
 * API. Expected values are the ones the test logs.
 */
class MlflowJavaClientTest {
  private static LiveServer live;
  private static MlflowClient client;

  @BeforeAll
  static void start() {
    live = new LiveServer();
    client = new MlflowClient(new BasicMlflowHostCreds(live.uri(), LiveServer.TOKEN));
  }

  @AfterAll
  static void stop() {
    client.close();
    live.close();
  }

  private static String logRun(String experimentId, String model, String team, double[] accuracy) {
    String runId = client.createRun(experimentId).getRunId();
    List<Metric> metrics = IntStream.range(0, accuracy.length)
        .mapToObj(i -> Metric.newBuilder().setKey("accuracy").setValue(accuracy[i]).setStep(i)
            .setTimestamp(1_700_000_000_000L + i).build())
        .toList();
    client.logBatch(runId, metrics, List.of(Param.newBuilder().setKey("model").setValue(model).build()),
        List.of(RunTag.newBuilder().setKey("team").setValue(team).build()));
    return runId;
  }

  @Test
  void logsSearchesAndReadsBackThroughTheClientAndOurApi() {
    String experimentId = client.createExperiment("churn-client");
    assertEquals("churn-client", client.getExperiment(experimentId).getName());
    assertEquals(experimentId, client.getExperimentByName("churn-client").orElseThrow().getExperimentId());

    String a = logRun(experimentId, "lr", "risk", new double[] {0.5, 0.6, 0.7, 0.8, 0.9});
    String b = logRun(experimentId, "lr", "ops", new double[] {0.4, 0.7});
    String c = logRun(experimentId, "gbm", "risk", new double[] {0.95});
    client.setTerminated(a);
    client.setTerminated(b);

    // Filter and order: lr runs above 0.6, best first: a (0.9), then b (0.7); c is gbm.
    List<Run> found = client.searchRuns(List.of(experimentId),
        "metrics.accuracy > 0.6 and params.model = 'lr'", ViewType.ACTIVE_ONLY, 10,
        List.of("metrics.accuracy DESC")).getItems();
    assertEquals(List.of(a, b), found.stream().map(r -> r.getInfo().getRunId()).toList());

    List<Metric> history = client.getMetricHistory(a, "accuracy");
    assertEquals(List.of(0.5, 0.6, 0.7, 0.8, 0.9), history.stream().map(Metric::getValue).toList());
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), history.stream().map(Metric::getStep).toList());

    Run run = client.getRun(a);
    assertEquals("FINISHED", run.getInfo().getStatus().name());
    assertEquals(0.9, run.getData().getMetrics(0).getValue());
    assertEquals("lr", run.getData().getParams(0).getValue());

    // The same run through our Java API.
    RunInfo ours = live.mlops.experiments().run(a).orElseThrow();
    assertEquals("churn-client", ours.experiment());
    assertEquals(RunStatus.FINISHED, ours.status());
    assertEquals("lr", ours.params().get("model"));
    assertEquals("risk", ours.tags().get("team"));
    assertEquals(0.9, ours.latestMetrics().get("accuracy"));
    MetricHistory oursHistory = live.mlops.experiments().history(a, "accuracy");
    assertArrayEquals(new double[] {0.5, 0.6, 0.7, 0.8, 0.9}, oursHistory.values());
    assertArrayEquals(new long[] {0, 1, 2, 3, 4}, oursHistory.steps());
    assertEquals(RunStatus.RUNNING, live.mlops.experiments().run(c).orElseThrow().status());
  }

  @Test
  void renamingAnExperimentMovesItsRunsForTheClientAndOurApi() {
    String experimentId = client.createExperiment("rename-before");
    String runId = logRun(experimentId, "lr", "risk", new double[] {0.5, 0.6});
    client.setTerminated(runId);
    client.createExperiment("rename-taken");

    client.renameExperiment(experimentId, "rename-after");

    assertEquals("rename-after", client.getExperiment(experimentId).getName());
    assertEquals(experimentId, client.getExperimentByName("rename-after").orElseThrow().getExperimentId());
    assertTrue(client.getExperimentByName("rename-before").isEmpty());
    assertEquals(List.of(runId), client.searchRuns(List.of(experimentId), "params.model = 'lr'").stream()
        .map(org.mlflow.api.proto.Service.RunInfo::getRunId).toList());
    assertEquals("rename-after", live.mlops.experiments().run(runId).orElseThrow().experiment());
    assertTrue(live.mlops.experiments().experiments().contains("rename-after"));
    assertTrue(!live.mlops.experiments().experiments().contains("rename-before"));
    String later = client.createRun(experimentId).getRunId();
    assertEquals("rename-after", live.mlops.experiments().run(later).orElseThrow().experiment());
    MlflowHttpException taken = assertThrows(MlflowHttpException.class,
        () -> client.renameExperiment(experimentId, "rename-taken"));
    assertEquals(400, taken.getStatusCode());
    assertTrue(taken.getBodyMessage().contains("RESOURCE_ALREADY_EXISTS"), taken.getBodyMessage());
    assertEquals("rename-after", client.getExperiment(experimentId).getName());
  }

  @Test
  void aRunTheClientMarksKilledIsKilledForTheClientAndOurApi() {
    String experimentId = client.createExperiment("killed-client");
    String runId = logRun(experimentId, "lr", "risk", new double[] {0.5});
    client.setTerminated(runId, org.mlflow.api.proto.Service.RunStatus.KILLED);

    assertEquals(org.mlflow.api.proto.Service.RunStatus.KILLED, client.getRun(runId).getInfo().getStatus());
    RunInfo ours = live.mlops.experiments().run(runId).orElseThrow();
    assertEquals(RunStatus.KILLED, ours.status());
    assertTrue(ours.endedAt().isPresent());
  }

  @Test
  void slashKeysAndTheClientsTimestampsComeBackThroughTheClientAndOurApi() {
    String experimentId = client.createExperiment("keys-client");
    String runId = client.createRun(experimentId).getRunId();
    long t0 = 1_600_000_000_000L; // the client's clock, far from the server's
    client.logMetric(runId, "train/loss", 0.8, t0, 0);
    client.logBatch(runId, List.of(
            Metric.newBuilder().setKey("train/loss").setValue(0.3).setStep(1).setTimestamp(t0 + 500).build(),
            Metric.newBuilder().setKey("Train/Loss").setValue(9.0).setStep(0).setTimestamp(t0 + 1).build()),
        List.of(Param.newBuilder().setKey("optimizer/name").setValue("adam").build()),
        List.of(RunTag.newBuilder().setKey("data set").setValue("v2").build()));

    List<Metric> history = client.getMetricHistory(runId, "train/loss");
    assertEquals(List.of(t0, t0 + 500), history.stream().map(Metric::getTimestamp).toList());
    assertEquals(List.of(0.8, 0.3), history.stream().map(Metric::getValue).toList());
    Metric latest = client.getRun(runId).getData().getMetricsList().stream()
        .filter(m -> m.getKey().equals("train/loss")).findFirst().orElseThrow();
    assertEquals(t0 + 500, latest.getTimestamp());
    assertEquals(1, latest.getStep());
    var found = client.searchRuns(List.of(experimentId), "metrics.`train/loss` < 0.5 and params.`optimizer/name`"
        + " = 'adam'");
    assertEquals(List.of(runId), found.stream().map(r -> r.getRunId()).toList());
    assertEquals(0, client.searchRuns(List.of(experimentId), "metrics.`Train/Loss` < 0.5").size());

    RunInfo ours = live.mlops.experiments().run(runId).orElseThrow();
    assertEquals(java.util.Map.of("train/loss", 0.3, "Train/Loss", 9.0), ours.latestMetrics());
    assertEquals("v2", ours.tags().get("data set"));
    assertArrayEquals(new long[] {t0, t0 + 500}, live.mlops.experiments().history(runId, "train/loss").timestamps());
  }

  @Test
  void registersAnOnnxVersionThatJavaServesThroughTheAliasTheClientSet() throws Exception {
    float[][] weights = {{0.5f, -0.25f}, {1.5f, 0.75f}, {-1f, 2f}};
    float[] bias = {0.1f, -0.2f};
    String experimentId = client.createExperiment("churn-models");
    String runId = client.createRun(experimentId).getRunId();
    String root = "/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId + "/artifacts/model/";
    HttpResponse<String> put = live.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(live.uri()
            + root + "model.onnx"))
        .header("Authorization", "Bearer " + LiveServer.TOKEN)
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(OnnxTestModels.logisticRegression(weights, bias)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, put.statusCode(), put.body());
    LiveServer.ok(live.send("PUT", root + "MLmodel", "flavors:\n  onnx:\n    data: model.onnx\n"));
    client.setTerminated(runId);

    client.sendPost("registered-models/create", "{\"name\": \"churn-model\"}");
    String created = client.sendPost("model-versions/create", "{\"name\": \"churn-model\", \"source\":"
        + " \"mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts/model\", \"run_id\": \"" + runId + "\"}");
    assertEquals("1", LiveServer.json(created).path("model_version").path("version").asText());
    client.sendPost("registered-models/alias", "{\"name\": \"churn-model\", \"alias\": \"champion\", \"version\": \"1\"}");

    JsonNode byAlias = LiveServer.json(client.sendGet("registered-models/alias?name=churn-model&alias=champion"));
    assertEquals("1", byAlias.path("model_version").path("version").asText());
    assertEquals("champion", byAlias.path("model_version").path("aliases").get(0).asText());
    var version = client.getModelVersion("churn-model", "1");
    assertEquals(runId, version.getRunId());
    assertEquals("READY", version.getStatus().name());

    // Java serves the version the alias points at; predictions are the regression's by hand.
    ModelVersion resolved = live.mlops.models().resolve("churn-model@champion");
    assertEquals(1, resolved.version());
    assertEquals(ModelFormat.ONNX, resolved.format());
    MlOps mlops = live.mlops;
    float[][] rows = {{1f, 2f, 3f}};
    float[] probabilities;
    // snippet:mlflow-java-serves
    try (ModelHandle model = mlops.models().load("churn-model@champion")) {
      Prediction p = model.predict(Tensor.ofFloats(rows));
      probabilities = p.first().floats();
    }
    // end:mlflow-java-serves
    assertArrayEquals(OnnxTestModels.expected(weights, bias, rows[0]), probabilities, 1e-6f);
    List<AliasMove> moves = live.mlops.models().aliasHistory("churn-model", "champion");
    assertEquals(1, moves.size());
    assertEquals("alice", moves.get(0).actor());

    // A protected alias is refused with the gate's reason.
    live.mlops.models().protect("churn-model", "production", AliasPolicy.gateAndApprovals(1));
    MlflowHttpException refused = assertThrows(MlflowHttpException.class, () -> client.sendPost(
        "registered-models/alias", "{\"name\": \"churn-model\", \"alias\": \"production\", \"version\": \"1\"}"));
    assertEquals(403, refused.getStatusCode());
    assertTrue(refused.getBodyMessage().contains("PERMISSION_DENIED"), refused.getBodyMessage());
    assertTrue(refused.getBodyMessage().contains("protected"), refused.getBodyMessage());
  }
}
