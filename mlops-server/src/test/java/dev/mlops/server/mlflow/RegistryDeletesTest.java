package dev.mlops.server.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MLflow's deletes in the registry (alias, version, registered model), with the bodies MLflow's
 * Python client sends ({@code DELETE} with a JSON body): MLflow clients get a 404 afterwards, while
 * our registry keeps the versions and records every alias removal in the alias history.
 */
class RegistryDeletesTest {
  private static LiveServer live;
  private static String runId;
  private static String experimentId;

  @BeforeAll
  static void start() {
    live = new LiveServer();
    experimentId = live.post("experiments/create", "{\"name\": \"deletes\"}").path("experiment_id").asText();
    runId = live.post("runs/create", "{\"experiment_id\": \"" + experimentId + "\"}").path("run").path("info")
        .path("run_id").asText();
    String root = "/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId + "/artifacts/model/";
    LiveServer.ok(live.send("PUT", root + "MLmodel", "flavors:\n  sklearn: {}\n"));
    live.post("runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"FINISHED\", \"end_time\": 1}");
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  private static void model(String name, int versions) {
    live.post("registered-models/create", "{\"name\": \"" + name + "\"}");
    for (int i = 0; i < versions; i++) {
      live.post("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId + "/model\","
          + " \"run_id\": \"" + runId + "\"}");
    }
  }

  private static HttpResponse<String> delete(String path, String body) {
    return live.send("DELETE", "/api/2.0/mlflow/" + path, body);
  }

  private static String errorCode(HttpResponse<String> response) {
    return LiveServer.json(response.body()).path("error_code").asText();
  }

  @Test
  void deletingAnAliasRemovesItAndRecordsTheRemovalInItsHistory() {
    model("aliased", 2);
    live.post("registered-models/alias", "{\"name\": \"aliased\", \"alias\": \"champion\", \"version\": \"2\"}");

    LiveServer.ok(delete("registered-models/alias", "{\"name\": \"aliased\", \"alias\": \"champion\"}"));

    assertEquals("RESOURCE_DOES_NOT_EXIST", errorCode(live.send("GET",
        "/api/2.0/mlflow/registered-models/alias?name=aliased&alias=champion", null)));
    assertEquals(Map.of(), live.mlops.models().aliases("aliased"));
    List<AliasMove> history = live.mlops.models().aliasHistory("aliased", "champion");
    assertEquals(2, history.size());
    AliasMove removal = history.get(1);
    assertEquals(OptionalInt.of(2), removal.from());
    assertEquals(OptionalInt.empty(), removal.to());
    assertEquals("alice", removal.actor()); // the token's user
    assertEquals("RESOURCE_DOES_NOT_EXIST", errorCode(delete("registered-models/alias",
        "{\"name\": \"aliased\", \"alias\": \"champion\"}")));
  }

  @Test
  void aProtectedAliasIsNotDeletedAndTheAnswerGivesTheGatesReason() {
    model("guarded", 1);
    live.post("registered-models/alias", "{\"name\": \"guarded\", \"alias\": \"production\", \"version\": \"1\"}");
    live.mlops.models().protect("guarded", "production", AliasPolicy.gateAndApprovals(1));

    HttpResponse<String> refused = delete("registered-models/alias", "{\"name\": \"guarded\", \"alias\": \"production\"}");
    assertEquals(403, refused.statusCode());
    assertEquals("PERMISSION_DENIED", errorCode(refused));
    assertTrue(refused.body().contains("protected"), refused.body());
    // deleting the version it points at, or the model, would remove it too: refused the same way
    assertEquals("PERMISSION_DENIED", errorCode(delete("model-versions/delete", "{\"name\": \"guarded\", \"version\": \"1\"}")));
    assertEquals("PERMISSION_DENIED", errorCode(delete("registered-models/delete", "{\"name\": \"guarded\"}")));
    assertEquals(Map.of("production", 1), live.mlops.models().aliases("guarded"));
    assertEquals("1", live.get("model-versions/get?name=guarded&version=1").path("model_version").path("version").asText());
  }

  @Test
  void aDeletedVersionIsGoneForMlflowClientsAndKeptInOurRegistry() {
    model("pruned", 3);
    live.post("registered-models/alias", "{\"name\": \"pruned\", \"alias\": \"challenger\", \"version\": \"2\"}");

    LiveServer.ok(delete("model-versions/delete", "{\"name\": \"pruned\", \"version\": \"2\"}"));

    assertEquals("RESOURCE_DOES_NOT_EXIST", errorCode(live.send("GET",
        "/api/2.0/mlflow/model-versions/get?name=pruned&version=2", null)));
    JsonNode found = live.get("model-versions/search?filter=name%3D%27pruned%27").path("model_versions");
    assertEquals(List.of("1", "3"), List.of(found.get(0).path("version").asText(), found.get(1).path("version").asText()));
    assertEquals(2, found.size());
    assertEquals("RESOURCE_DOES_NOT_EXIST", errorCode(live.send("POST", "/api/2.0/mlflow/registered-models/alias",
        "{\"name\": \"pruned\", \"alias\": \"challenger\", \"version\": \"2\"}")));
    // ours: the version and the alias's history stay
    assertEquals(3, live.mlops.models().versions("pruned").size());
    assertEquals(OptionalInt.empty(), live.mlops.models().aliasHistory("pruned", "challenger").get(1).to());
    assertEquals("RESOURCE_DOES_NOT_EXIST", errorCode(delete("model-versions/delete", "{\"name\": \"pruned\", \"version\": \"2\"}")));
  }

  @Test
  void aDeletedModelIsGoneForMlflowClientsAndItsNameCanBeRegisteredAgain() {
    model("retired", 2);
    live.post("registered-models/alias", "{\"name\": \"retired\", \"alias\": \"champion\", \"version\": \"1\"}");

    LiveServer.ok(delete("registered-models/delete", "{\"name\": \"retired\"}"));

    assertEquals("RESOURCE_DOES_NOT_EXIST", errorCode(live.send("GET",
        "/api/2.0/mlflow/registered-models/get?name=retired", null)));
    assertEquals("RESOURCE_DOES_NOT_EXIST", errorCode(live.send("GET",
        "/api/2.0/mlflow/model-versions/get?name=retired&version=1", null)));
    JsonNode models = live.post("registered-models/search", "{\"filter\": \"name = 'retired'\"}");
    assertEquals(0, models.path("registered_models").size());
    assertEquals(2, live.mlops.models().versions("retired").size());
    assertEquals(Map.of(), live.mlops.models().aliases("retired"));

    // created again: a new model for MLflow; our version numbers go on from the kept ones
    live.post("registered-models/create", "{\"name\": \"retired\"}");
    JsonNode again = live.get("registered-models/get?name=retired").path("registered_model");
    assertEquals(0, again.path("latest_versions").size());
    String next = live.post("model-versions/create", "{\"name\": \"retired\", \"source\": \"runs:/" + runId + "/model\"}")
        .path("model_version").path("version").asText();
    assertEquals("3", next);
    assertEquals(1, live.get("model-versions/search?filter=name%3D%27retired%27").path("model_versions").size());
  }
}
