package dev.mlops.server.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.MlOpsServer;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys in MLflow's style ({@code train/loss}, {@code val loss}) on the run page, in its charts' JSON and its filter. */
class SlashKeysUiTest {
  @TempDir Path dir;

  @Test
  void theRunPageChartsAndFilterHandleKeysWithSlashesAndSpaces() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    try (MlOps mlops = MlOps.local(dir.resolve("store"));
        MlOpsServer server = MlOpsServer.builder().port(0).mount("/mlops", MlOpsWeb.builder(mlops).build()).start()) {
      String id;
      try (Run run = mlops.experiments().start(RunSpec.builder().experiment("keys").param("optimizer/name", "adam")
          .build())) {
        id = run.id();
        run.log("train/loss", 0.9, 0);
        run.log("train/loss", 0.4, 1);
        run.log("val loss", 0.5, 0);
      }
      String page = get(client, server, "/mlops/runs/" + id).body();
      assertTrue(page.contains("data-key=\"train/loss\""), page);
      assertTrue(page.contains("<th>optimizer/name</th>"), page);

      JsonNode series = new ObjectMapper().readTree(get(client, server, "/mlops/api/metric?run=" + id + "&key="
          + URLEncoder.encode("train/loss", StandardCharsets.UTF_8)).body());
      assertEquals(2, series.get("steps").size());
      assertEquals(0.4, series.get("values").get(1).asDouble(), 0.0);

      String filtered = get(client, server, "/mlops/runs?filter=" + URLEncoder.encode(
          "metrics.train/loss < 0.5 and metrics.`val loss` = 0.5", StandardCharsets.UTF_8)).body();
      assertTrue(filtered.contains(id), filtered);
      String excluded = get(client, server, "/mlops/runs?filter=" + URLEncoder.encode("metrics.train/loss > 0.5",
          StandardCharsets.UTF_8)).body();
      assertTrue(!excluded.contains(id), excluded); // a filter it cannot parse would answer 400
    }
  }

  private static HttpResponse<String> get(HttpClient client, MlOpsServer server, String path) throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response;
  }
}
