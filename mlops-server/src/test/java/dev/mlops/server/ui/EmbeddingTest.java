package dev.mlops.server.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.JdkHttpAdapter;
import dev.mlops.server.http.ServletAdapter;
import dev.mlops.server.http.WebHandler;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The UI mounted at /mlops inside a host's own server, as docs/ui.md shows (its snippets are
 * copied from here): the JDK's HttpServer, and a Jakarta Servlet container (Jetty 12).
 */
class EmbeddingTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static HttpResponse<String> get(String uri) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void mountsInTheJdkHttpServer() throws Exception {
    MlOps mlops = UiTestStore.get().mlops;
    // snippet:ui-jdk-httpserver
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    WebHandler ui = MlOpsWeb.builder(mlops).build();  // read-only; .uiWrites(true) to approve from it
    server.createContext("/mlops", JdkHttpAdapter.of("/mlops", ui));
    server.start();
    // end:ui-jdk-httpserver
    try {
      HttpResponse<String> page = get("http://127.0.0.1:" + server.getAddress().getPort() + "/mlops/runs");
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("href=\"/mlops/runs/" + UiTestStore.get().fixture.otherRun + "\""));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void writesAreRecordedUnderTheHostsAuthenticatedUser() throws Exception {
    MlOps mlops = UiTestStore.get().mlops;
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    var context = server.createContext("/ops", JdkHttpAdapter.of("/ops", MlOpsWeb.builder(mlops).uiWrites(true).build()));
    context.setAuthenticator(new com.sun.net.httpserver.BasicAuthenticator("host") {
      @Override
      public boolean checkCredentials(String user, String password) {
        return user.equals("erin") && password.equals("host-password");
      }
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/ops";
      String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("erin:host-password".getBytes());
      HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/models/rain"))
          .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(page.body().contains("signed in as <b id=\"user\">erin</b>"), page.body());
      java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
          .matcher(page.body());
      assertTrue(csrf.find());
      String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      HttpResponse<String> moved = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/models/rain/aliases"))
          .header("Authorization", basic).header("Cookie", cookie)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("csrf=" + java.net.URLEncoder.encode(csrf.group(1),
              java.nio.charset.StandardCharsets.UTF_8) + "&alias=canary&version=2&reason=host")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(303, moved.statusCode(), moved.body());
      var history = mlops.models().aliasHistory("rain", "canary");
      assertEquals("erin", history.get(history.size() - 1).actor());
    } finally {
      server.stop(0);
    }
  }

  // snippet:ui-servlet
  /** Registered with the container (web.xml, @WebListener, or the framework's own hook). */
  public static final class MlOpsUi implements ServletContextListener {
    private final MlOps mlops;

    public MlOpsUi(MlOps mlops) {
      this.mlops = mlops;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
      // The container's authenticated user (getUserPrincipal) is who approves and moves aliases.
      WebHandler ui = MlOpsWeb.builder(mlops).uiWrites(true).build();
      event.getServletContext().addServlet("mlops", new ServletAdapter(ui)).addMapping("/mlops/*");
    }
  }
  // end:ui-servlet

  @Test
  void mountsInAServletContainer() throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addEventListener(new MlOpsUi(UiTestStore.get().mlops));
    jetty.setHandler(context);
    jetty.start();
    try {
      String base = "http://127.0.0.1:" + connector.getLocalPort();
      HttpResponse<String> page = get(base + "/mlops/runs/" + UiTestStore.get().fixture.otherRun);
      assertEquals(200, page.statusCode(), page.body());
      assertTrue(page.body().contains("Run majority-class"));
      assertTrue(page.body().contains("href=\"/mlops/static/ui.css\""), "links carry the servlet's mapping");
      assertEquals(404, get(base + "/mlops/runs/nope").statusCode());
    } finally {
      jetty.stop();
    }
  }
}
