package dev.mlops.server.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.Sample;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.MlOpsServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The drift part of the drift and retraining page over real HTTP: state in the URL, bad input, escaping. */
class DriftPageHttpTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static MlOpsServer server;

  @BeforeAll
  static void start() {
    UiTestStore store = UiTestStore.get();
    Sample sample = Sample.builder().numeric("x", new double[] {1, 2, 3, 4, 5, 6})
        .numeric(UiFixture.INJECTED, new double[] {1, 2, 3, 4, 5, 6}).build();
    Instant to = store.mlops.clock().instant();
    store.mlops.drift().history("http-drift").record(
        store.mlops.drift().compare(sample, sample, DriftConfig.ofDefaults()), to.minus(Duration.ofHours(1)), to);
    server = MlOpsServer.builder().port(0).mount("/mlops", MlOpsWeb.builder(store.mlops).build()).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aColumnNameHoldingHtmlIsEscapedInTheTableAndTheChartData() throws Exception {
    String page = get("/mlops/retraining?monitor=http-drift").body();
    assertFalse(page.contains("<script>window.pwned"), "no raw script from the store");
    assertTrue(page.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;"), "the column name as text");
    assertTrue(page.contains("data-history=\"http-drift\""));
  }

  @Test
  void theChosenMonitorAndColumnStayInTheLinks() throws Exception {
    String page = get("/mlops/retraining?days=7&monitor=http-drift&column=x").body();
    assertTrue(page.contains("x against its threshold per window of http-drift (1 = at the threshold, above = drifted)"), page);
    assertTrue(page.contains("href=\"/mlops/retraining?days=7&amp;monitor=http-drift&amp;column=x\""), page);
    assertTrue(page.contains("href=\"/mlops/retraining?days=7\">all monitors"), page);
  }

  @Test
  void anUnknownMonitorIsA404AndABadNameA400NamingIt() throws Exception {
    HttpResponse<String> unknown = get("/mlops/retraining?monitor=nosuch");
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("No drift history named &#39;nosuch&#39;"), unknown.body());
    HttpResponse<String> bad = get("/mlops/retraining?monitor=..%2Fetc");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("monitor name"), bad.body());
  }
}
