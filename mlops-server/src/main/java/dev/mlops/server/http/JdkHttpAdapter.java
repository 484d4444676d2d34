package dev.mlops.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Mounts a {@link WebHandler} in the JDK's own {@code com.sun.net.httpserver.HttpServer}:
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
 * server.createContext("/mlops", JdkHttpAdapter.of("/mlops", MlOpsWeb.ui(mlops)));
 * }</pre>
 *
 * <p>The mount path must be the context's path, so the handler's links point back under it.
 */
public final class JdkHttpAdapter implements HttpHandler {
  private final String mountPath;
  private final WebHandler handler;

  private JdkHttpAdapter(String mountPath, WebHandler handler) {
    this.mountPath = Paths.normalizeMount(mountPath);
    this.handler = handler;
  }

  /**
   * Wraps a handler for a context of the JDK's server.
   *
   * @param mountPath the context's path ({@code /} or e.g. {@code /mlops})
   * @param handler the handler
   * @return the JDK handler
   */
  public static JdkHttpAdapter of(String mountPath, WebHandler handler) {
    return new JdkHttpAdapter(mountPath, handler);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Dispatch.handle(handler, exchange.getRequestURI().getRawPath(), mountPath, new Response(exchange),
          path -> new Request(exchange, path, mountPath));
    }
  }

  private static final class Request extends AdapterRequest {
    private final HttpExchange exchange;

    Request(HttpExchange exchange, String path, String mountPath) {
      super(path, mountPath);
      this.exchange = exchange;
    }

    @Override
    public String method() {
      return exchange.getRequestMethod();
    }

    @Override
    @Nullable String rawQuery() {
      return exchange.getRequestURI().getRawQuery();
    }

    @Override
    public @Nullable String header(String name) {
      return exchange.getRequestHeaders().getFirst(name);
    }

    @Override
    public InputStream body() {
      return exchange.getRequestBody();
    }

    @Override
    public @Nullable String hostPrincipal() {
      return exchange.getPrincipal() == null ? null : exchange.getPrincipal().getUsername();
    }
  }

  private static final class Response implements WebResponse {
    private final HttpExchange exchange;
    private boolean committed;

    Response(HttpExchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public WebResponse header(String name, String value) {
      exchange.getResponseHeaders().add(name, value);
      return this;
    }

    @Override
    public void send(int status, String contentType, byte[] body) throws IOException {
      committed = true;
      exchange.getResponseHeaders().set("Content-Type", contentType);
      // The JDK's server reads length 0 as "chunked"; -1 is "no body".
      boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }

    @Override
    public OutputStream stream(int status, String contentType) throws IOException {
      committed = true;
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, 0);
      return exchange.getResponseBody();
    }

    @Override
    public boolean committed() {
      return committed;
    }
  }
}
