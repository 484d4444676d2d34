package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The HTML report is one self-contained page with each column's histograms and verdict. */
class HtmlReportTest {
  @Test
  void reportIsSelfContainedAndShowsEachColumn() {
    try (MlOps mlops = MlOps.open(URI.create("mem:html-" + UUID.randomUUID()))) {
      Sample ref = Sample.builder().numeric("age", DriftComparisonTest.gaussian(500, 0, 1))
          .categorical("city", new String[] {"<b>Paris</b>", "Köln", "Köln"}).build();
      Sample cur = Sample.builder().numeric("age", DriftComparisonTest.gaussian(500, 3, 2))
          .categorical("city", new String[] {"Köln", "\"Oslo\"", "Köln"}).build();
      DriftReport report = mlops.drift().compare(ref, cur, DriftConfig.ofDefaults());
      String html = mlops.drift().toHtml(report, "Drift & <friends>");
      assertTrue(html.startsWith("<!DOCTYPE html>"));
      assertTrue(html.contains("<title>Drift &amp; &lt;friends&gt;</title>"));
      assertFalse(html.contains("<b>Paris"), "labels are escaped");
      assertTrue(html.contains("&lt;b&gt;Paris&lt;/b&gt;"));
      assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script")
          || html.contains("src="), "nothing loaded from elsewhere");
      assertTrue(html.contains("id=\"c-age\"") && html.contains("id=\"c-city\""));
      // age: 10 decile bins, city: 3 categories; two bars (reference, current) per bin.
      assertEquals(2 * (10 + 3), html.split("<rect class=\"(ref|cur)\" x=", -1).length - 1);
      assertTrue(html.contains(">drift</td>"), "the shifted age column is reported as drifted");
    }
  }
}
