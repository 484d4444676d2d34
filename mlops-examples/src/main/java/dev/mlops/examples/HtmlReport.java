package dev.mlops.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page: headings, tables, line charts (with rows of yes/no markers under them)
 * and step charts of whole numbers, drawn as inline SVG. No script, no style sheet or font from the
 * network, so a report opens anywhere, offline, years later.
 */
public final class HtmlReport {
  private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};
  private static final int WIDTH = 640;
  private static final int HEIGHT = 280;
  private static final int MARGIN = 44;
  private static final int FLAG_ROW = 36;
  private static final String FLAG_ON = "#d62728";

  private final StringBuilder body = new StringBuilder();
  private final String title;

  /**
   * Starts a page.
   *
   * @param title the page's title and first heading
   */
  public HtmlReport(String title) {
    this.title = title;
    body.append("<h1>").append(escape(title)).append("</h1>\n");
  }

  /**
   * Adds a heading and a paragraph.
   *
   * @param heading the section's heading
   * @param text the paragraph
   * @return this page
   */
  public HtmlReport section(String heading, String text) {
    body.append("<h2>").append(escape(heading)).append("</h2>\n<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /**
   * Adds a table.
   *
   * @param header the column names
   * @param rows the cells, row by row
   * @return this page
   */
  public HtmlReport table(List<String> header, List<List<String>> rows) {
    body.append("<table>\n<tr>");
    header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
    body.append("</tr>\n");
    for (List<String> row : rows) {
      body.append("<tr>");
      row.forEach(cell -> body.append("<td>").append(escape(cell)).append("</td>"));
      body.append("</tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  /**
   * Adds a line chart of series that share x labels, with y from 0 to 1 (accuracies, shares).
   *
   * @param caption what the chart shows
   * @param xLabels the label of each point's position, for example epochs or months
   * @param series each line's name and values, one per x label
   * @return this page
   */
  public HtmlReport lineChart(String caption, List<String> xLabels, Map<String, double[]> series) {
    return lineChart(caption, xLabels, series, 1);
  }

  /**
   * Adds a line chart of series that share x labels, with y from 0 to {@code yMax}.
   *
   * @param caption what the chart shows
   * @param xLabels the label of each point's position
   * @param series each line's name and values, one per x label
   * @param yMax the top of the y axis
   * @return this page
   */
  public HtmlReport lineChart(String caption, List<String> xLabels, Map<String, double[]> series, double yMax) {
    return lineChart(caption, xLabels, series, yMax, Map.of());
  }

  /**
   * Adds a line chart with yes/no facts per x position below it (for example "drifted"): each fact
   * is a row of markers under the x axis, filled where true and hollow where false, so it is never
   * read as a value on the y axis.
   *
   * @param caption what the chart shows
   * @param xLabels the label of each point's position
   * @param series each line's name and values, one per x label
   * @param yMax the top of the y axis
   * @param flags each fact's name and one value per x label
   * @return this page
   */
  public HtmlReport lineChart(String caption, List<String> xLabels, Map<String, double[]> series, double yMax,
      Map<String, boolean[]> flags) {
    int height = HEIGHT + FLAG_ROW * flags.size();
    double plotW = WIDTH - 2.0 * MARGIN;
    double plotH = HEIGHT - 2.0 * MARGIN;
    StringBuilder svg = open(caption, height);
    for (int tick = 0; tick <= 4; tick++) {
      yTick(svg, MARGIN + plotH - plotH * tick / 4, String.format(Locale.ROOT, "%.2f", yMax * tick / 4.0), plotW);
    }
    int n = xLabels.size();
    xLabels(svg, xLabels, plotW);
    int color = 0;
    for (Map.Entry<String, double[]> line : series.entrySet()) {
      String stroke = COLORS[color % COLORS.length];
      StringBuilder points = new StringBuilder();
      double[] values = line.getValue();
      for (int i = 0; i < values.length && i < n; i++) {
        double y = MARGIN + plotH - plotH * Math.max(0, Math.min(1, values[i] / yMax));
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, n, plotW), y));
      }
      svg.append(String.format(Locale.ROOT, "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
          + " points=\"%s\"/>%n", stroke, points.toString().trim()));
      legend(svg, color, stroke, line.getKey());
      color++;
    }
    int row = 0;
    for (Map.Entry<String, boolean[]> flag : flags.entrySet()) {
      double y = HEIGHT - MARGIN + 44 + FLAG_ROW * row;
      svg.append(String.format(Locale.ROOT, "<g class=\"flags\" data-name=\"%s\"><text x=\"%d\" y=\"%.1f\""
          + " font-size=\"11\">%s (filled: yes, hollow: no)</text>%n", escape(flag.getKey()), MARGIN, y - 10,
          escape(flag.getKey())));
      boolean[] values = flag.getValue();
      for (int i = 0; i < values.length && i < n; i++) {
        svg.append(String.format(Locale.ROOT, "<circle class=\"flag\" data-value=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\""
            + " fill=\"%s\" stroke=\"%s\"><title>%s %s: %s</title></circle>%n", values[i], x(i, n, plotW), y,
            values[i] ? FLAG_ON : "none", values[i] ? FLAG_ON : "#999", escape(xLabels.get(i)), escape(flag.getKey()),
            values[i] ? "yes" : "no"));
      }
      svg.append("</g>\n");
      row++;
    }
    return close(svg, caption);
  }

  /**
   * Adds a chart of a whole-number quantity that changes in steps (such as the model version an
   * alias points to): a tick per whole number only, a level held from one point to the next, and
   * each point marked and labelled with its value.
   *
   * @param caption what the chart shows
   * @param xLabels the label of each point's position
   * @param name the quantity's name, shown as the y axis title and in each point's label
   * @param values one value per x label
   * @return this page
   */
  public HtmlReport stepChart(String caption, List<String> xLabels, String name, int[] values) {
    double plotW = WIDTH - 2.0 * MARGIN;
    double plotH = HEIGHT - 2.0 * MARGIN;
    int low = Math.min(0, java.util.Arrays.stream(values).min().orElse(0));
    int high = Math.max(low + 1, java.util.Arrays.stream(values).max().orElse(1));
    int step = Math.max(1, (int) Math.ceil((high - low) / 8.0));
    StringBuilder svg = open(caption, HEIGHT);
    for (int v = low; v <= high; v += step) {
      yTick(svg, MARGIN + plotH - plotH * (v - low) / (high - low), Integer.toString(v), plotW);
    }
    int n = xLabels.size();
    xLabels(svg, xLabels, plotW);
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < values.length && i < n; i++) {
      double y = MARGIN + plotH - plotH * (values[i] - low) / (high - low);
      path.append(i == 0 ? "M" : " H").append(String.format(Locale.ROOT, "%.1f", x(i, n, plotW)))
          .append(i == 0 ? String.format(Locale.ROOT, " %.1f", y) : String.format(Locale.ROOT, " V%.1f", y));
    }
    svg.append(String.format(Locale.ROOT, "<path class=\"steps\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
        + " d=\"%s\"/>%n", COLORS[0], path));
    for (int i = 0; i < values.length && i < n; i++) {
      double x = x(i, n, plotW);
      double y = MARGIN + plotH - plotH * (values[i] - low) / (high - low);
      boolean last = i == Math.min(values.length, n) - 1 && i > 0;
      svg.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>"
          + "<text class=\"point-label\" x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\">%s %d</text>%n",
          x, y, COLORS[0], last ? x - 6 : x + 6, y - 8, last ? "end" : "start", escape(name), values[i]));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\""
        + " transform=\"rotate(-90 12 %.1f)\">%s</text>%n", MARGIN + plotH / 2, MARGIN + plotH / 2, escape(name)));
    return close(svg, caption);
  }

  private static StringBuilder open(String caption, int height) {
    return new StringBuilder(String.format(Locale.ROOT, "<figure><svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\""
        + " width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">%n", WIDTH, height, escape(caption)));
  }

  private HtmlReport close(StringBuilder svg, String caption) {
    svg.append("</svg><figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
    body.append(svg);
    return this;
  }

  private static void yTick(StringBuilder svg, double y, String label, double plotW) {
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
        + "<text class=\"y-tick\" x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
        MARGIN, MARGIN + plotW, y, y, MARGIN - 6, y + 4, label));
  }

  private static void xLabels(StringBuilder svg, List<String> xLabels, double plotW) {
    int n = xLabels.size();
    for (int i = 0; i < n; i++) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
          x(i, n, plotW), HEIGHT - MARGIN + 16, escape(xLabels.get(i))));
    }
  }

  private static void legend(StringBuilder svg, int index, String color, String name) {
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>%n",
        MARGIN + 8 + 110.0 * index, MARGIN - 14, color, escape(name)));
  }

  /**
   * Writes the page.
   *
   * @param file where to write it
   * @return {@code file}
   */
  public Path write(Path file) {
    String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
        + "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}"
        + "figcaption{font-size:.9em;color:#555}</style></head>\n<body>\n" + body + "</body></html>\n";
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double x(int i, int n, double plotW) {
    return MARGIN + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
