package dev.mlops.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Mounts a {@link WebHandler} in a Jakarta Servlet container (Tomcat, Jetty, Undertow, or Spring
 * Boot's embedded one), mapped to a path with a wildcard:
 *
 * <pre>{@code
 * ServletRegistration.Dynamic ui = context.addServlet("mlops", new ServletAdapter(MlOpsWeb.ui(mlops)));
 * ui.addMapping("/mlops/*");
 * }</pre>
 *
 * <p>The container's authenticated user ({@code getUserPrincipal()}) is the request's
 * {@link WebRequest#hostPrincipal()}.
 */
public final class ServletAdapter extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // a servlet is serialized only by containers that persist sessions
  private final WebHandler handler;

  /**
   * Wraps a handler.
   *
   * @param handler the handler
   */
  public ServletAdapter(WebHandler handler) {
    this.handler = handler;
  }

  @Override
  protected void service(HttpServletRequest servletRequest, HttpServletResponse servletResponse) throws IOException {
    String mountPath = Paths.normalizeMount(servletRequest.getContextPath() + servletRequest.getServletPath());
    Dispatch.handle(handler, servletRequest.getRequestURI(), mountPath, new Response(servletResponse),
        path -> new Request(servletRequest, path, mountPath));
  }

  private static final class Request extends AdapterRequest {
    private final HttpServletRequest request;

    Request(HttpServletRequest request, String path, String mountPath) {
      super(path, mountPath);
      this.request = request;
    }

    @Override
    public String method() {
      return request.getMethod();
    }

    @Override
    @Nullable String rawQuery() {
      return request.getQueryString();
    }

    @Override
    public @Nullable String header(String name) {
      return request.getHeader(name);
    }

    @Override
    public InputStream body() {
      try {
        return request.getInputStream();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public @Nullable String hostPrincipal() {
      return request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
    }
  }

  private static final class Response implements WebResponse {
    private final HttpServletResponse response;
    private boolean committed;

    Response(HttpServletResponse response) {
      this.response = response;
    }

    @Override
    public WebResponse header(String name, String value) {
      response.addHeader(name, value);
      return this;
    }

    @Override
    public void send(int status, String contentType, byte[] body) throws IOException {
      committed = true;
      response.setStatus(status);
      response.setContentType(contentType);
      response.setContentLength(body.length);
      try (OutputStream out = response.getOutputStream()) {
        out.write(body);
      }
    }

    @Override
    public OutputStream stream(int status, String contentType) throws IOException {
      committed = true;
      response.setStatus(status);
      response.setContentType(contentType);
      return response.getOutputStream();
    }

    @Override
    public boolean committed() {
      return committed;
    }
  }
}
