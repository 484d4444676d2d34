package dev.mlops.benchmarks.ui;

import dev.mlops.server.http.WebHandler;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls a {@link WebHandler} without a socket, so a benchmark measures the server's own time (the
 * page's making), not the loopback network or an HTTP client.
 */
final class InProcess {
  private InProcess() {}

  /** One answer: its status and body. */
  record Answer(int status, byte[] body) {}

  static Answer get(WebHandler handler, String pathAndQuery) {
    int question = pathAndQuery.indexOf('?');
    String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (question >= 0) {
      for (String pair : pathAndQuery.substring(question + 1).split("&")) {
        int equals = pair.indexOf('=');
        query.computeIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            key -> new ArrayList<>()).add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    Response response = new Response();
    try {
      handler.handle(new Request(path, query), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (response.status != 200) {
      throw new IllegalStateException(pathAndQuery + " answered " + response.status + ": " + response.body);
    }
    return new Answer(response.status, response.body.toByteArray());
  }

  private record Request(String path, Map<String, List<String>> queryParameters) implements WebRequest {
    @Override
    public String method() {
      return "GET";
    }

    @Override
    public String mountPath() {
      return "";
    }

    @Override
    public String header(String name) {
      return null;
    }

    @Override
    public InputStream body() {
      return InputStream.nullInputStream();
    }

    @Override
    public String hostPrincipal() {
      return null;
    }
  }

  private static final class Response implements WebResponse {
    int status;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Override
    public WebResponse header(String name, String value) {
      return this;
    }

    @Override
    public void send(int status, String contentType, byte[] bytes) {
      this.status = status;
      body.writeBytes(bytes);
    }

    @Override
    public OutputStream stream(int status, String contentType) {
      this.status = status;
      return body;
    }

    @Override
    public boolean committed() {
      return status != 0;
    }
  }
}
