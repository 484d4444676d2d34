package dev.mlops.core.internal.drift;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Histogram;
import dev.mlops.core.internal.Html;
import java.util.Locale;

/**
 * Renders a drift report as one self-contained HTML page: inline CSS and inline SVG histograms,
 * no script and nothing fetched from the network, so it opens offline and can be mailed.
 */
public final class HtmlReport {
  private static final int BAR_WIDTH = 28;
  private static final int CHART_HEIGHT = 120;

  private HtmlReport() {}

  /**
   * Renders a report.
   *
   * @param report the report
   * @param title the page title
   * @return the HTML document
   */
  public static String render(DriftReport report, String title) {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title))
        .append("</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.drift{color:#b00;font-weight:bold}"
            + ".ok{color:#070}.ref{fill:#7aa6d6}.cur{fill:#e8a13a}section{margin:1.5em 0}</style></head><body>\n")
        .append("<h1>").append(Html.escape(title)).append("</h1>\n<p>Dataset drift: <span class=\"")
        .append(report.datasetDrift() ? "drift\">yes" : "ok\">no").append("</span>; drifted columns: ")
        .append(number(report.driftedShare() * 100)).append("%</p>\n<table><tr><th>column</th><th>type</th>"
            + "<th>method</th><th>statistic</th><th>p-value</th><th>threshold</th><th>verdict</th><th>sizes</th>"
            + "<th>exact</th></tr>\n");
    for (ColumnDrift c : report.columns()) {
      html.append("<tr><td><a href=\"#c-").append(Html.escape(c.column())).append("\">").append(Html.escape(c.column()))
          .append("</a></td><td>").append(c.type().name().toLowerCase(Locale.ROOT)).append("</td><td>")
          .append(c.method().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(number(c.statistic()))
          .append("</td><td>").append(c.pValue().isPresent() ? number(c.pValue().getAsDouble()) : "")
          .append("</td><td>").append(number(c.threshold())).append("</td><td class=\"")
          .append(c.drifted() ? "drift\">drift" : "ok\">no drift").append("</td><td>").append(c.referenceSize())
          .append(" / ").append(c.currentSize()).append("</td><td>").append(c.exact() ? "yes" : "sketch")
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
    for (ColumnDrift c : report.columns()) {
      html.append("<section id=\"c-").append(Html.escape(c.column())).append("\"><h2>").append(Html.escape(c.column()))
          .append("</h2>\n");
      chart(html, c.histogram());
      html.append("<p><svg width=\"12\" height=\"12\"><rect class=\"ref\" width=\"12\" height=\"12\"/></svg>"
          + " reference <svg width=\"12\" height=\"12\"><rect class=\"cur\" width=\"12\" height=\"12\"/></svg>"
          + " current</p></section>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static void chart(StringBuilder html, Histogram h) {
    double max = 1e-12;
    for (int i = 0; i < h.bins().size(); i++) {
      max = Math.max(max, Math.max(h.reference().get(i), h.current().get(i)));
    }
    int width = h.bins().size() * BAR_WIDTH;
    html.append("<svg role=\"img\" width=\"").append(width).append("\" height=\"").append(CHART_HEIGHT)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(CHART_HEIGHT).append("\">");
    for (int i = 0; i < h.bins().size(); i++) {
      bar(html, i * BAR_WIDTH + 2, h.reference().get(i) / max, "ref", h.bins().get(i), h.reference().get(i));
      bar(html, i * BAR_WIDTH + 14, h.current().get(i) / max, "cur", h.bins().get(i), h.current().get(i));
    }
    html.append("</svg>\n");
  }

  private static void bar(StringBuilder html, int x, double fraction, String css, String bin, double share) {
    int height = (int) Math.round(fraction * (CHART_HEIGHT - 4));
    html.append("<rect class=\"").append(css).append("\" x=\"").append(x).append("\" y=\"")
        .append(CHART_HEIGHT - height).append("\" width=\"11\" height=\"").append(height).append("\"><title>")
        .append(Html.escape(bin)).append(": ").append(number(share * 100)).append("%</title></rect>");
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }

}
