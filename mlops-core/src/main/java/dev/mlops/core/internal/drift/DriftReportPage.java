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
public final class DriftReportPage {
  private static final int WIDTH = 680;
  private static final int LEFT = 48;
  private static final int TOP = 8;
  private static final int PLOT_WIDTH = WIDTH - LEFT;
  private static final int PLOT_HEIGHT = 160;
  private static final int HEIGHT = TOP + PLOT_HEIGHT + 24;

  private DriftReportPage() {}

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
            + ".ok{color:#070}.ref{fill:#7aa6d6}.cur{fill:#e8a13a}section{margin:1.5em 0}"
            + ".grid{stroke:#e4e4e4}.axis{stroke:#555}.tick,.bin{font-size:11px;fill:#444}</style></head><body>\n")
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
    double top = scaleTop(report);
    if (!report.columns().isEmpty()) {
      html.append("<p>Each chart shows the share of rows per bin (the reference's deciles for numbers, the"
          + " categories for categories), all on one scale from 0 to ").append(percent(top))
          .append("%, so bars of different columns compare.</p>\n");
    }
    for (ColumnDrift c : report.columns()) {
      html.append("<section id=\"c-").append(Html.escape(c.column())).append("\"><h2>").append(Html.escape(c.column()))
          .append("</h2>\n");
      chart(html, c.histogram(), top);
      html.append("<p><svg width=\"12\" height=\"12\"><rect class=\"ref\" width=\"12\" height=\"12\"/></svg>"
          + " reference <svg width=\"12\" height=\"12\"><rect class=\"cur\" width=\"12\" height=\"12\"/></svg>"
          + " current</p></section>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  /**
   * The top of the share axis, shared by every chart of the report so that bars of different
   * columns compare: the largest share in any bin, rounded up to the next tenth.
   */
  static double scaleTop(DriftReport report) {
    double max = 0;
    for (ColumnDrift c : report.columns()) {
      for (int i = 0; i < c.histogram().bins().size(); i++) {
        max = Math.max(max, Math.max(c.histogram().reference().get(i), c.histogram().current().get(i)));
      }
    }
    return Math.max(0.1, Math.min(1, Math.ceil(max * 10 - 1e-9) / 10));
  }

  /** Reference and current bars side by side per bin, on the report's share axis (0 to top). */
  private static void chart(StringBuilder html, Histogram h, double top) {
    int bins = h.bins().size();
    double slot = (double) PLOT_WIDTH / Math.max(1, bins);
    double bar = Math.min(24, (slot - 6) / 2);
    html.append(String.format(Locale.ROOT, "<svg role=\"img\" class=\"histogram\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" data-share-top=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT, number(top)));
    int tenths = (int) Math.round(top * 10);
    int ticks = tenths <= 3 ? tenths * 2 : tenths <= 7 || tenths % 2 == 1 ? tenths : tenths / 2; // 5, 10 or 20 %
    for (int t = 0; t <= ticks; t++) {
      double share = top * t / ticks;
      double y = y(share, top);
      html.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
          + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s%%</text>", LEFT, WIDTH, y, y,
          LEFT - 4, y + 4, percent(share)));
    }
    html.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
        + "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", LEFT, LEFT, TOP, TOP + PLOT_HEIGHT,
        LEFT, WIDTH, TOP + PLOT_HEIGHT, TOP + PLOT_HEIGHT));
    for (int i = 0; i < bins; i++) {
      double x = LEFT + i * slot + slot / 2;
      bar(html, x - bar - 1, bar, h.reference().get(i), top, "ref", h.bins().get(i));
      bar(html, x + 1, bar, h.current().get(i), top, "cur", h.bins().get(i));
      html.append(String.format(Locale.ROOT, "<text class=\"bin\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s"
          + "<title>%s</title></text>", x, TOP + PLOT_HEIGHT + 14, Html.escape(binLabel(h.bins().get(i), slot)),
          Html.escape(h.bins().get(i))));
    }
    html.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\""
        + " text-anchor=\"middle\">share of rows</text>", TOP + PLOT_HEIGHT / 2, TOP + PLOT_HEIGHT / 2));
    html.append("</svg>\n");
  }

  private static void bar(StringBuilder html, double x, double width, double share, double top, String css,
      String bin) {
    double y = y(Math.min(share, top), top);
    html.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
        + " height=\"%.1f\" data-share=\"%s\"><title>%s: %s%%</title></rect>", css, x, y, width,
        TOP + PLOT_HEIGHT - y, share, Html.escape(bin), number(share * 100)));
  }

  private static double y(double share, double top) {
    return TOP + PLOT_HEIGHT - share / top * PLOT_HEIGHT;
  }

  /**
   * A bin's label short enough for its slot: a decile {@code (a, b]} as {@code ≤ b}, the open top
   * bin {@code (a, +inf)} as {@code > a}, a category cut to fit with an ellipsis (the full label is
   * the text's tooltip).
   */
  static String binLabel(String bin, double slot) {
    String label = bin;
    if (bin.startsWith("(") && bin.contains(", ")) {
      String low = bin.substring(1, bin.indexOf(", "));
      String high = bin.substring(bin.indexOf(", ") + 2, bin.length() - 1);
      label = high.equals("+inf") ? "> " + trim(low) : "\u2264 " + trim(high);
    }
    int fits = Math.max(3, (int) (slot / 6.5));
    return label.length() <= fits ? label : label.substring(0, fits - 1) + "\u2026";
  }

  private static String trim(String decimal) {
    return decimal.contains(".") ? decimal.replaceAll("0+$", "").replaceAll("\\.$", "") : decimal;
  }

  private static String percent(double share) {
    double p = Math.round(share * 1000) / 10.0; // one decimal, so 0.9 * 100 = 90.00000000000001 reads 90
    return p == Math.rint(p) ? Long.toString(Math.round(p)) : String.format(Locale.ROOT, "%.1f", p);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }

}
