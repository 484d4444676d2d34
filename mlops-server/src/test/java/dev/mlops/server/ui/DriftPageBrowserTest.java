package dev.mlops.server.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftHistory;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.MlOpsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The drift page in headless Chromium: the windows a monitor's history holds appear in its table
 * and chart, drifted columns are marked, a column's chart is one click away, and a column name
 * holding script stays text. With {@code -Dmlops.ui.screenshots=<dir>} it saves {@code ui-drift.png}.
 */
class DriftPageBrowserTest {
  static final int WINDOWS = 8;
  /** Windows from this one on are recorded with "income" shifted by two standard deviations. */
  static final int FIRST_DRIFTED = 6;

  private static UiTestStore store;
  private static MlOpsServer server;
  private static ChromeDriver chrome;
  private static Path profile;

  @BeforeAll
  static void start() throws IOException {
    store = UiTestStore.get();
    record(store.mlops);
    profile = Files.createTempDirectory("mlops-ui-drift-chromium");
    server = MlOpsServer.builder().port(0).mount("/", MlOpsWeb.builder(store.mlops).build()).start();
    chrome = Browser.start(profile.resolve("profile"));
  }

  @AfterAll
  static void stop() {
    if (chrome != null) {
      chrome.quit();
    }
    if (server != null) {
      server.close();
    }
    UiTestStore.deleteTree(profile);
  }

  /** Hourly windows of a checkout service's monitor, the last three drifted in "income". */
  private static void record(MlOps mlops) {
    // p below 0.001: no false alarm on the 15 unshifted comparisons, while a 2-sigma shift gives p far below
    DriftConfig ks = DriftConfig.builder().method(DriftMethod.KS).threshold(0.001).build();
    Sample reference = sample(2_000, 0, 1);
    DriftHistory history = mlops.drift().history("checkout");
    Instant first = mlops.clock().instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(WINDOWS));
    for (int window = 1; window <= WINDOWS; window++) {
      DriftReport report = mlops.drift().compare(reference, sample(500, window >= FIRST_DRIFTED ? 2 : 0, 10 + window), ks);
      Instant from = first.plus(Duration.ofHours(window - 1));
      history.record(report, from, from.plus(Duration.ofHours(1)));
    }
    Sample injected = Sample.builder().numeric(UiFixture.INJECTED, new double[] {1, 2, 3, 4}).build();
    mlops.drift().history("inert").record(mlops.drift().compare(injected, injected, DriftConfig.ofDefaults()),
        first, first.plus(Duration.ofHours(1)));
  }

  private static Sample sample(int n, double incomeShift, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] age = new double[n];
    double[] income = new double[n];
    double[] score = new double[n];
    for (int i = 0; i < n; i++) {
      age[i] = 40 + 10 * random.nextGaussian();
      income[i] = 3_000 + 800 * (random.nextGaussian() + incomeShift);
      score[i] = random.nextDouble();
    }
    return Sample.builder().numeric("age", age).numeric("income", income).numeric("score", score).build();
  }

  private static void open(String path) {
    chrome.get(server.uri().resolve(path).toString());
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(chrome, Duration.ofSeconds(30));
  }

  private static WebElement checkout() {
    return chrome.findElement(By.cssSelector("section.history[data-history='checkout']"));
  }

  @Test
  void theRecordedWindowsAppearWithTheDriftedColumnMarked() throws IOException {
    open("/retraining?monitor=checkout");
    List<WebElement> rows = checkout().findElements(By.cssSelector("table.windows tr[data-sequence]"));
    assertEquals(WINDOWS, rows.size());
    for (WebElement row : rows) {
      int sequence = Integer.parseInt(row.getAttribute("data-sequence"));
      boolean drifted = sequence >= FIRST_DRIFTED;
      List<String> marked = row.findElements(By.cssSelector("td.drifted")).stream()
          .map(cell -> cell.getAttribute("data-column")).toList();
      assertEquals(drifted ? List.of("income") : List.of(), marked, "window " + sequence);
      assertEquals(drifted ? "income" : "", row.findElement(By.cssSelector("td.drifted-columns")).getText());
      if (drifted) {
        assertTrue(row.findElement(By.cssSelector("td.drifted")).getText().endsWith("drifted"), row.getText());
      }
    }
    assertEquals(List.of(8, 7, 6, 5, 4, 3, 2, 1), rows.stream()
        .map(row -> Integer.parseInt(row.getAttribute("data-sequence"))).toList(), "newest first");

    WebElement chart = checkout().findElement(By.cssSelector(".chart"));
    waiting().until(driver -> "1".equals(chart.getAttribute("data-ready")));
    assertTrue(chart.findElements(By.tagName("canvas")).size() > 0, "uPlot drew a canvas");
    JsonNode data = new ObjectMapper().readTree(chart.getAttribute("data-series"));
    assertEquals(WINDOWS, data.get("x").size(), "a point per window");
    assertEquals(0.0, data.get("series").get("drift share").get(0).asDouble());
    assertEquals(1.0 / 3, data.get("series").get("drift share").get(WINDOWS - 1).asDouble(), 1e-12,
        "one of three columns drifted");
    // Only "monitor" selects the history; the other monitors are not shown.
    assertTrue(chrome.findElements(By.cssSelector("section.history[data-history='inert']")).isEmpty());
    assertTrue(chrome.findElement(By.tagName("main")).getText().contains("Retrain requests"));
    assertTrue(chrome.findElements(By.cssSelector("table.decisions tr")).size() > 1, "the decision log");
  }

  @Test
  void aColumnHeaderChartsThatColumnAndTheUrlKeepsTheChoice() {
    open("/retraining?monitor=checkout");
    checkout().findElement(By.linkText("income")).click();
    waiting().until(driver -> driver.getCurrentUrl().contains("column=income"));
    assertTrue(chrome.getCurrentUrl().contains("monitor=checkout"), chrome.getCurrentUrl());
    assertEquals("income: statistic, p-value and threshold per window of checkout",
        checkout().findElement(By.tagName("figcaption")).getText());
  }

  @Test
  void aColumnNamedWithScriptIsShownAsTextAndNeverRuns() {
    open("/retraining");
    assertEquals(Boolean.TRUE, chrome.executeScript("return window.pwned === undefined;"));
    WebElement inert = chrome.findElement(By.cssSelector("section.history[data-history='inert']"));
    assertTrue(inert.getText().contains(UiFixture.INJECTED), inert.getText());
  }

  @Test
  void screenshot() throws IOException {
    String target = System.getProperty("mlops.ui.screenshots", "");
    if (target.isBlank()) {
      return;  // only when asked: mvn ... -Dmlops.ui.screenshots=$PWD/docs/images
    }
    open("/retraining?monitor=checkout");
    waiting().until(driver -> driver.findElements(By.cssSelector(".chart:not([data-ready='1'])")).isEmpty());
    Path png = chrome.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, Files.createDirectories(Path.of(target)).resolve("ui-drift.png"),
        StandardCopyOption.REPLACE_EXISTING);
  }
}
