package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.IntervalMethod;
import dev.mlops.api.validation.LatencyProfile;
import dev.mlops.api.validation.SliceOutcome;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.core.input.ByteUnits;
import dev.mlops.core.internal.Html;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report as one HTML page a person reads: verdict, checks, metrics with units, a bar chart per
 * slice check and a histogram per latency profile (inline SVG), the confusion matrix. No scripts,
 * no fonts or images from the network.
 */
public final class ValidationReportPage {
  private static final String PASS = "#2e7d32";
  private static final String FAIL = "#c62828";
  private static final String GREY = "#9e9e9e";

  private ValidationReportPage() {}

  /**
   * Renders a report.
   *
   * @param r the report
   * @return the HTML page
   */
  public static String render(ValidationReport r) {
    StringBuilder h = new StringBuilder(16_384);
    String title = "Validation " + r.suite() + r.model().map(m -> " of " + m).orElse("");
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(title)).append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#212121}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;")
        .append("padding:4px 8px;text-align:left;vertical-align:top}.pass{color:" + PASS + "}")
        .append(".fail{color:" + FAIL + "}.num{text-align:right;font-variant-numeric:tabular-nums}")
        .append("td{overflow-wrap:anywhere}.num{white-space:nowrap}")
        .append("</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n<p><strong class=\"")
        .append(r.passed() ? "pass\">PASSED" : "fail\">FAILED").append("</strong> &middot; report ")
        .append(esc(r.id())).append(" &middot; ").append(esc(r.createdAt().toString())).append("</p>\n");
    checks(h, r);
    metrics(h, r);
    slices(h, r);
    for (LatencyProfile p : r.latency()) {
      latency(h, p);
    }
    confusion(h, r.confusionMatrix(), r.classNames());
    return h.append("</body></html>\n").toString();
  }

  private static void checks(StringBuilder h, ValidationReport r) {
    h.append("<h2>Checks</h2><table><tr><th></th><th>check</th><th>value</th><th>threshold</th>")
        .append("<th>baseline</th><th>interval</th><th>details</th></tr>\n");
    for (CheckResult c : r.checks()) {
      h.append("<tr><td class=\"").append(c.passed() ? "pass\">&#10004;" : "fail\">&#10008;")
          .append("</td><td>").append(esc(c.check().describe())).append("</td><td class=\"num\">")
          .append(value(r, c.check().metric(), c.observed())).append("</td><td class=\"num\">")
          .append(c.threshold().isPresent() ? value(r, c.check().metric(), c.threshold().getAsDouble()) : "")
          .append("</td><td class=\"num\">")
          .append(c.baseline().isPresent() ? value(r, c.check().metric(), c.baseline().getAsDouble()) : "")
          .append("</td><td class=\"num\">")
          .append(c.interval().map(i -> "[" + num(i.lower()) + ", " + num(i.upper()) + "] at "
              + num(i.confidence()) + (i.method() == IntervalMethod.BCA ? " (BCa)" : " (percentile)"))
              .orElse(""))
          .append("</td><td>").append(esc(c.message())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void metrics(StringBuilder h, ValidationReport r) {
    h.append("<h2>Metrics</h2><table><tr><th>metric</th><th>value</th><th>unit</th></tr>\n");
    r.metrics().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"num\">")
            .append(value(r, e.getKey(), e.getValue())).append("</td><td>")
            .append(esc(r.units().getOrDefault(e.getKey(), ""))).append("</td></tr>\n"));
    h.append("</table>\n");
  }

  private static void slices(StringBuilder h, ValidationReport r) {
    Map<String, List<SliceOutcome>> byCheck = new LinkedHashMap<>();
    for (SliceOutcome s : r.slices()) {
      byCheck.computeIfAbsent(s.metric() + " by " + s.column(), k -> new java.util.ArrayList<>()).add(s);
    }
    for (Map.Entry<String, List<SliceOutcome>> e : byCheck.entrySet()) {
      h.append("<h2>Slices: ").append(esc(e.getKey())).append("</h2>\n");
      List<SliceOutcome> slices = e.getValue();
      double max = slices.stream().mapToDouble(SliceOutcome::value).filter(Double::isFinite)
          .map(Math::abs).max().orElse(1);
      max = Math.max(max, Math.abs(slices.get(0).overall()));
      max = max > 0 && Double.isFinite(max) ? max : 1;
      int rowHeight = 22;
      int width = 640;
      int labelWidth = 200;
      int barSpace = width - labelWidth - 90;
      int height = rowHeight * slices.size() + 20;
      h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
          .append("\" height=\"").append(height).append("\" role=\"img\">\n");
      for (int i = 0; i < slices.size(); i++) {
        SliceOutcome s = slices.get(i);
        int y = i * rowHeight + 4;
        double len = Double.isFinite(s.value()) ? Math.abs(s.value()) / max * barSpace : 0;
        String color = !s.judged() ? GREY : s.passed() ? PASS : FAIL;
        h.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s (n=%d)</text>"
            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>"
            + "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s</text>\n", y + 12,
            esc(truncate(s.slice())), s.size(), labelWidth, y, len, color,
            labelWidth + len + 4, y + 12, num(s.value())));
      }
      double overall = slices.get(0).overall();
      if (Double.isFinite(overall)) {
        double x = labelWidth + Math.abs(overall) / max * barSpace;
        h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" "
            + "stroke=\"#1565c0\" stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
            + "fill=\"#1565c0\">overall %s</text>\n", x, x, height - 14, x + 3, height - 2, num(overall)));
      }
      h.append("</svg>\n<p>Grey: slice smaller than the minimum size, reported but not judged.</p>\n");
    }
  }

  private static void latency(StringBuilder h, LatencyProfile p) {
    h.append("<h2>Latency at batch size ").append(p.batchSize()).append("</h2>\n<p>p50 ")
        .append(num(p.p50())).append(" ms &middot; p95 ").append(num(p.p95()))
        .append(" ms &middot; p99 ").append(num(p.p99())).append(" ms, ")
        .append(p.samplesMillis().size()).append(" timed calls after warm-up</p>\n");
    double[] sorted = p.samplesMillis().stream().mapToDouble(Double::doubleValue)
        .filter(v -> v > 0 && Double.isFinite(v)).sorted().toArray();
    if (sorted.length == 0) {
      return;
    }
    LatencyAxis axis = LatencyAxis.of(sorted[0], sorted[sorted.length - 1]);
    int bins = 40;
    int[] counts = new int[bins];
    for (double v : sorted) {
      counts[Math.min(bins - 1, (int) (axis.fraction(v) * bins))]++;
    }
    int top = java.util.Arrays.stream(counts).max().orElse(1);
    int width = 640;
    int pad = 16; // room for the first tick's label left of the axis
    int plotTop = 44;
    int plot = 140;
    double binWidth = (double) width / bins;
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"latency\" data-scale=\"log\" width=\"")
        .append(pad + width + 24).append("\" height=\"").append(plotTop + plot + 34).append("\" role=\"img\">\n");
    for (int b = 0; b < bins; b++) {
      double barHeight = (double) counts[b] / top * plot;
      h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
          + " fill=\"#90a4ae\"/>\n", pad + b * binWidth, plotTop + plot - barHeight, binWidth - 1, barHeight));
    }
    h.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n",
        pad, plotTop + plot, pad + width, plotTop + plot));
    for (double tick : axis.ticks()) {
      double x = pad + axis.fraction(tick) * width;
      h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\"/>"
          + "<text class=\"tick\" x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>\n",
          x, plotTop + plot, x, plotTop + plot + 4, x, plotTop + plot + 16, LatencyAxis.label(tick)));
    }
    h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">"
        + "ms per call (log scale)</text>\n", pad + width, plotTop + plot + 30));
    String[] names = {"p50", "p95", "p99"};
    double[] values = {p.p50(), p.p95(), p.p99()};
    double[] rowEnds = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int i = 0; i < 3; i++) {
      double x = pad + axis.fraction(values[i]) * width;
      String label = names[i] + " " + num(values[i]);
      double labelWidth = label.length() * LABEL_CHAR_WIDTH;
      double labelX = Math.min(x + 3, pad + width + 24 - labelWidth);
      int row = 0;
      while (row < rowEnds.length - 1 && labelX < rowEnds[row] + 4) {
        row++;  // the label would overlap the one before it on this row: drop to the next row
      }
      rowEnds[row] = labelX + labelWidth;
      int y = 12 + 14 * row;
      h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>"
          + "<text class=\"marker\" x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>\n", x, y - 10,
          x, plotTop + plot, FAIL, labelX, y, FAIL, label));
    }
    h.append("</svg>\n");
  }

  /** Upper bound of the width of one character at font size 11 (system-ui digits and letters). */
  static final double LABEL_CHAR_WIDTH = 7;

  private static void confusion(StringBuilder h, List<List<Long>> matrix, List<String> names) {
    if (matrix.isEmpty()) {
      return;
    }
    h.append("<h2>Confusion matrix</h2><p>Rows: true class; columns: predicted class.</p><table><tr><th></th>");
    for (int c = 0; c < matrix.size(); c++) {
      h.append("<th scope=\"col\">").append(className(names, c)).append("</th>");
    }
    h.append("</tr>\n");
    for (int r = 0; r < matrix.size(); r++) {
      h.append("<tr><th scope=\"row\">").append(className(names, r)).append("</th>");
      for (long v : matrix.get(r)) {
        h.append("<td class=\"num\">").append(v).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  /** A class's name if the data named it (escaped), else its index. */
  private static String className(List<String> names, int index) {
    return index < names.size() ? esc(names.get(index)) : Integer.toString(index);
  }

  private static String truncate(String s) {
    return s.length() > 24 ? s.substring(0, 23) + "\u2026" : s;
  }

  /** A metric's value for the page: bytes in binary units (exact count as tooltip), others as numbers. */
  private static String value(ValidationReport r, String metric, double v) {
    if ("bytes".equals(r.units().get(metric)) && Double.isFinite(v)) {
      return "<span title=\"" + ByteUnits.exact(v) + "\">" + ByteUnits.format(v) + "</span>";
    }
    return num(v);
  }

  static String num(double v) {
    return Double.isNaN(v) ? "n/a" : Thresholds.number(v);
  }

  /** Escapes like the other reports, and shows control characters other than newline as '?'. */
  static String esc(String s) {
    StringBuilder visible = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      visible.append(Character.isISOControl(c) && c != '\n' ? '?' : c);
    }
    return Html.escape(visible.toString());
  }
}
