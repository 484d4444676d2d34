package dev.mlops.core;

import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.RunComparison;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.core.internal.Html;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run comparison as one self-contained HTML file: params and latest metrics side by
 * side (differences highlighted) and one inline SVG chart per metric with every run's curve,
 * each downsampled to {@link #CURVE_POINTS} points. No scripts, fonts or images are fetched, so
 * the file opens offline and can be attached to a ticket.
 */
public final class ComparisonReport {
  /** Points per curve in the charts. */
  public static final int CURVE_POINTS = 500;

  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
      "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
  private static final int WIDTH = 720;
  private static final int HEIGHT = 260;
  private static final int PAD = 48;

  private ComparisonReport() {}

  /**
   * Writes the report.
   *
   * @param logger where the runs are
   * @param runIds the runs, at least one
   * @param out where the HTML goes
   */
  public static void write(ExperimentLogger logger, List<String> runIds, Appendable out) {
    RunComparison c = logger.compare(runIds);
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Run comparison</title><style>")
        .append("body{font-family:sans-serif;margin:24px;color:#222}")
        .append("table{border-collapse:collapse;margin-bottom:24px}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:13px}")
        .append("tr.diff td{background:#fff3cd}.swatch{display:inline-block;width:10px;")
        .append("height:10px;margin-right:4px}svg{border:1px solid #eee;margin-bottom:16px}")
        .append("</style></head><body>\n<h1>Run comparison</h1>\n");
    html.append("<table><tr><th></th>");
    for (int i = 0; i < c.runs().size(); i++) {
      RunInfo run = c.runs().get(i);
      html.append("<th><span class=\"swatch\" style=\"background:").append(color(i))
          .append("\"></span>").append(Html.escape(run.name())).append("<br><small>")
          .append(Html.escape(run.id())).append("</small></th>");
    }
    html.append("</tr>\n");
    row(html, "experiment", c.runs().stream().map(RunInfo::experiment).toList(), false);
    row(html, "status", c.runs().stream().map(r -> r.status().name()).toList(), false);
    row(html, "started", c.runs().stream().map(r -> r.startedAt().toString()).toList(), false);
    html.append("<tr><th colspan=\"").append(c.runs().size() + 1).append("\">params</th></tr>\n");
    for (String key : c.paramKeys()) {
      row(html, key, c.runs().stream().map(r -> r.params().getOrDefault(key, "")).toList(),
          c.differingParams().contains(key));
    }
    html.append("<tr><th colspan=\"").append(c.runs().size() + 1).append("\">metrics (latest)")
        .append("</th></tr>\n");
    for (String key : c.metricKeys()) {
      row(html, key, c.runs().stream().map(r -> {
        Double v = r.latestMetrics().get(key);
        return v == null ? "" : v.toString();
      }).toList(), c.differingMetrics().contains(key));
    }
    html.append("</table>\n");
    for (String key : c.metricKeys()) {
      List<MetricHistory> curves = new ArrayList<>();
      for (RunInfo run : c.runs()) {
        curves.add(logger.history(run.id(), key, CURVE_POINTS));
      }
      chart(html, key, curves);
    }
    html.append("</body></html>\n");
    try {
      out.append(html);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report", e);
    }
  }

  private static void row(StringBuilder html, String label, List<String> values, boolean diff) {
    html.append(diff ? "<tr class=\"diff\">" : "<tr>").append("<th>").append(Html.escape(label))
        .append("</th>");
    for (String v : values) {
      html.append("<td>").append(Html.escape(v)).append("</td>");
    }
    html.append("</tr>\n");
  }

  /** One chart: x is the step, y the value, shared scales across runs. */
  private static void chart(StringBuilder html, String key, List<MetricHistory> curves) {
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (MetricHistory h : curves) {
      for (int i = 0; i < h.size(); i++) {
        minX = Math.min(minX, h.step(i));
        maxX = Math.max(maxX, h.step(i));
        minY = Math.min(minY, h.value(i));
        maxY = Math.max(maxY, h.value(i));
      }
    }
    html.append("<h2>").append(Html.escape(key)).append("</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .append(" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"").append(Html.escape(key)).append("\">");
    if (minX > maxX) {
      html.append("<text x=\"").append(PAD).append("\" y=\"40\">no finite points</text></svg>\n");
      return;
    }
    if (maxX == minX) {
      maxX = minX + 1;
    }
    if (maxY == minY) {
      maxY = minY + 1;
    }
    html.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\">%.4g</text>"
        + "<text x=\"4\" y=\"%d\" font-size=\"11\">%.4g</text>"
        + "<text x=\"%d\" y=\"%d\" font-size=\"11\">step %d</text>"
        + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">step %d</text>",
        PAD - 30, maxY, HEIGHT - PAD + 4, minY, PAD, HEIGHT - 8, (long) minX, WIDTH - 8,
        HEIGHT - 8, (long) maxX));
    for (int r = 0; r < curves.size(); r++) {
      MetricHistory h = curves.get(r);
      if (h.size() == 0) {
        continue;
      }
      html.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(color(r))
          .append("\" points=\"");
      for (int i = 0; i < h.size(); i++) {
        double x = PAD + (h.step(i) - minX) / (maxX - minX) * (WIDTH - 2 * PAD);
        double y = HEIGHT - PAD - (h.value(i) - minY) / (maxY - minY) * (HEIGHT - 2 * PAD);
        html.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      html.append("\"/>");
    }
    html.append("</svg>\n");
  }

  private static String color(int i) {
    return COLORS[i % COLORS.length];
  }

}
