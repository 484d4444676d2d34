package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.Measurement;
import dev.mlops.api.validation.MetaMetrics;
import dev.mlops.api.validation.SliceCheck;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTML page is self-contained, escapes data, and charts slices and latency. */
class ValidationReportPageTest {
  @Test
  void thePageChartsSlicesAndLatencyWithoutScriptsOrNetworkAndEscapesValues() {
    LabelledData data = Fixtures.regions(300, 5);
    String[] hostile = new String[300];
    for (int i = 0; i < hostile.length; i++) {
      hostile[i] = i % 2 == 0 ? "<script>alert(1)</script>" : "plain & simple";
    }
    data = data.withAttribute("segment", hostile);
    ValidationSuite suite = ValidationSuite.builder().name("html")
        .measurement(new Measurement(4, 0, 10))
        .require("accuracy", Comparison.AT_LEAST, 0.5)
        .require(MetaMetrics.LATENCY_P95_SINGLE, Comparison.AT_MOST, 1000)
        .check(new SliceCheck("accuracy", "segment", List.of(), 0.1, 10)).build();
    ValidationReport report = new DefaultValidator(InMemoryObjectStore.create(), Clock.systemUTC())
        .validate(ValidationRequest.builder().suite(suite).candidate(Fixtures.poorOnRegionC())
            .data(data).build());
    String html = ValidationReportPage.render(report);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertEquals(3, html.split("<svg ", -1).length - 1, "one slice chart and two latency charts");
    assertTrue(html.contains("&lt;script&gt;"));
    assertTrue(html.contains("plain &amp; simple"));
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("src=") || html.contains("href=") || html.contains("@import"));
    assertTrue(html.replace("http://www.w3.org/2000/svg", "").indexOf("http") < 0, "no network");
    assertTrue(html.contains("Confusion matrix"));
  }
}
