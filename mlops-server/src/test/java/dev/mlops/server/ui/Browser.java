package dev.mlops.server.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver ({@code .ci/run} installs both). Where
 * either is missing the browser tests are skipped with a message, unless
 * {@code MLOPS_REQUIRE_CHROMIUM=1} (set by CI) makes that a failure.
 */
final class Browser {
  private Browser() {}

  private static Optional<Path> onPath(String... names) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable).findFirst();
  }

  static ChromeDriver start(Path profile) throws IOException {
    Optional<Path> chromium = onPath("chromium", "chromium-browser");
    Optional<Path> driver = onPath("chromedriver");
    if (chromium.isEmpty() || driver.isEmpty()) {
      String message = "headless Chromium and chromedriver are needed for the UI's browser tests (apt-get install"
          + " chromium chromium-driver); found chromium=" + chromium.isPresent() + ", chromedriver=" + driver.isPresent();
      if ("1".equals(System.getenv("MLOPS_REQUIRE_CHROMIUM"))) {
        Assertions.fail(message + " and MLOPS_REQUIRE_CHROMIUM=1");
      }
      Assumptions.abort(message + ": skipped");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + Files.createDirectories(profile));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
        .usingAnyFreePort().build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return chrome;
  }

  /** Sends a header with every request this browser makes, as a token-carrying client would. */
  static void alwaysSend(ChromeDriver chrome, String name, String value) {
    chrome.executeCdpCommand("Network.enable", Map.of());
    chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of(name, value)));
  }
}
