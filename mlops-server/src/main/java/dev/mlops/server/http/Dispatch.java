package dev.mlops.server.http;

import java.io.IOException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every adapter does with a request, whichever server carries it: refuse a path that could
 * step outside its place with 400, call the handler, and turn a handler's bug into a 500 that
 * keeps its stack trace in the log, out of the answer.
 */
final class Dispatch {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatch.class);

  private Dispatch() {}

  /**
   * Answers one request.
   *
   * @param handler the mounted handler
   * @param rawPath the request's raw (still encoded) path, mount point included
   * @param mountPath the mount point, normalized by {@link Paths#normalizeMount}
   * @param response the adapter's response
   * @param request makes the adapter's request from the decoded path below the mount point
   * @throws IOException if the client went away
   */
  static void handle(WebHandler handler, String rawPath, String mountPath, WebResponse response,
      Function<String, WebRequest> request) throws IOException {
    String path = Paths.decode(Paths.belowMount(rawPath, mountPath));
    if (path == null) {
      response.sendText(400, "text/plain", "the path may not contain '..', '.', or encoded slashes");
      return;
    }
    WebRequest webRequest = request.apply(path);
    try {
      handler.handle(webRequest, response);
    } catch (RuntimeException bug) {
      LOG.error("{} {} failed", webRequest.method(), rawPath, bug);
      if (!response.committed()) {
        response.sendText(500, "text/plain", "internal error; the server's log has the details");
      }
    }
  }
}
