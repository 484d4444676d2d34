package dev.mlops.server.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.Authenticator;
import dev.mlops.server.http.MlOpsServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The UI's pages and JSON over real HTTP (the JDK's client), mounted at /mlops as a host would. */
class UiHttpTest {
  static final String TOKEN = "ui-test-token-0123456789";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static UiTestStore store;
  private static MlOpsServer readOnly;
  private static MlOpsServer writable;

  @BeforeAll
  static void start() {
    store = UiTestStore.get();
    readOnly = MlOpsServer.builder().port(0).mount("/mlops", MlOpsWeb.builder(store.mlops).build()).start();
    writable = MlOpsServer.builder().port(0).authenticated(true).mount("/mlops", MlOpsWeb.builder(store.mlops)
        .authenticator(Authenticator.token("carol", TOKEN)).uiWrites(true).build()).start();
  }

  @AfterAll
  static void stop() {
    readOnly.close();
    writable.close();
  }

  private static HttpResponse<String> get(MlOpsServer server, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return get(readOnly, path);
  }

  private static HttpResponse<String> post(MlOpsServer server, String path, String form, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void runsPageListsEveryLoggedRunWithLinksBelowTheMountPoint() throws Exception {
    HttpResponse<String> page = get("/mlops/runs");
    assertEquals(200, page.statusCode());
    for (double lr : UiFixture.LEARNING_RATES) {
      assertTrue(page.body().contains(">lr-" + lr + "</a>"), "run lr-" + lr + " listed");
    }
    assertTrue(page.body().contains(">majority-class</a>"));
    assertTrue(page.body().contains("href=\"/mlops/runs/" + store.fixture.sweep.get(0) + "\""), "links carry the mount");
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
  }

  @Test
  void filterAndSortUseTheRunSearchLanguage() throws Exception {
    // accuracy = 0.8 + lr: 0.9, 0.83, 0.81 for the sweep and 0.61 for the baseline
    String body = get("/mlops/runs?filter=" + q("metrics.accuracy > 0.82") + "&order=metrics.accuracy&desc=0").body();
    int first = body.indexOf(">lr-0.03<");
    int second = body.indexOf(">lr-0.1<");
    assertTrue(first > 0 && second > first, "ascending by accuracy: lr-0.03 (0.83) before lr-0.1 (0.9)");
    assertFalse(body.contains(">lr-0.01<"));
    assertFalse(body.contains(">majority-class<"));
  }

  @Test
  void pagingShowsOnePageAndLinksTheNext() throws Exception {
    String body = get("/mlops/runs?size=2&order=name&desc=0").body();
    assertTrue(body.contains(">lr-0.01<") && body.contains(">lr-0.03<"));
    assertFalse(body.contains(">majority-class<"));
    assertTrue(body.contains("id=\"next\" href=\"/mlops/runs?order=name&amp;desc=0&amp;size=2&amp;page=2\""), body);
    String second = get("/mlops/runs?order=name&desc=0&size=2&page=2").body();
    assertTrue(second.contains(">lr-0.1<") && second.contains(">majority-class<"));
    assertTrue(second.contains("page 2, runs 3-4"), second);
    String beyond = get("/mlops/runs?order=name&desc=0&size=2&page=40").body();
    assertTrue(beyond.contains("page 40, no runs") && beyond.contains("id=\"no-runs\""), beyond);
    assertFalse(beyond.contains("id=\"next\""));
  }

  @Test
  void badFilterIsA400NamingTheProblem() throws Exception {
    HttpResponse<String> page = get("/mlops/runs?filter=" + q("metrics.accuracy >"));
    assertEquals(400, page.statusCode());
    assertTrue(page.body().contains("class=\"error\""));
    assertFalse(page.body().contains("at dev.mlops"), "no stack trace");
  }

  @Test
  void unknownIdsAre404PagesWithoutStackTraces() throws Exception {
    for (String path : List.of("/mlops/runs/no-such-run", "/mlops/models/nope", "/mlops/datasets/nope",
        "/mlops/datasets/weather/versions/ffffffff", "/mlops/nowhere")) {
      HttpResponse<String> page = get(path);
      assertEquals(404, page.statusCode(), path);
      assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), path);
      assertFalse(page.body().contains("Exception"), path + ": " + page.body());
    }
  }

  @Test
  void storeValuesAreEscapedEverywhere() throws Exception {
    String run = get("/mlops/runs/" + store.fixture.sweep.get(0)).body();
    String models = get("/mlops/models/rain").body();
    String data = get("/mlops/datasets/weather").body();
    for (String body : List.of(run, models, data)) {
      assertFalse(body.contains("<script>window"), "raw script tag");
      assertFalse(body.contains("<img src=x"), "raw img tag");
      assertTrue(body.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;"), body);
    }
  }

  @Test
  void artifactsDownloadAndPreviewButCannotLeaveTheRun() throws Exception {
    String base = "/mlops/runs/" + store.fixture.sweep.get(1);
    HttpResponse<byte[]> png = CLIENT.send(HttpRequest.newBuilder(readOnly.uri().resolve(base + "/artifacts/plots/curve.png"))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, png.statusCode());
    assertArrayEquals(Files.readAllBytes(store.dir.resolve("sources/curve.png")), png.body());
    assertTrue(png.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment"));
    assertEquals("application/octet-stream", png.headers().firstValue("Content-Type").orElseThrow());

    String csv = get(base + "/preview/eval/per-class.csv").body();
    assertTrue(csv.contains("<td>sun, mostly</td><td>0.88</td>"), csv);

    assertEquals(400, get(base + "/artifacts/../../../etc/passwd").statusCode());
    assertEquals(400, get(base + "/artifacts/%2e%2e/%2e%2e/store").statusCode());
    assertEquals(400, get(base + "/artifacts/eval%2Fper-class.csv").statusCode());
    assertEquals(404, get(base + "/artifacts//etc/passwd").statusCode());
    assertEquals(404, get(base + "/artifacts/model.onnx").statusCode(), "only the run's own artifacts");
  }

  @Test
  void metricJsonCarriesTheLoggedPointsAndAZoomWindow() throws Exception {
    String run = store.fixture.sweep.get(0);
    double lr = UiFixture.LEARNING_RATES[0];
    JsonNode all = JSON.readTree(get("/mlops/api/metric?run=" + run + "&key=loss").body());
    assertEquals(UiFixture.STEPS, all.get("steps").size());
    for (int step = 0; step < UiFixture.STEPS; step++) {
      assertEquals(step, all.get("steps").get(step).asLong());
      assertEquals(UiFixture.loss(lr, step), all.get("values").get(step).asDouble(), 1e-12);
    }
    JsonNode window = JSON.readTree(get("/mlops/api/metric?run=" + run + "&key=loss&from=10&to=20").body());
    assertEquals(11, window.get("steps").size());
    assertEquals(10, window.get("steps").get(0).asLong());
    assertEquals(20, window.get("steps").get(10).asLong());
    JsonNode three = JSON.readTree(get("/mlops/api/metric?run=" + run + "&key=loss&points=3").body());
    assertEquals(3, three.get("steps").size());
    assertEquals(0, three.get("steps").get(0).asLong());
    assertEquals(UiFixture.STEPS - 1, three.get("steps").get(2).asLong());
    assertEquals(400, get("/mlops/api/metric?run=" + run + "&key=loss&points=x").statusCode());
    assertEquals(404, get("/mlops/api/metric?run=nope&key=loss").statusCode());
  }

  @Test
  void everyPageRenders() throws Exception {
    String compare = get("/mlops/compare?run=" + store.fixture.sweep.get(0) + "&run=" + store.fixture.otherRun).body();
    assertTrue(compare.contains("class=\"differs\"><th>params.lr</th>"), compare);
    assertEquals(400, get("/mlops/compare?run=" + store.fixture.otherRun).statusCode());
    assertTrue(get("/mlops/models").body().contains("production &rarr; v"));
    String model = get("/mlops/models/rain").body();
    assertTrue(model.contains("id=\"timeline\""));
    assertTrue(model.contains("by <span class=\"actor\">ana</span>: first release"), model);
    assertTrue(model.contains("href=\"/mlops/models/rain/reports/" + store.fixture.reportId + "\">release: passed</a>"),
        "the version links its validation report");
    String report = get("/mlops/models/rain/reports/" + store.fixture.reportId).body();
    assertTrue(report.contains("release"), report);
    assertEquals(404, get("/mlops/models/other/reports/" + store.fixture.reportId).statusCode());
    String version = get("/mlops/datasets/weather/versions/" + store.fixture.firstData.versionId()).body();
    assertTrue(version.contains("<svg class=\"histogram\""), "a histogram from the stored sketch");
    assertTrue(version.contains("data-column=\"city\""));
    String diff = get("/mlops/datasets/weather/diff?from=" + store.fixture.firstData.versionId() + "&to=main").body();
    assertTrue(diff.contains("README.txt"), diff);
    assertTrue(get("/mlops/datasets/warm").body().contains("(view)"));
    String retraining = get("/mlops/retraining").body();
    assertTrue(retraining.contains("Policy rain-retrain"));
    assertTrue(retraining.contains("data-series=\""), "the signals chart");
    assertEquals(200, get("/mlops/static/uPlot.iife.min.js").statusCode());
    assertEquals(404, get("/mlops/static/UiHandler.class").statusCode());
  }

  @Test
  void unreachableStoreGivesAClearPageAndTheServerKeepsServing() throws Exception {
    store.store.down = true;
    HttpResponse<String> page;
    try {
      page = get("/mlops/datasets");
    } finally {
      store.store.down = false;
    }
    assertEquals(503, page.statusCode());
    assertTrue(page.body().contains("cannot be reached right now"), page.body());
    assertEquals(200, get("/mlops/datasets").statusCode());
  }

  @Test
  void readOnlyUiRefusesWrites() throws Exception {
    HttpResponse<String> refused = post(readOnly, "/mlops/models/rain/aliases", "alias=staging&version=1");
    assertEquals(403, refused.statusCode());
    assertTrue(refused.body().contains("--enable-writes"));
  }

  @Test
  void writesNeedAnIdentityAndAFormFromOurOwnPage() throws Exception {
    String auth = "Bearer " + TOKEN;
    assertEquals(401, post(writable, "/mlops/models/rain/aliases", "alias=staging&version=1").statusCode());
    assertEquals(403, post(writable, "/mlops/models/rain/aliases", "alias=staging&version=1",
        "Authorization", auth).statusCode(), "no CSRF field");

    HttpResponse<String> page = get(writable, "/mlops/models/rain", "Authorization", auth);
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    Matcher field = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertTrue(field.find(), "the page carries the CSRF field");
    String form = "csrf=" + q(field.group(1)) + "&alias=staging&version=1&reason=" + q("roll back staging");
    assertEquals(403, post(writable, "/mlops/models/rain/aliases", form, "Authorization", auth, "Cookie", cookie,
        "Origin", "http://evil.example").statusCode(), "a foreign origin");
    assertEquals(403, post(writable, "/mlops/models/rain/aliases", form, "Authorization", auth,
        "Cookie", "mlops_csrf=someone-elses").statusCode(), "another browser's cookie");

    HttpResponse<String> moved = post(writable, "/mlops/models/rain/aliases", form, "Authorization", auth,
        "Cookie", cookie, "Origin", writable.uri().toString().replaceAll("/$", ""));
    assertEquals(303, moved.statusCode(), moved.body());
    List<AliasMove> history = store.mlops.models().aliasHistory("rain", "staging");
    AliasMove last = history.get(history.size() - 1);
    assertEquals(1, last.to().getAsInt());
    assertEquals("carol", last.actor());
    assertEquals("roll back staging", last.reason());
  }

  /** The cookie and CSRF field a signed-in browser gets with a page. */
  private record Form(String cookie, String csrf) {}

  private static Form form(String page) throws Exception {
    HttpResponse<String> response = get(writable, page, "Authorization", "Bearer " + TOKEN);
    Matcher field = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(response.body());
    assertTrue(field.find(), page + " offers write forms to a signed-in user");
    return new Form(response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0], field.group(1));
  }

  private static HttpResponse<String> submit(Form form, String action, String fields) throws Exception {
    return post(writable, action, "csrf=" + q(form.csrf()) + "&" + fields, "Authorization", "Bearer " + TOKEN,
        "Cookie", form.cookie());
  }

  @Test
  void movingAProtectedAliasFilesARequestInsteadOfMovingIt() throws Exception {
    int before = store.mlops.models().aliases("rain").get("production");
    int target = before == 1 ? 2 : 1;
    HttpResponse<String> moved = submit(form("/mlops/models/rain"), "/mlops/models/rain/aliases",
        "alias=production&version=" + target + "&reason=" + q("from the page"));
    assertEquals(303, moved.statusCode(), moved.body());
    assertEquals(before, store.mlops.models().aliases("rain").get("production"), "not moved around the gate");
    dev.mlops.api.registry.PromotionRequest filed = store.mlops.models().promotions("rain").stream()
        .filter(p -> p.reason().equals("from the page")).findFirst().orElseThrow();
    assertEquals("carol", filed.requester());
    assertEquals(dev.mlops.api.registry.PromotionStatus.PENDING, filed.status());

    HttpResponse<String> rejected = submit(form("/mlops/models/rain"),
        "/mlops/models/rain/promotions/" + filed.id() + "/reject", "reason=" + q("not yet"));
    assertEquals(303, rejected.statusCode(), rejected.body());
    assertEquals(dev.mlops.api.registry.PromotionStatus.REJECTED, store.mlops.models().promotion(filed.id()).status());
    assertEquals(before, store.mlops.models().aliases("rain").get("production"));
  }

  @Test
  void retrainApprovalFromThePageIsRecordedUnderTheUser() throws Exception {
    String auth = "Bearer " + TOKEN;
    String id = store.mlops.retraining().requests().stream()
        .filter(r -> r.status() == dev.mlops.api.retrain.RequestStatus.PENDING).findFirst().orElseThrow().id();
    HttpResponse<String> page = get(writable, "/mlops/retraining", "Authorization", auth);
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    Matcher field = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertTrue(field.find(), "the page offers approve and reject to a signed-in user");
    HttpResponse<String> approved = post(writable, "/mlops/retraining/requests/" + id + "/approve",
        "csrf=" + q(field.group(1)) + "&reason=" + q("drift confirmed"), "Authorization", auth, "Cookie", cookie);
    assertEquals(303, approved.statusCode(), approved.body());
    dev.mlops.api.retrain.RetrainRequest request = store.mlops.retraining().request(id);
    assertEquals(dev.mlops.api.retrain.RequestStatus.APPROVED, request.status());
    assertEquals("carol", request.decidedBy().orElseThrow());
    assertEquals("drift confirmed", request.reason().orElseThrow());
  }

  @Test
  void writesOnANonLoopbackAddressNeedATokenEvenWhenInsecure() {
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> MlOpsServer.builder()
        .bind("0.0.0.0").port(0).insecure(true).writes(true).mount("/", MlOpsWeb.builder(store.mlops).build()).start());
    assertTrue(refused.getMessage().contains("--token"), refused.getMessage());
  }

  @Test
  void theStoreItselfIsNotReachableFromThePages() throws Exception {
    MlOps mlops = store.mlops;
    assertTrue(mlops.store().uri().toString().contains("mlops-ui-test"));
    assertEquals(400, get("/mlops/runs/%2e%2e/%2e%2e/store").statusCode());
  }
}
