package dev.mlops.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guarantees every adapter gives a handler (they share {@link Dispatch}), checked through each
 * real server over loopback: the JDK's {@code HttpServer}, Jetty's core server, and Jetty's Servlet
 * container.
 */
class AdaptersTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String SECRET = "secret-detail-of-the-bug";

  /** Echoes the decoded path below the mount; {@code /bug} throws. */
  private static final WebHandler HANDLER = (request, response) -> {
    if (request.path().equals("/bug")) {
      throw new IllegalStateException(SECRET);
    }
    response.sendText(200, "text/plain", request.mountPath() + " " + request.path());
  };

  /** A running server with the handler mounted at /m; closing it stops it. */
  interface Running extends AutoCloseable {
    int port();
  }

  /** One of each server for the whole class: starting them is most of its time. */
  private static final Map<String, Running> SERVERS = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    SERVERS.put("jdk", jdk(HANDLER));
    SERVERS.put("jetty core", jettyCore(HANDLER));
    SERVERS.put("servlet", servlet(HANDLER));
  }

  @AfterAll
  static void stop() throws Exception {
    for (Running server : SERVERS.values()) {
      server.close();
    }
  }

  static Stream<String> servers() {
    return Stream.of("jdk", "jetty core", "servlet");
  }

  private static Running jdk(WebHandler handler) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/m", JdkHttpAdapter.of("/m", handler));
      server.start();
      return running(server.getAddress().getPort(), () -> server.stop(0));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Running jettyCore(WebHandler handler) {
    return jetty(new Handler.Sequence(JettyAdapter.of("/m", handler)));
  }

  private static Running servlet(WebHandler handler) {
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new ServletAdapter(handler)), "/m/*");
    return jetty(context);
  }

  private static Running jetty(Handler handler) {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(handler);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return running(connector.getLocalPort(), server::stop);
  }

  private static Running running(int port, AutoCloseable stop) {
    return new Running() {
      @Override
      public int port() {
        return port;
      }

      @Override
      public void close() throws Exception {
        stop.close();
      }
    };
  }

  private static HttpResponse<String> get(Running server, String rawPath) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + rawPath)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @MethodSource("servers")
  void handlerSeesTheDecodedPathBelowItsMount(String name) throws Exception {
    Running server = SERVERS.get(name);
    HttpResponse<String> response = get(server, "/m/runs/r%C3%A9%20a");
    assertEquals(200, response.statusCode());
    assertEquals("/m /runs/ré a", response.body());
  }

  @ParameterizedTest
  @MethodSource("servers")
  void pathsThatCouldStepOutsideAreRefusedWith400(String name) throws Exception {
    Running server = SERVERS.get(name);
    assertEquals(400, get(server, "/m/files/a/%2e%2e/%2e%2e/etc/passwd").statusCode());
    assertEquals(400, get(server, "/m/files/a%2F..%2Fb").statusCode());
    assertEquals(400, get(server, "/m/files/a%5Cb").statusCode());
    assertEquals(400, get(server, "/m/files/%2e/b").statusCode());
  }

  @ParameterizedTest
  @MethodSource("servers")
  void aHandlersBugAnswers500WithoutItsDetails(String name) throws Exception {
    Running server = SERVERS.get(name);
    HttpResponse<String> response = get(server, "/m/bug");
    assertEquals(500, response.statusCode());
    assertFalse(response.body().contains(SECRET), response.body());
    assertFalse(response.body().contains("IllegalStateException"), response.body());
    // The server keeps answering after a bug.
    assertEquals(200, get(server, "/m/after").statusCode());
  }

  @ParameterizedTest
  @MethodSource("servers")
  void pathsOutsideTheMountAreNotTheHandlers(String name) throws Exception {
    Running server = SERVERS.get(name);
    assertEquals(404, get(server, "/other").statusCode());
  }
}
