package dev.mlops.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The standalone server and the router, over loopback with the JDK's HTTP client. */
class MlOpsServerTest {
  private static MlOpsServer server;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    WebHandler echo = Router.builder()
        .get("/runs/{id}", (request, response) -> response.sendText(200, "text/plain",
            "run " + request.pathParameter("id") + " q=" + request.query("q")))
        .get("/files/{path...}", (request, response) -> response.sendText(200, "text/plain", request.pathParameter("path")))
        .get("/who", (request, response) -> response.sendText(200, "text/plain",
            String.valueOf(Authenticator.token("alice", "0123456789abcdef").principal(request))))
        .build();
    server = MlOpsServer.builder().port(0).mount("/mlops", echo).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path.substring(1)));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void routesWithPathAndQueryParametersDecoded() throws Exception {
    HttpResponse<String> response = get("/mlops/runs/r%C3%A9-1?q=a%20%3E%201");
    assertEquals(200, response.statusCode());
    assertEquals("run ré-1 q=a > 1", response.body());
    assertEquals("a/b/c.txt", get("/mlops/files/a/b/c.txt").body());
  }

  @Test
  void refusesPathsThatCouldLeaveTheirPlace() throws Exception {
    assertEquals(400, get("/mlops/files/a/%2e%2e/%2e%2e/etc/passwd").statusCode());
    assertEquals(400, get("/mlops/files/a%2F..%2Fb").statusCode());
    assertEquals(400, get("/mlops/files/a%5Cb").statusCode());
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    assertEquals(404, get("/mlops/nothing").statusCode());
    HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(URI.create(server.uri() + "mlops/who"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
  }

  @Test
  void tokenIdentifiesItsUserAsBearerOrBasicPassword() throws Exception {
    assertEquals("alice", get("/mlops/who", "Authorization", "Bearer 0123456789abcdef").body());
    String basic = java.util.Base64.getEncoder().encodeToString("anyone:0123456789abcdef".getBytes());
    assertEquals("alice", get("/mlops/who", "Authorization", "Basic " + basic).body());
    assertEquals("null", get("/mlops/who", "Authorization", "Bearer 0123456789abcdeX").body());
    assertEquals("null", get("/mlops/who").body());
  }

  @Test
  void answersEachRequestFromTheMountItIsBelowLongestMountFirst() throws Exception {
    WebHandler echo = (request, response) -> response.sendText(200, "text/plain",
        request.mountPath() + " " + request.path());
    try (MlOpsServer two = MlOpsServer.builder().port(0).mount("/", echo).mount("/api", echo).start()) {
      assertEquals(" /runs", body(two, "runs"));
      assertEquals("/api /runs", body(two, "api/runs"));
      assertEquals("/api /", body(two, "api"));
      assertEquals(" /apis", body(two, "apis"), "a mount matches whole segments");
    }
  }

  private static String body(MlOpsServer server, String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void aPortInUseIsRefusedNamingTheOption() {
    int taken = server.uri().getPort();
    java.io.UncheckedIOException refused = assertThrows(java.io.UncheckedIOException.class,
        () -> MlOpsServer.builder().port(taken).mount("/", (q, r) -> r.sendText(200, "text/plain", "")).start());
    assertTrue(refused.getMessage().contains("--port"), refused.getMessage());
  }

  @Test
  void refusesNonLoopbackBindWithoutAuthentication() {
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> MlOpsServer.builder().bind("0.0.0.0").port(0).start());
    assertTrue(refused.getMessage().contains("--token"), refused.getMessage());
  }
}
