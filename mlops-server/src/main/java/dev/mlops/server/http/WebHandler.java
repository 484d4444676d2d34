package dev.mlops.server.http;

import java.io.IOException;

/**
 * Answers requests; the one type the UI and the MLflow API implement, so they run in any server
 * an adapter exists for ({@link JdkHttpAdapter}, {@link ServletAdapter}).
 */
@FunctionalInterface
public interface WebHandler {
  /**
   * Answers one request.
   *
   * @param request the request
   * @param response where the answer goes
   * @throws IOException if the client went away
   */
  void handle(WebRequest request, WebResponse response) throws IOException;
}
