package dev.mlops.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Mounts a {@link WebHandler} in Jetty 12's core server (no Servlet API), which
 * {@link MlOpsServer} runs:
 *
 * <pre>{@code
 * Server jetty = new Server(8080);
 * jetty.setHandler(JettyAdapter.of("/mlops", MlOpsWeb.ui(mlops)));
 * }</pre>
 *
 * <p>It answers the requests below its mount path and declines the others ({@code handle} returns
 * false), so several adapters can sit in a {@code Handler.Sequence}. The handler blocks, so Jetty
 * calls it on a thread of its pool.
 */
public final class JettyAdapter extends Handler.Abstract {
  private final String mountPath;
  private final WebHandler handler;

  private JettyAdapter(String mountPath, WebHandler handler) {
    this.mountPath = Paths.normalizeMount(mountPath);
    this.handler = handler;
  }

  /**
   * Wraps a handler for Jetty.
   *
   * @param mountPath where it answers ({@code /} or e.g. {@code /mlops})
   * @param handler the handler
   * @return the Jetty handler
   */
  public static JettyAdapter of(String mountPath, WebHandler handler) {
    return new JettyAdapter(mountPath, handler);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String rawPath = request.getHttpURI().getPath();
    if (!below(rawPath)) {
      return false;
    }
    try {
      Dispatch.handle(handler, rawPath, mountPath, new JettyResponse(response),
          path -> new JettyRequest(request, path, mountPath));
      callback.succeeded();
    } catch (IOException | RuntimeException failed) {
      callback.failed(failed);
    }
    return true;
  }

  private boolean below(String rawPath) {
    return mountPath.isEmpty() || rawPath.equals(mountPath) || rawPath.startsWith(mountPath + "/");
  }

  private static final class JettyRequest extends AdapterRequest {
    private final Request request;

    JettyRequest(Request request, String path, String mountPath) {
      super(path, mountPath);
      this.request = request;
    }

    @Override
    public String method() {
      return request.getMethod();
    }

    @Override
    @Nullable String rawQuery() {
      return request.getHttpURI().getQuery();
    }

    @Override
    public @Nullable String header(String name) {
      return request.getHeaders().get(name);
    }

    @Override
    public InputStream body() {
      return Content.Source.asInputStream(request);
    }

    @Override
    public @Nullable String hostPrincipal() {
      return null;
    }
  }

  private static final class JettyResponse implements WebResponse {
    private final Response response;
    private boolean committed;

    JettyResponse(Response response) {
      this.response = response;
    }

    @Override
    public WebResponse header(String name, String value) {
      response.getHeaders().add(name, value);
      return this;
    }

    @Override
    public void send(int status, String contentType, byte[] body) throws IOException {
      committed = true;
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      Content.Sink.write(response, true, ByteBuffer.wrap(body));
    }

    @Override
    public OutputStream stream(int status, String contentType) throws IOException {
      committed = true;
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
      return Content.Sink.asOutputStream(response);
    }

    @Override
    public boolean committed() {
      return committed;
    }
  }
}
