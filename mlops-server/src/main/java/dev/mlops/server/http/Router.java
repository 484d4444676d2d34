package dev.mlops.server.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Sends each request to the handler of the first route whose method and path pattern match.
 * Patterns are literal segments and {@code {name}} (one segment); a last segment
 * {@code {name...}} takes the rest of the path (an artifact's path, say). A path that matches
 * with another method answers 405, one that matches nothing goes to the fallback (404 by default).
 *
 * <pre>{@code
 * WebHandler api = Router.builder()
 *     .get("/runs/{id}", (request, response) -> ... request.pathParameter("id") ...)
 *     .post("/runs", ...)
 *     .build();
 * }</pre>
 */
public final class Router implements WebHandler {
  private final List<Route> routes;
  private final WebHandler fallback;

  private Router(Builder builder) {
    this.routes = List.copyOf(builder.routes);
    this.fallback = builder.fallback;
  }

  /**
   * Starts a router.
   *
   * @return a builder with no routes
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void handle(WebRequest request, WebResponse response) throws IOException {
    String[] segments = segments(request.path());
    boolean pathMatched = false;
    for (Route route : routes) {
      Map<String, String> parameters = route.match(segments);
      if (parameters == null) {
        continue;
      }
      if (!route.method.equals(request.method())) {
        pathMatched = true;
        continue;
      }
      route.handler.handle(new Matched(request, parameters), response);
      return;
    }
    if (pathMatched) {
      response.sendText(405, "text/plain", "method " + request.method() + " is not allowed on " + request.path());
      return;
    }
    fallback.handle(request, response);
  }

  private static String[] segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }

  /** Collects routes. */
  public static final class Builder {
    private final List<Route> routes = new ArrayList<>();
    private WebHandler fallback = (request, response) ->
        response.sendText(404, "text/plain", "not found: " + request.path());

    private Builder() {}

    /**
     * Adds a route.
     *
     * @param method the HTTP method, upper case
     * @param pattern the path pattern, starting with {@code /}
     * @param handler what answers
     * @return this builder
     */
    public Builder route(String method, String pattern, WebHandler handler) {
      routes.add(new Route(method, pattern, handler));
      return this;
    }

    /**
     * Adds a {@code GET} route.
     *
     * @param pattern the path pattern
     * @param handler what answers
     * @return this builder
     */
    public Builder get(String pattern, WebHandler handler) {
      return route("GET", pattern, handler);
    }

    /**
     * Adds a {@code POST} route.
     *
     * @param pattern the path pattern
     * @param handler what answers
     * @return this builder
     */
    public Builder post(String pattern, WebHandler handler) {
      return route("POST", pattern, handler);
    }

    /**
     * Sets what answers a path no route matches.
     *
     * @param handler the fallback
     * @return this builder
     */
    public Builder fallback(WebHandler handler) {
      this.fallback = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Builds the router.
     *
     * @return the router
     */
    public Router build() {
      return new Router(this);
    }
  }

  private static final class Route {
    private final String method;
    private final String[] pattern;
    private final WebHandler handler;

    Route(String method, String pattern, WebHandler handler) {
      if (!pattern.startsWith("/")) {
        throw new IllegalArgumentException("a route's pattern starts with '/': " + pattern);
      }
      this.method = method;
      this.pattern = segments(pattern);
      this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Nullable Map<String, String> match(String[] path) {
      Map<String, String> parameters = new HashMap<>();
      for (int i = 0; i < pattern.length; i++) {
        String part = pattern[i];
        if (part.startsWith("{") && part.endsWith("...}") && i == pattern.length - 1) {
          if (i >= path.length) {
            return null;
          }
          parameters.put(part.substring(1, part.length() - 4), String.join("/", List.of(path).subList(i, path.length)));
          return parameters;
        }
        if (i >= path.length) {
          return null;
        }
        if (part.startsWith("{") && part.endsWith("}")) {
          if (path[i].isEmpty()) {
            return null;
          }
          parameters.put(part.substring(1, part.length() - 1), path[i]);
        } else if (!part.equals(path[i])) {
          return null;
        }
      }
      return path.length == pattern.length ? parameters : null;
    }
  }

  /** The request with the values its route matched. */
  private static final class Matched extends ForwardingWebRequest {
    private final Map<String, String> parameters;

    Matched(WebRequest request, Map<String, String> parameters) {
      super(request);
      this.parameters = parameters;
    }

    @Override
    public String pathParameter(String name) {
      String value = parameters.get(name);
      return value == null ? super.pathParameter(name) : value;
    }
  }
}
