package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML report is one self-contained page with each column's histograms and verdict. */
class DriftReportPageTest {
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

  @Test
  void everyHistogramSharesOneShareAxisWithTicksAndBinLabels() {
    try (MlOps mlops = MlOps.open(URI.create("mem:html-" + UUID.randomUUID()))) {
      // "flat": ten deciles of about 10% each; "city": one category holds 90% of the rows.
      Sample ref = Sample.builder().numeric("flat", DriftComparisonTest.gaussian(500, 0, 1))
          .categorical("city", city(500, 450)).build();
      Sample cur = Sample.builder().numeric("flat", DriftComparisonTest.gaussian(500, 0, 1))
          .categorical("city", city(500, 440)).build();
      DriftReport report = mlops.drift().compare(ref, cur, DriftConfig.ofDefaults());
      String html = mlops.drift().toHtml(report, "shared scale");

      List<String> charts = new ArrayList<>();
      Matcher svg = Pattern.compile("<svg role=\"img\" class=\"histogram\".*?</svg>").matcher(html);
      while (svg.find()) {
        charts.add(svg.group());
      }
      assertEquals(2, charts.size());
      // One scale: the largest share (city's 90%) rounded up to a tenth, for both charts.
      for (String chart : charts) {
        assertTrue(chart.contains("data-share-top=\"0.9000\""), chart);
        assertTrue(chart.contains("width=\"680\""), "wide enough to read");
        assertTrue(chart.contains("class=\"axis\""), "has axes");
        assertTrue(chart.contains(">0%</text>") && chart.contains(">90%</text>"), "share ticks");
        assertTrue(chart.contains("class=\"bin\""), "bin labels");
      }
      // Every bar of every chart has the same height per share: share / 0.9 of the plot.
      Matcher bar = Pattern.compile("<rect class=\"(?:ref|cur)\" x=\"[^\"]+\" y=\"[^\"]+\" width=\"[^\"]+\""
          + " height=\"([0-9.]+)\" data-share=\"([0-9.E-]+)\"").matcher(html);
      int bars = 0;
      while (bar.find()) {
        double expected = Double.parseDouble(bar.group(2)) / 0.9 * 160;
        assertEquals(expected, Double.parseDouble(bar.group(1)), 0.06, bar.group());
        bars++;
      }
      assertEquals(2 * (10 + 2), bars);
      assertTrue(charts.get(0).contains(">\u2264 "), "decile bins labelled by their upper edge");
    }
  }

  private static String[] city(int n, int paris) {
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      values[i] = i < paris ? "Paris" : "Oslo";
    }
    return values;
  }
}
