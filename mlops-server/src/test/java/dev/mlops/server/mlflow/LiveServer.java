package dev.mlops.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.Authenticator;
import dev.mlops.server.http.MlOpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A store in a temporary directory served by {@code mlops server} on a free loopback port, with a token. */
final class LiveServer implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();

  final Path directory;
  final MlOps mlops;
  final MlOpsServer server;
  final HttpClient http = HttpClient.newHttpClient();

  LiveServer() {
    try {
      directory = Files.createTempDirectory("mlops-mlflow-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    mlops = MlOps.local(directory.resolve("store"));
    Authenticator authenticator = Authenticator.token("alice", TOKEN);
    server = MlOpsServer.builder().port(0).authenticated(true)
        .mount("/", MlOpsWeb.builder(mlops).authenticator(authenticator).mlflowApi(true).build())
        .start();
  }

  String uri() {
    String text = server.uri().toString();
    return text.substring(0, text.length() - 1);
  }

  /** Sends a JSON request with the token; returns the status and the body. */
  HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri() + path))
        .header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode post(String path, String body) {
    return ok(send("POST", "/api/2.0/mlflow/" + path, body));
  }

  JsonNode get(String pathAndQuery) {
    return ok(send("GET", "/api/2.0/mlflow/" + pathAndQuery, null));
  }

  static JsonNode ok(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    mlops.close();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // the temporary directory stays
    }
  }
}
