package dev.mlops.server.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry endpoints MLflow's Python client calls, with its request bodies, read back through both sides. */
class RegistryRequestsTest {
  private static LiveServer live;
  private static String runId;
  private static String experimentId;

  @BeforeAll
  static void start() {
    live = new LiveServer();
    experimentId = live.post("experiments/create", "{\"name\": \"registry\"}").path("experiment_id").asText();
    runId = live.post("runs/create", "{\"experiment_id\": \"" + experimentId + "\"}").path("run").path("info")
        .path("run_id").asText();
    String root = "/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId + "/artifacts/model/";
    LiveServer.ok(live.send("PUT", root + "MLmodel", "flavors:\n  sklearn: {}\n"));
    LiveServer.ok(live.send("PUT", root + "model.pkl", "not really a pickle"));
    live.post("runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"FINISHED\", \"end_time\": 1}");
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  private static String version(String model) {
    return live.post("model-versions/create", "{\"name\": \"" + model + "\", \"source\": \"mlflow-artifacts:/" + experimentId
        + "/" + runId + "/artifacts/model\", \"run_id\": \"" + runId + "\", \"tags\": [{\"key\": \"owner\", \"value\":"
        + " \"ana\"}], \"description\": \"first cut\"}").path("model_version").path("version").asText();
  }

  @Test
  void versionsOfOtherFilesAreDirectoriesThatCheckOutAsLogged(@TempDir Path out) throws Exception {
    live.post("registered-models/create", "{\"name\": \"sk-model\", \"tags\": [{\"key\": \"team\", \"value\": \"risk\"}],"
        + " \"description\": \"a scikit-learn model\"}");
    assertEquals("1", version("sk-model"));
    ModelVersion ours = live.mlops.models().resolve("sk-model/1");
    assertEquals(ModelFormat.OTHER, ours.format());
    assertEquals(runId, ours.lineage().runId().orElseThrow());
    Path checkedOut = live.mlops.models().checkout("sk-model/1", out.resolve("v1"));
    assertEquals("not really a pickle", Files.readString(checkedOut.resolve("model.pkl"), StandardCharsets.UTF_8));

    JsonNode model = live.get("registered-models/get?name=sk-model").path("registered_model");
    assertEquals("a scikit-learn model", model.path("description").asText());
    assertEquals("risk", model.path("tags").get(0).path("value").asText());
    assertEquals("1", model.path("latest_versions").get(0).path("version").asText());
    assertEquals("400", String.valueOf(live.send("POST", "/api/2.0/mlflow/registered-models/create",
        "{\"name\": \"sk-model\"}").statusCode()));
  }

  @Test
  void stagesDescriptionsTagsAndSearchesAreMlflows() {
    live.post("registered-models/create", "{\"name\": \"staged\"}");
    version("staged");
    version("staged");
    live.post("model-versions/transition-stage", "{\"name\": \"staged\", \"version\": \"1\", \"stage\": \"Production\","
        + " \"archive_existing_versions\": false}");
    live.post("model-versions/transition-stage", "{\"name\": \"staged\", \"version\": \"2\", \"stage\": \"production\","
        + " \"archive_existing_versions\": true}");
    assertEquals("Archived", live.get("model-versions/get?name=staged&version=1").path("model_version")
        .path("current_stage").asText());
    JsonNode latest = live.post("registered-models/get-latest-versions", "{\"name\": \"staged\", \"stages\":"
        + " [\"Production\"]}").path("model_versions");
    assertEquals(1, latest.size());
    assertEquals("2", latest.get(0).path("version").asText());

    LiveServer.ok(live.send("PATCH", "/api/2.0/mlflow/model-versions/update",
        "{\"name\": \"staged\", \"version\": \"2\", \"description\": \"retrained\"}"));
    live.post("model-versions/set-tag", "{\"name\": \"staged\", \"version\": \"2\", \"key\": \"validated\", \"value\": \"yes\"}");
    LiveServer.ok(live.send("DELETE", "/api/2.0/mlflow/model-versions/delete-tag",
        "{\"name\": \"staged\", \"version\": \"2\", \"key\": \"owner\"}"));
    JsonNode v2 = live.get("model-versions/get?name=staged&version=2").path("model_version");
    assertEquals("retrained", v2.path("description").asText());
    assertEquals(1, v2.path("tags").size());
    assertEquals("validated", v2.path("tags").get(0).path("key").asText());

    JsonNode found = live.get("model-versions/search?filter=" + java.net.URLEncoder.encode("name = 'staged' and"
        + " tags.validated = 'yes'", StandardCharsets.UTF_8));
    assertEquals(1, found.path("model_versions").size());
    JsonNode byRun = live.post("model-versions/search", "{\"filter\": \"run_id = '" + runId + "'\", \"max_results\": 1}");
    assertEquals(1, byRun.path("model_versions").size());
    assertEquals(false, byRun.path("next_page_token").isMissingNode());
    JsonNode models = live.post("registered-models/search", "{\"filter\": \"name LIKE 'stag%'\"}");
    assertEquals("staged", models.path("registered_models").get(0).path("name").asText());
    assertEquals("RESOURCE_DOES_NOT_EXIST", LiveServer.json(live.send("GET",
        "/api/2.0/mlflow/model-versions/get?name=staged&version=9", null).body()).path("error_code").asText());
  }
}
