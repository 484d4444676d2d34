package dev.mlops.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** mlops.ui.enabled=true mounts the web UI of mlops-server in the service's own container. */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "mlops.models.churn.ref=churn@production",
    "mlops.ui.enabled=true",
    "mlops.ui.path=/ops/mlops"})
@DisplayName("the web UI mounted under mlops.ui.path")
class UiMountTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  @TempDir static Path dir;
  private static Path store;

  @LocalServerPort int port;

  @BeforeAll
  static void writeStore() {
    store = TestStore.write(dir);
  }

  @DynamicPropertySource
  static void storeProperty(DynamicPropertyRegistry registry) {
    registry.add("mlops.store", () -> store.toUri().toString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("the models page lists the service's model, with links under the mount path")
  void modelsPageUnderThePath() throws Exception {
    HttpResponse<String> page = get("/ops/mlops/models/churn");
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("production"), "the alias is shown");
    assertTrue(page.body().contains("href=\"/ops/mlops/"), "links stay under the mount path");
  }

  @Test
  @DisplayName("the service's own endpoints still answer, and paths outside the UI are not the UI's")
  void serviceUntouched() throws Exception {
    assertEquals(200, get("/predict?tenure=10&spend=40").statusCode());
    assertEquals(404, get("/mlops/models").statusCode(), "only mlops.ui.path is mounted");
  }
}
