package dev.mlops.server.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftHistory;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Histogram;
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
import java.util.Map;
import java.util.OptionalDouble;
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
    recordAtThreshold(mlops.drift().history("scales"), first);
    Sample injected = Sample.builder().numeric(UiFixture.INJECTED, new double[] {1, 2, 3, 4}).build();
    mlops.drift().history("inert").record(mlops.drift().compare(injected, injected, DriftConfig.ofDefaults()),
        first, first.plus(Duration.ofHours(1)));
  }

  /**
   * Three windows of columns whose raw numbers lie on very different scales: in the second, each
   * column is exactly at its threshold (a chi-square statistic of 312.5 with p = 0.05, a PSI of
   * 0.1, a KS p of 0.01 under a threshold of 0.01); in the third, "weather" is at 4x (p = 0.0125),
   * "wind" at half (PSI 0.05) and "temp" far past (p = 1e-40).
   */
  private static void recordAtThreshold(DriftHistory history, Instant first) {
    double[][] window = {
        {120, 0.5, 0.02, 0.4, 0.3},  // chi-square statistic, its p, PSI, KS statistic, its p
        {312.5, 0.05, 0.1, 0.2, 0.01},
        {600, 0.0125, 0.05, 0.9, 1e-40}};
    for (int i = 0; i < window.length; i++) {
      double[] w = window[i];
      List<ColumnDrift> columns = List.of(
          column("weather", ColumnType.CATEGORICAL, DriftMethod.CHISQUARE, w[0], OptionalDouble.of(w[1]), 0.05),
          column("wind", ColumnType.NUMERIC, DriftMethod.PSI, w[2], OptionalDouble.empty(), 0.1),
          column("temp", ColumnType.NUMERIC, DriftMethod.KS, w[3], OptionalDouble.of(w[4]), 0.01));
      double share = columns.stream().filter(ColumnDrift::drifted).count() / 3.0;
      Instant from = first.plus(Duration.ofHours(i));
      history.record(new DriftReport(columns, share, share >= 0.5), from, from.plus(Duration.ofHours(1)));
    }
  }

  /** A result with the detector's verdict: p below the threshold for tests, statistic at or above it for distances. */
  private static ColumnDrift column(String name, ColumnType type, DriftMethod method, double statistic,
      OptionalDouble p, double threshold) {
    boolean drifted = method.isTest() ? p.getAsDouble() < threshold : statistic >= threshold;
    return new ColumnDrift(name, type, method, statistic, p, threshold, drifted, 1_000, 500, true,
        new Histogram(List.of(), List.of(), List.of()));
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

    WebElement chart = checkout().findElement(By.cssSelector("figure.drift-share .chart"));
    waiting().until(driver -> "1".equals(chart.getAttribute("data-ready")));
    assertTrue(chart.findElements(By.tagName("canvas")).size() > 0, "uPlot drew a canvas");
    JsonNode data = new ObjectMapper().readTree(chart.getAttribute("data-series"));
    assertEquals(WINDOWS, data.get("x").size(), "a point per window");
    assertEquals(0.0, data.get("series").get("drift share").get(0).asDouble());
    assertEquals(1.0 / 3, data.get("series").get("drift share").get(WINDOWS - 1).asDouble(), 1e-12,
        "one of three columns drifted");
    assertEquals(List.of(0L, 1L), chrome.executeScript(
        "var y = arguments[0].mlopsPlot.scales.y; return [y.min, y.max];", chart), "the share keeps its 0-1 axis");
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
    assertEquals("income against its threshold per window of checkout (1 = at the threshold, above = drifted)",
        checkout().findElement(By.cssSelector("figure.against-threshold figcaption")).getText());
    assertEquals(List.of("income", "threshold"), chrome.executeScript("return arguments[0].mlopsPlot.series"
        + ".slice(1).map(function (s) { return s.label; });",
        checkout().findElement(By.cssSelector("figure.against-threshold .chart"))), "that column only");
  }

  /** y in CSS pixels of each column's point in each window, and of the dashed line, as uPlot drew them. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> drawn(WebElement chart) {
    return (Map<String, Object>) chrome.executeScript("""
        var u = arguments[0].mlopsPlot, out = {};
        u.series.forEach(function (s, i) {
          if (i > 0) {
            out[s.label] = u.data[i].map(function (v) { return v === null ? null : u.valToPos(v, 'y'); });
          }
        });
        out.top = u.valToPos(u.scales.y.max, 'y');
        out.log = u.scales.y.distr === 3;
        return out;""", chart);
  }

  private static double y(Map<String, Object> drawn, String series, int window) {
    return ((Number) ((List<?>) drawn.get(series)).get(window)).doubleValue();
  }

  @Test
  void columnsAtTheirThresholdSitOnTheDashedLineWhateverTheirScale() throws IOException {
    open("/retraining?monitor=scales");
    WebElement chart = chrome.findElement(By.cssSelector(
        "section.history[data-history='scales'] figure.against-threshold .chart"));
    waiting().until(driver -> "1".equals(chart.getAttribute("data-ready")));
    Map<String, Object> drawn = drawn(chart);
    assertEquals(Boolean.TRUE, drawn.get("log"), "a log axis: 0.5x and 2x lie equally far from the line");
    double line = y(drawn, "threshold", 1);
    // Window 2: a chi-square statistic of 312.5, a PSI of 0.1 and a KS p of 0.01 all sit on the line.
    for (String column : List.of("weather", "wind", "temp")) {
      assertEquals(line, y(drawn, column, 1), 0.01, column + " at its threshold");
    }
    // Window 3: 4x above the line (p a quarter of the threshold), half below it, 1e-40 at the top edge.
    double decade = y(drawn, "threshold", 0) - ((Number) chrome.executeScript(
        "return arguments[0].mlopsPlot.valToPos(10, 'y');", chart)).doubleValue();
    assertEquals(line - decade * Math.log10(4), y(drawn, "weather", 2), 0.01);
    assertEquals(line + decade * Math.log10(2), y(drawn, "wind", 2), 0.01);
    assertEquals(((Number) drawn.get("top")).doubleValue(), y(drawn, "temp", 2), 0.01);
    assertTrue(y(drawn, "weather", 0) > line, "p 0.5 under a threshold of 0.05: below the line");

    // The raw numbers stay in the legend under the cursor, and in the table.
    chrome.executeScript("arguments[0].mlopsPlot.setLegend({idx: 2});", chart);
    String legend = chart.findElement(By.cssSelector(".u-legend")).getText();
    assertTrue(legend.contains("4× threshold (chisquare 600, p 0.0125, threshold 0.05) drifted"), legend);
    assertTrue(legend.contains("0.5× threshold (psi 0.05, threshold 0.1)"), legend);
    assertTrue(legend.contains("1e+38× threshold (ks 0.9, p 1e-40, threshold 0.01) drifted"), legend);
    JsonNode data = new ObjectMapper().readTree(chart.getAttribute("data-series"));
    assertEquals(1.0, data.get("series").get("weather").get(1).asDouble(), 0.0, "served: exactly 1");
    assertEquals(DriftPages.HIGHEST, data.get("series").get("temp").get(2).asDouble(), 0.0, "served: at the edge");
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
