package dev.mlops.server.http;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request that answers as another one does, for wrappers that change one or two answers (the
 * router's matched path parameters, a POST read as a GET).
 */
public abstract class ForwardingWebRequest implements WebRequest {
  private final WebRequest request;

  /**
   * Wraps a request.
   *
   * @param request the request every answer comes from unless overridden
   */
  protected ForwardingWebRequest(WebRequest request) {
    this.request = request;
  }

  @Override
  public String method() {
    return request.method();
  }

  @Override
  public String path() {
    return request.path();
  }

  @Override
  public String mountPath() {
    return request.mountPath();
  }

  @Override
  public Map<String, List<String>> queryParameters() {
    return request.queryParameters();
  }

  @Override
  public @Nullable String header(String name) {
    return request.header(name);
  }

  @Override
  public InputStream body() {
    return request.body();
  }

  @Override
  public @Nullable String hostPrincipal() {
    return request.hostPrincipal();
  }

  @Override
  public String pathParameter(String name) {
    return request.pathParameter(name);
  }
}
