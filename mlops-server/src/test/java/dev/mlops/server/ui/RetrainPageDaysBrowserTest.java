package dev.mlops.server.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.Comparison;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftHistory;
import dev.mlops.api.drift.Sample;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.MlOpsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The days the drift and retraining page shows, in headless Chromium, on a store whose records
 * are all dated 2015 (as the demo's are): monthly drift reports and a policy that decided in the
 * first quarter only. Two servers read it: one whose clock is now (nothing in the last 90 days, so
 * the page shows the 90 days up to the newest record and says so) and one whose clock is
 * 2016-01-15 (the last 90 days hold October to December, and the policy's sentence replaces its
 * empty table).
 */
class RetrainPageDaysBrowserTest {
  static final String HISTORY = "monthly";
  static final String POLICY = "first-quarter";

  private static Path dir;
  private static MlOps today;
  private static MlOps january2016;
  private static MlOpsServer todayServer;
  private static MlOpsServer january2016Server;
  private static ChromeDriver chrome;

  @BeforeAll
  static void start() throws IOException {
    dir = Files.createTempDirectory("mlops-ui-days");
    today = MlOps.local(dir.resolve("store"));
    january2016 = MlOps.builder().uri(dir.resolve("store").toUri())
        .clock(Clock.fixed(Instant.parse("2016-01-15T00:00:00Z"), ZoneOffset.UTC)).build();
    record(today);
    todayServer = MlOpsServer.builder().port(0).mount("/", MlOpsWeb.builder(today).build()).start();
    january2016Server = MlOpsServer.builder().port(0).mount("/", MlOpsWeb.builder(january2016).build()).start();
    chrome = Browser.start(dir.resolve("profile"));
  }

  @AfterAll
  static void stop() {
    if (chrome != null) {
      chrome.quit();
    }
    for (AutoCloseable closeable : new AutoCloseable[] {todayServer, january2016Server, today, january2016}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    UiTestStore.deleteTree(dir);
  }

  /** A report per month of 2015 (each range a calendar month), and decisions at the ends of January to March. */
  private static void record(MlOps mlops) {
    Sample sample = Sample.builder().numeric("x", new double[] {1, 2, 3, 4, 5, 6}).build();
    DriftHistory history = mlops.drift().history(HISTORY);
    for (int month = 1; month <= 12; month++) {
      YearMonth current = YearMonth.of(2015, month);
      history.record(mlops.drift().compare(sample, sample, DriftConfig.ofDefaults()), start(current),
          start(current.plusMonths(1)));
    }
    RetrainPolicy policy = mlops.retrainPolicy(RetrainPolicyConfig.builder().name(POLICY)
        .trigger(Trigger.when("drift.share", Comparison.AT_LEAST, 0.5)).build());
    for (int month = 1; month <= 3; month++) {
      policy.evaluate(RetrainSignals.builder(start(YearMonth.of(2015, month + 1))).signal("drift.share", 0).build());
    }
  }

  private static Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  private static WebElement section(String css) {
    return chrome.findElement(By.cssSelector(css));
  }

  /** The close of each window the history's chart plots, as instants. */
  private static List<Instant> chartedWindows() throws IOException {
    WebElement chart = section("section.history[data-history='" + HISTORY + "'] .chart");
    new WebDriverWait(chrome, Duration.ofSeconds(30)).until(driver -> "1".equals(chart.getAttribute("data-ready")));
    assertTrue(chart.findElements(By.tagName("canvas")).size() > 0, "uPlot drew a canvas");
    JsonNode x = new ObjectMapper().readTree(chart.getAttribute("data-series")).get("x");
    return IntStream.range(0, x.size()).mapToObj(i -> Instant.ofEpochSecond(x.get(i).asLong())).toList();
  }

  @Test
  void aStoreWhoseRecordsAllPredateTheDaysShowsTheDaysUpToItsNewestRecordAndSaysSo() throws IOException {
    chrome.get(todayServer.uri().resolve("/retraining").toString());
    // The newest record closes 2016-01-01; 90 days before it is 2015-10-03, so the reports of October,
    // November and December (closing 2015-11-01, 2015-12-01, 2016-01-01) show; the decisions (Feb. to Apr.) not.
    Instant newest = start(YearMonth.of(2016, 1));
    assertEquals("No drift window or retrain decision was recorded in the last 90 days; this page shows the 90 days"
        + " up to the newest record, " + Html.time(newest) + ".", section("#window").getText());
    assertEquals(List.of(start(YearMonth.of(2015, 11)), start(YearMonth.of(2015, 12)), newest), chartedWindows());
    assertEquals("No decision in the 90 days up to the newest record, " + Html.time(newest) + ".",
        section("section.policy[data-policy='" + POLICY + "']").findElement(By.cssSelector("p.no-decisions")).getText());
  }

  @Test
  void aPolicyWithNoDecisionInTheDaysShowsASentenceInsteadOfAnEmptyTable() throws IOException {
    chrome.get(january2016Server.uri().resolve("/retraining").toString());
    // 2016-01-15 minus 90 days is 2015-10-17: the windows closing on the first of November, December, January.
    assertTrue(chrome.findElements(By.id("window")).isEmpty(), "the last 90 days hold records: no note");
    assertEquals(List.of(start(YearMonth.of(2015, 11)), start(YearMonth.of(2015, 12)), start(YearMonth.of(2016, 1))),
        chartedWindows());
    WebElement policy = section("section.policy[data-policy='" + POLICY + "']");
    assertEquals("No decision in the last 90 days.", policy.findElement(By.cssSelector("p.no-decisions")).getText());
    assertTrue(policy.findElements(By.tagName("table")).isEmpty(), "no empty table");

    chrome.get(january2016Server.uri().resolve("/retraining?days=365").toString());
    assertEquals(3, section("section.policy[data-policy='" + POLICY + "']")
        .findElements(By.cssSelector("table.decisions tr")).size() - 1, "a year back: the three decisions");
  }
}
