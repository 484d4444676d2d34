package dev.mlops.server.http;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as a {@link WebHandler} sees it, whichever server carries it (the JDK's
 * {@code HttpServer}, a Servlet container, or {@link MlOpsServer}).
 *
 * <p>{@link #path()} is relative to where the handler is mounted: a handler mounted at
 * {@code /mlops} sees {@code /mlops/runs} as {@code /runs}, and builds links with
 * {@link #mountPath()} in front.
 */
public interface WebRequest {
  /**
   * Returns the method, upper case.
   *
   * @return e.g. {@code GET}
   */
  String method();

  /**
   * Returns the decoded path below the mount point; always starts with {@code /}.
   *
   * @return the path
   */
  String path();

  /**
   * Returns the path the handler is mounted at, without a trailing slash; empty at the root.
   *
   * @return e.g. {@code /mlops} or the empty string
   */
  String mountPath();

  /**
   * Returns the query parameters, decoded, in the order given; a name given twice has two values.
   *
   * @return the parameters
   */
  Map<String, List<String>> queryParameters();

  /**
   * Returns the first value of a query parameter.
   *
   * @param name the parameter's name
   * @return the value, or null when absent
   */
  default @Nullable String query(String name) {
    List<String> values = queryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * Returns a request header's first value, looked up case-insensitively.
   *
   * @param name the header's name
   * @return the value, or null when absent
   */
  @Nullable String header(String name);

  /**
   * Returns the request body; read it at most once.
   *
   * @return the body's stream
   */
  InputStream body();

  /**
   * Returns the name of the user the host already authenticated (a Servlet container's
   * {@code getUserPrincipal()}), or null. {@link Authenticator} adds token users on top.
   *
   * @return the principal's name, or null
   */
  @Nullable String hostPrincipal();

  /**
   * Returns a value of the path pattern the {@link Router} matched, such as {@code id} in
   * {@code /runs/{id}}.
   *
   * @param name the name in braces
   * @return the decoded value
   * @throws IllegalArgumentException if the matched pattern has no such name
   */
  default String pathParameter(String name) {
    throw new IllegalArgumentException("no path parameter '" + name + "' in this route");
  }
}
