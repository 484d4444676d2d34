package dev.mlops.server.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.Authenticator;
import dev.mlops.server.http.MlOpsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person sees in a real browser (headless Chromium): the runs table, the filter, a chart's
 * points, approving a promotion, and that store values holding script stay inert. With
 * {@code -Dmlops.ui.screenshots=<dir>} it also saves the main pages' screenshots there.
 */
class UiBrowserTest {
  static final String TOKEN = "browser-test-token-0123456789";
  private static UiTestStore store;
  private static MlOpsServer server;
  private static ChromeDriver chrome;
  private static Path profile;

  @BeforeAll
  static void start() throws IOException {
    store = UiTestStore.get();
    profile = Files.createTempDirectory("mlops-ui-chromium");
    server = MlOpsServer.builder().port(0).authenticated(true).mount("/", MlOpsWeb.builder(store.mlops)
        .authenticator(Authenticator.token("dana", TOKEN)).uiWrites(true).build()).start();
    chrome = Browser.start(profile.resolve("profile"));
    Browser.alwaysSend(chrome, "Authorization", "Bearer " + TOKEN);
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

  private static void open(String path) {
    chrome.get(server.uri().resolve(path).toString());
  }

  /**
   * Waits for a condition, trying it again when an element it read was replaced meanwhile (the
   * page re-renders after an action: the approval's alias cell was found, then replaced before its
   * text was read, and the wait failed instead of reading the new cell).
   */
  private static FluentWait<WebDriver> waiting() {
    return new WebDriverWait(chrome, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
  }

  private static List<String> runNames() {
    return chrome.findElements(By.cssSelector("#runs td.run-name a")).stream().map(WebElement::getText).toList();
  }

  @Test
  void runsTableShowsTheLoggedRunsAndTheFilterNarrowsIt() {
    open("/runs?order=name&desc=0");
    assertEquals(List.of("lr-0.01", "lr-0.03", "lr-0.1", "majority-class"), runNames());
    WebElement filter = chrome.findElement(By.id("filter"));
    filter.clear();
    filter.sendKeys("metrics.accuracy > 0.82");  // accuracy = 0.8 + lr
    chrome.findElement(By.id("apply")).click();
    waiting().until(driver -> driver.getCurrentUrl().contains("filter="));
    assertEquals(List.of("lr-0.03", "lr-0.1"), runNames());
  }

  @Test
  void aChartHasTheLoggedPointsAndZoomAsksForTheWindow() {
    open("/runs/" + store.fixture.sweep.get(1));
    WebElement chart = chrome.findElement(By.cssSelector(".chart[data-key='loss']"));
    waiting().until(driver -> "1".equals(chart.getAttribute("data-ready")));
    assertTrue(chart.findElements(By.tagName("canvas")).size() > 0, "uPlot drew a canvas");
    @SuppressWarnings("unchecked")
    List<Number> values = (List<Number>) chrome.executeScript("return window.mlopsCharts['loss'][0].values;");
    assertEquals(UiFixture.STEPS, values.size());
    double lr = UiFixture.LEARNING_RATES[1];
    for (int step = 0; step < UiFixture.STEPS; step++) {
      assertEquals(UiFixture.loss(lr, step), values.get(step).doubleValue(), 1e-12, "step " + step);
    }

    WebElement over = chart.findElement(By.cssSelector(".u-over"));
    int width = over.getSize().getWidth();
    new Actions(chrome).moveToElement(over, -width / 4, 0).clickAndHold().moveByOffset(width / 4, 0).release().perform();
    waiting().until(driver -> "1".equals(chart.getAttribute("data-ready"))
        && Integer.parseInt(chart.getAttribute("data-points")) < UiFixture.STEPS);
    @SuppressWarnings("unchecked")
    List<Number> steps = (List<Number>) chrome.executeScript("return window.mlopsCharts['loss'][0].steps;");
    assertTrue(steps.get(0).longValue() > 0 && steps.get(steps.size() - 1).longValue() < UiFixture.STEPS - 1,
        "the zoomed window is inside the history: " + steps);
  }

  @Test
  void scriptInStoreValuesIsShownAsTextAndNeverRuns() {
    for (String path : List.of("/runs/" + store.fixture.sweep.get(0), "/models/rain", "/datasets/weather",
        "/runs?col=params.note&col=tags.owner")) {
      open(path);
      assertEquals(Boolean.TRUE, chrome.executeScript("return window.pwned === undefined;"), path);
      assertTrue(chrome.findElement(By.tagName("main")).getText().contains("<script>window.pwned=1</script>"),
          path + " shows the value as text");
    }
  }

  @Test
  void approvingMovesTheAliasAndTheTimelineShowsTheApprover() {
    open("/models/rain");
    assertEquals("dana", chrome.findElement(By.id("user")).getText());
    assertEquals("v1", chrome.findElement(By.cssSelector(".alias-version[data-alias='production']")).getText());
    chrome.findElement(By.cssSelector("tr[data-request='" + store.fixture.pendingPromotion + "'] button.approve")).click();
    waiting().until(driver -> "v2".equals(driver.findElement(By.cssSelector(".alias-version[data-alias='production']"))
        .getText()));
    String latest = chrome.findElement(By.cssSelector("#timeline li")).getText();
    assertTrue(latest.contains("production v1 → v2 by dana"), latest);
    assertEquals("APPROVED", chrome.findElement(By.cssSelector("tr[data-request='" + store.fixture.pendingPromotion
        + "'] .status")).getText());
  }

  @Test
  void screenshotsOfTheMainPages() throws IOException {
    String target = System.getProperty("mlops.ui.screenshots", "");
    if (target.isBlank()) {
      return;  // only when asked: mvn ... -Dmlops.ui.screenshots=$PWD/docs/images
    }
    Path dir = Files.createDirectories(Path.of(target));
    List<String[]> pages = List.of(
        new String[] {"runs", "/runs?experiment=sweep&order=metrics.accuracy"},
        new String[] {"run", "/runs/" + store.fixture.sweep.get(1)},
        new String[] {"compare", "/compare?run=" + String.join(",", store.fixture.sweep)},
        new String[] {"models", "/models/rain"},
        new String[] {"dataset", "/datasets/weather/versions/" + store.fixture.firstData.versionId()});
    // the drift and retraining page's screenshot is DriftPageBrowserTest's (it records the windows shown)
    for (String[] page : pages) {
      open(page[1]);
      waiting().until(driver -> driver.findElements(By.cssSelector(".chart:not([data-ready='1'])")).isEmpty());
      Path png = chrome.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(png, dir.resolve("ui-" + page[0] + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
