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
 * A self-contained HTML page: headings, tables and line charts drawn as inline SVG. No script, no
 * style sheet or font from the network, so a report opens anywhere, offline, years later.
 */
public final class HtmlReport {
  private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};
  private static final int WIDTH = 640;
  private static final int HEIGHT = 280;
  private static final int MARGIN = 44;

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
    double plotW = WIDTH - 2.0 * MARGIN;
    double plotH = HEIGHT - 2.0 * MARGIN;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<figure><svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\""
        + " width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">%n", WIDTH, HEIGHT, escape(caption)));
    for (int tick = 0; tick <= 4; tick++) {
      double y = MARGIN + plotH - plotH * tick / 4;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
          + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.2f</text>%n",
          MARGIN, MARGIN + plotW, y, y, MARGIN - 6, y + 4, yMax * tick / 4.0));
    }
    int n = xLabels.size();
    for (int i = 0; i < n; i++) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
          x(i, n, plotW), HEIGHT - MARGIN + 16, escape(xLabels.get(i))));
    }
    int color = 0;
    for (Map.Entry<String, double[]> line : series.entrySet()) {
      String stroke = COLORS[color % COLORS.length];
      StringBuilder points = new StringBuilder();
      double[] values = line.getValue();
      for (int i = 0; i < values.length && i < n; i++) {
        double y = MARGIN + plotH - plotH * Math.max(0, Math.min(1, values[i] / yMax));
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, n, plotW), y));
      }
      svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n"
          + "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>%n", stroke, points.toString().trim(),
          MARGIN + 8 + 110.0 * color, MARGIN - 14, stroke, escape(line.getKey())));
      color++;
    }
    svg.append("</svg><figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
    body.append(svg);
    return this;
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
