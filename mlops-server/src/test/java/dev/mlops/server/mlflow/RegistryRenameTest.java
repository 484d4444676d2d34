package dev.mlops.server.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.core.MlOps;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code registered-models/rename} with the body MLflow's Python client sends
 * ({@code MlflowClient().rename_registered_model(name, new_name)}: POST {@code {"name", "new_name"}};
 * the Java client 2.17.2 has no rename). The versions, aliases, alias history, description, tags
 * and stages answer under the new name; the old name answers RESOURCE_DOES_NOT_EXIST; an existing
 * new name RESOURCE_ALREADY_EXISTS.
 */
class RegistryRenameTest {
  private static LiveServer live;
  private static String runId;

  @BeforeAll
  static void start() {
    live = new LiveServer();
    String experimentId = live.post("experiments/create", "{\"name\": \"renames\"}").path("experiment_id").asText();
    runId = live.post("runs/create", "{\"experiment_id\": \"" + experimentId + "\"}").path("run").path("info")
        .path("run_id").asText();
    String root = "/api/2.0/mlflow-artifacts/artifacts/" + experimentId + "/" + runId + "/artifacts/model/";
    LiveServer.ok(live.send("PUT", root + "MLmodel", "flavors:\n  sklearn: {}\n"));
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  private static void model(String name, int versions) {
    live.post("registered-models/create", "{\"name\": \"" + name + "\", \"description\": \"churn model\","
        + " \"tags\": [{\"key\": \"team\", \"value\": \"growth\"}]}");
    for (int i = 0; i < versions; i++) {
      live.post("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId + "/model\","
          + " \"run_id\": \"" + runId + "\"}");
    }
  }

  private static HttpResponse<String> rename(String name, String newName) {
    return live.send("POST", "/api/2.0/mlflow/registered-models/rename",
        "{\"name\": \"" + name + "\", \"new_name\": \"" + newName + "\"}");
  }

  private static String errorCode(HttpResponse<String> response) {
    return LiveServer.json(response.body()).path("error_code").asText();
  }

  @Test
  void everythingAnswersUnderTheNewNameAndTheOldNameIsGone() {
    model("before", 2);
    live.post("registered-models/alias", "{\"name\": \"before\", \"alias\": \"champion\", \"version\": \"1\"}");
    live.post("registered-models/alias", "{\"name\": \"before\", \"alias\": \"champion\", \"version\": \"2\"}");
    live.post("model-versions/transition-stage", "{\"name\": \"before\", \"version\": \"2\", \"stage\": \"Staging\","
        + " \"archive_existing_versions\": false}");

    JsonNode renamed = LiveServer.ok(rename("before", "after")).path("registered_model");

    assertEquals("after", renamed.path("name").asText());
    assertEquals("churn model", renamed.path("description").asText());
    assertEquals("growth", renamed.path("tags").get(0).path("value").asText());
    assertEquals("2", live.get("registered-models/alias?name=after&alias=champion").path("model_version")
        .path("version").asText());
    assertEquals("Staging", live.get("model-versions/get?name=after&version=2").path("model_version")
        .path("current_stage").asText());
    HttpResponse<String> old = live.send("GET", "/api/2.0/mlflow/registered-models/get?name=before", null);
    assertEquals(404, old.statusCode());
    assertEquals("RESOURCE_DOES_NOT_EXIST", errorCode(old));
    assertEquals("RESOURCE_DOES_NOT_EXIST", errorCode(live.send("GET",
        "/api/2.0/mlflow/model-versions/get?name=before&version=1", null)));
    JsonNode search = live.get("registered-models/search?filter=name%20LIKE%20%27%25fter%27");
    assertEquals(1, search.path("registered_models").size());
    // our registry and its history under the new name
    List<AliasMove> history = live.mlops.models().aliasHistory("after", "champion");
    assertEquals(List.of(OptionalInt.of(1), OptionalInt.of(2)), history.stream().map(AliasMove::to).toList());
    assertEquals(Map.of("champion", 2), live.mlops.models().aliases("after"));
    assertThrows(NotFoundException.class, () -> live.mlops.models().versions("before"));
  }

  @Test
  void anExistingNewNameIsResourceAlreadyExists() {
    model("one", 1);
    model("two", 1);
    HttpResponse<String> refused = rename("one", "two");
    assertEquals(400, refused.statusCode());
    assertEquals("RESOURCE_ALREADY_EXISTS", errorCode(refused));
    assertEquals("one", live.get("registered-models/get?name=one").path("registered_model").path("name").asText());
    assertEquals(1, live.mlops.models().versions("one").size());
  }

  @Test
  void aMissingModelIsResourceDoesNotExist() {
    HttpResponse<String> missing = rename("nobody", "somebody");
    assertEquals(404, missing.statusCode());
    assertEquals("RESOURCE_DOES_NOT_EXIST", errorCode(missing));
  }

  @Test
  void aModelWithoutVersionsIsRenamedToo() {
    model("empty", 0);
    assertEquals("full", LiveServer.ok(rename("empty", "full")).path("registered_model").path("name").asText());
    assertEquals("churn model", live.get("registered-models/get?name=full").path("registered_model")
        .path("description").asText());
    assertEquals(404, live.send("GET", "/api/2.0/mlflow/registered-models/get?name=empty", null).statusCode());
  }

  /**
   * Regression: a rename through our registry alone (Java, {@code mlops models rename}) left the
   * description, tags and stages under the old name, which MLflow then listed as a model without
   * versions. Renamed here by a second {@code MlOps} on the store, as another process would.
   */
  @Test
  void aRenameThroughOurRegistryElsewhereTakesTheOverlayAlong() {
    model("javaold", 2);
    live.post("model-versions/transition-stage", "{\"name\": \"javaold\", \"version\": \"2\", \"stage\":"
        + " \"Production\", \"archive_existing_versions\": false}");
    try (MlOps other = MlOps.local(live.directory.resolve("store"))) {
      other.models().rename("javaold", "javanew", "cli");
    }

    JsonNode model = live.get("registered-models/get?name=javanew").path("registered_model");
    assertEquals("churn model", model.path("description").asText());
    assertEquals("team", model.path("tags").get(0).path("key").asText());
    assertEquals("growth", model.path("tags").get(0).path("value").asText());
    assertEquals("Production", live.get("model-versions/get?name=javanew&version=2").path("model_version")
        .path("current_stage").asText());
    HttpResponse<String> old = live.send("GET", "/api/2.0/mlflow/registered-models/get?name=javaold", null);
    assertEquals(404, old.statusCode());
    assertEquals("RESOURCE_DOES_NOT_EXIST", errorCode(old));
    assertEquals(List.of(), searchNames("javaold"));
    assertEquals(List.of("javanew"), searchNames("javanew"));
    assertEquals("RESOURCE_ALREADY_EXISTS", errorCode(live.send("POST", "/api/2.0/mlflow/registered-models/create",
        "{\"name\": \"javaold\"}")));
  }

  /** The old name read first, then a search, after two renames in-process: the overlay skips the name between. */
  @Test
  void theOverlayFollowsTwoRenamesWhicheverNameIsReadFirst() {
    model("first", 1);
    live.mlops.models().rename("first", "second", "java");
    live.mlops.models().rename("second", "third", "java");

    assertEquals("RESOURCE_DOES_NOT_EXIST", errorCode(live.send("GET",
        "/api/2.0/mlflow/registered-models/get?name=first", null)));
    assertEquals(List.of("third"), searchNames("third"));
    assertEquals(List.of(), searchNames("first"));
    assertEquals(List.of(), searchNames("second"));
    JsonNode model = live.get("registered-models/get?name=third").path("registered_model");
    assertEquals("churn model", model.path("description").asText());
    assertEquals("growth", model.path("tags").get(0).path("value").asText());
    assertEquals(404, live.send("GET", "/api/2.0/mlflow/registered-models/get?name=second", null).statusCode());
  }

  /**
   * What a server killed while moving the overlay after a rename through Java leaves: the copy
   * under the new name is written, the old overlay not yet retired. The next search finishes it.
   */
  @Test
  void anOverlayMoveCutShortIsFinishedByTheNextSearch() {
    model("cutold", 1);
    live.mlops.models().rename("cutold", "cutnew", "java");
    MetaStore meta = new MetaStore(live.mlops.store());
    meta.create("models/cutnew.json", meta.read("models/cutold.json").orElseThrow().deepCopy()
        .put("name", "cutnew").put("renamed_from", "cutold").put("description", "copied"));
    meta.update("models/cutold.json", doc -> doc.put("renamed_to", "cutnew"));

    assertEquals(List.of(), searchNames("cutold"));
    assertEquals(List.of("cutnew"), searchNames("cutnew"));
    assertEquals("copied", live.get("registered-models/get?name=cutnew").path("registered_model")
        .path("description").asText());
    assertTrue(meta.read("models/cutold.json").orElseThrow().path("deleted").asBoolean());
  }

  /** The names {@code registered-models/search} lists for {@code name = '<name>'}. */
  private static List<String> searchNames(String name) {
    JsonNode found = live.get("registered-models/search?filter=name%20%3D%20%27" + name + "%27");
    List<String> names = new java.util.ArrayList<>();
    found.path("registered_models").forEach(m -> names.add(m.path("name").asText()));
    return names;
  }

  @Test
  void aRenameCutShortIsCompletedByTheNextRequestThatReadsTheOldName() {
    model("halfway", 1);
    // what a server killed right after recording the rename leaves: the overlay names the new name
    new MetaStore(live.mlops.store()).update("models/halfway.json", doc -> doc.put("renamed_to", "arrived"));

    assertEquals(404, live.send("GET", "/api/2.0/mlflow/registered-models/get?name=halfway", null).statusCode());
    JsonNode arrived = live.get("registered-models/get?name=arrived").path("registered_model");
    assertEquals("churn model", arrived.path("description").asText());
    assertEquals(1, live.mlops.models().versions("arrived").size());
  }
}
