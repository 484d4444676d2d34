package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.internal.experiment.DefaultExperimentLogger;
import dev.mlops.core.internal.experiment.TrackerSettings;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final DefaultExperimentLogger tracker = new DefaultExperimentLogger(
      InMemoryObjectStore.create(), executor, Clock.systemUTC(), new SimpleMeterRegistry(),
      TrackerSettings.DEFAULTS);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private String run(String model, double rate) {
    try (Run run = tracker.start(RunSpec.builder().experiment("cmp").param("model", model)
        .param("epochs", "10").tag("note", "<b>&'\"").build())) {
      for (int i = 0; i < 2_000; i++) {
        run.log("loss", Math.exp(-rate * i), i);
      }
      run.log("acc", 0.9, 0);
      return run.id();
    }
  }

  @Test
  void writesOneOfflineFileWithAChartPerMetricAndMarkedDifferences() {
    String a = run("lr", 0.001);
    String b = run("gbm<script>", 0.002);
    StringBuilder html = new StringBuilder();
    ComparisonReport.write(tracker, List.of(a, b), html);
    String page = html.toString();
    assertFalse(page.replace("http://www.w3.org/2000/svg", "").matches("(?s).*(https?:|src=).*"),
        "nothing to fetch: the only URI is the SVG namespace");
    assertFalse(page.contains("<script"), "user values are escaped");
    assertTrue(page.contains("gbm&lt;script&gt;"));
    assertEquals(2, count(page, "<svg "), "one chart per metric (loss, acc)");
    assertEquals(4, count(page, "<polyline"), "one curve per run in each of the two charts");
    assertTrue(page.contains("<tr class=\"diff\"><th>model</th>"), "differing param marked");
    assertTrue(page.contains("<tr><th>epochs</th>"), "equal param not marked");
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
