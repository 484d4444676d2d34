package dev.mlops.server.ui;

import static dev.mlops.server.ui.Html.esc;
import static dev.mlops.server.ui.Page.href;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.drift.DriftRecord;
import dev.mlops.server.http.WebRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The drift part of the drift and retraining page: each recorded drift history (a monitor's
 * windows, or batch reports recorded under a name) over the page's days, as a chart of the drift
 * share and each column's statistic per window, and a table of the windows with the drifted
 * columns marked. {@code monitor=NAME} shows one history; {@code column=C} charts that column's
 * statistic, p-value and threshold instead of every column's statistic.
 */
final class DriftPages {
  static final int WINDOW_LIMIT = 200;
  /** The axis of the columns' chart, in multiples of the threshold: two decades either side of 1. */
  static final double LOWEST = 0.01;
  static final double HIGHEST = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UiContext ui;

  DriftPages(UiContext ui) {
    this.ui = ui;
  }

  /**
   * Appends the histories' sections for windows closed in {@code [from, to)}.
   *
   * @param span the days shown, as the page words them ("the last 90 days")
   * @return whether any window was shown
   */
  boolean histories(WebRequest request, int days, Instant from, Instant to, String span, StringBuilder body) {
    @Nullable String column = blankToNull(request.query("column"));
    List<String> names = shown(request);
    @Nullable String monitor = blankToNull(request.query("monitor"));
    body.append("<section id=\"drift\"><h2>Drift monitors</h2>");
    if (names.isEmpty()) {
      body.append("<p>No drift report has been recorded. Build a monitor with <code>recordWindows()</code>, or record"
          + " reports with <code>DriftDetector.history(name).record(...)</code>.</p></section>");
      return false;
    }
    if (monitor != null) {
      body.append("<p><a href=\"").append(href(request, "/retraining" + Html.query(Map.of("days", days))))
          .append("\">all monitors</a></p>");
    }
    boolean shown = false;
    for (String name : names) {
      List<DriftRecord> records = ui.mlops().drift().history(name).between(from, to);
      body.append("<section class=\"history\" data-history=\"").append(esc(name)).append("\"><h3><a href=\"")
          .append(href(request, "/retraining" + query(days, name, null))).append("\">").append(esc(name))
          .append("</a></h3>");
      if (records.isEmpty()) {
        body.append("<p>No window closed in ").append(esc(span)).append(".</p></section>");
        continue;
      }
      shown = true;
      Set<String> columns = new LinkedHashSet<>();
      records.forEach(r -> r.columns().forEach(c -> columns.add(c.column())));
      chart(name, column != null && columns.contains(column) ? column : null, columns, records, body);
      table(request, days, name, column, columns, records, body);
      body.append("</section>");
    }
    body.append("</section>");
    return shown;
  }

  /** When the newest of the shown histories' records closed (by their last-recorded record). */
  Optional<Instant> newest(WebRequest request) {
    return shown(request).stream().flatMap(name -> ui.mlops().drift().history(name).latest().stream())
        .map(DriftRecord::to).max(Comparator.naturalOrder());
  }

  /** The histories the request shows: all, or the one {@code monitor=} names. */
  private List<String> shown(WebRequest request) {
    @Nullable String monitor = blankToNull(request.query("monitor"));
    List<String> names = ui.mlops().drift().histories();
    if (monitor != null) {
      Names.requireValid("monitor", monitor);
      if (!names.contains(monitor)) {
        throw new NotFoundException("No drift history named '" + monitor + "'; recorded histories: " + names
            + ". A monitor records its windows when built with DriftMonitorConfig.Builder.recordWindows()");
      }
      names = List.of(monitor);
    }
    return names;
  }

  private static @Nullable String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static String query(int days, String monitor, @Nullable String column) {
    Map<String, @Nullable Object> parameters = new LinkedHashMap<>();
    parameters.put("days", days);
    parameters.put("monitor", monitor);
    parameters.put("column", column);
    return Html.query(parameters);
  }

  /**
   * Two charts per history, x at each window's close: the drift share on its own 0-1 axis, and
   * each column's result as a multiple of its threshold on a log axis with a dashed line at 1, so
   * a chi-square statistic in the hundreds, a KS p-value and a PSI score read alike: above the
   * line is drifted. With a column chosen, the second chart shows that column only. The legend
   * shows, under the cursor, each point's raw statistic, p-value and threshold.
   */
  private static void chart(String name, @Nullable String column, Set<String> columns, List<DriftRecord> records,
      StringBuilder body) {
    List<Long> times = new ArrayList<>();
    List<@Nullable Double> shares = new ArrayList<>();
    List<String> shareNotes = new ArrayList<>();
    Map<String, List<@Nullable Double>> ratios = new LinkedHashMap<>();
    Map<String, List<String>> notes = new LinkedHashMap<>();
    List<String> charted = column == null ? List.copyOf(columns) : List.of(column);
    for (DriftRecord record : records) {
      times.add(record.to().getEpochSecond());
      add(shares, record.driftedShare());
      shareNotes.add(Html.number(record.driftedShare()) + " (" + record.driftedColumns().size() + " of "
          + record.columns().size() + " columns)" + (record.datasetDrift() ? ", dataset drift" : ""));
      for (String c : charted) {
        DriftRecord.@Nullable Column result = record.column(c).orElse(null);
        add(ratios.computeIfAbsent(c, key -> new ArrayList<>()), result == null ? null : plotted(result));
        notes.computeIfAbsent(c, key -> new ArrayList<>()).add(result == null ? "not compared" : note(result));
      }
    }
    ratios.values().removeIf(values -> values.stream().allMatch(v -> v == null));
    notes.keySet().retainAll(ratios.keySet());

    Map<String, Object> share = new LinkedHashMap<>();
    share.put("x", times);
    share.put("series", Map.of("drift share", shares));
    share.put("notes", Map.of("drift share", shareNotes));
    share.put("axis", "share of columns drifted");
    share.put("range", List.of(0, 1));

    Map<String, Object> relative = new LinkedHashMap<>();
    relative.put("x", times);
    relative.put("series", ratios);
    relative.put("notes", notes);
    // The dashed line is not a series of the map, so that no column's name can replace it.
    relative.put("line", Map.of("at", 1, "label", "threshold", "note", "1 = at the threshold; above = drifted"));
    relative.put("axis", "× its threshold (log scale)");
    relative.put("range", List.of(LOWEST, HIGHEST));
    relative.put("log", true);
    relative.put("clamped", true);
    try {
      body.append("<div class=\"charts drift-charts\"><figure class=\"drift-share\"><figcaption>share of columns"
              + " drifted per window of ").append(esc(name))
          .append("</figcaption><div class=\"chart\" data-time=\"1\" data-history=\"").append(esc(name))
          .append("\" data-series=\"").append(esc(JSON.writeValueAsString(share))).append("\"></div></figure>")
          .append("<figure class=\"against-threshold\"><figcaption>")
          .append(column == null ? "each column" : esc(column))
          .append(" against its threshold per window of ").append(esc(name))
          .append(" (1 = at the threshold, above = drifted)</figcaption><div class=\"chart\" data-time=\"1\""
              + " data-history=\"").append(esc(name)).append("\" data-series=\"")
          .append(esc(JSON.writeValueAsString(relative))).append("\"></div></figure></div>");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("numbers and names always serialize", e);
    }
  }

  /**
   * A column's result as a multiple of its threshold, so that 1 is the threshold for every method:
   * a distance's {@code statistic / threshold} (drifted at 1 and above, as the decision is {@code
   * statistic >= threshold}); a test's {@code threshold / p-value} (drifted above 1, as the
   * decision is {@code p < threshold}), which grows as the p-value falls. A threshold of 0 or
   * below cannot be divided by: the point is put at the top when the column drifted, at the
   * bottom when not. Empty when the record holds no number to compare (a NaN statistic, a test
   * without its p-value).
   */
  static OptionalDouble againstThreshold(DriftRecord.Column result) {
    double threshold = result.threshold();
    double value;
    if (result.method().isTest()) {
      if (result.pValue().isEmpty() || Double.isNaN(result.pValue().getAsDouble())) {
        return OptionalDouble.empty();
      }
      value = result.pValue().getAsDouble();
      return OptionalDouble.of(threshold <= 0 ? (result.drifted() ? Double.POSITIVE_INFINITY : 0)
          : value <= 0 ? Double.POSITIVE_INFINITY : threshold / value);
    }
    value = result.statistic();
    if (Double.isNaN(value)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(threshold <= 0 ? (result.drifted() ? Double.POSITIVE_INFINITY : 0) : value / threshold);
  }

  /**
   * Where the point is drawn: {@link #againstThreshold} kept within the axis' {@link #LOWEST} to
   * {@link #HIGHEST} (a p-value of 1e-40 would otherwise stretch the axis over 40 decades and
   * squash every other column); the legend keeps the exact value.
   */
  static @Nullable Double plotted(DriftRecord.Column result) {
    OptionalDouble ratio = againstThreshold(result);
    return ratio.isEmpty() ? null : Math.max(LOWEST, Math.min(HIGHEST, ratio.getAsDouble()));
  }

  /** The legend's words for one point: the multiple, the method's raw numbers and the verdict. */
  private static String note(DriftRecord.Column result) {
    OptionalDouble ratio = againstThreshold(result);
    StringBuilder note = new StringBuilder();
    note.append(ratio.isEmpty() ? "no value" : Html.number(round(ratio.getAsDouble())) + "× threshold")
        .append(" (").append(result.method().name().toLowerCase(Locale.ROOT)).append(' ')
        .append(Html.number(result.statistic()));
    if (result.pValue().isPresent()) {
      note.append(", p ").append(Html.number(result.pValue().getAsDouble()));
    }
    return note.append(", threshold ").append(Html.number(result.threshold())).append(')')
        .append(result.drifted() ? " drifted" : "").toString();
  }

  /** Three significant digits are plenty for "how far from the threshold". */
  private static double round(double value) {
    return Double.isFinite(value) && value != 0 ? Double.parseDouble(String.format(Locale.ROOT, "%.3g", value)) : value;
  }

  /** JSON has no NaN or infinity: those points are left out of the chart (a gap). */
  private static void add(List<@Nullable Double> values, @Nullable Double value) {
    values.add(value == null || !Double.isFinite(value) ? null : value);
  }

  /** The windows, newest first; each column's cell marked when it drifted. */
  private static void table(WebRequest request, int days, String name, @Nullable String chosen, Set<String> columns,
      List<DriftRecord> records, StringBuilder body) {
    body.append("<table class=\"grid windows\"><tr><th>#</th><th>window</th><th>observations</th><th>drift share</th>"
        + "<th>verdict</th><th>drifted columns</th>");
    for (String column : columns) {
      body.append("<th><a href=\"").append(href(request, "/retraining" + query(days, name, column)))
          .append("\" title=\"chart this column\"").append(column.equals(chosen) ? " class=\"chosen\"" : "").append('>')
          .append(esc(column)).append("</a></th>");
    }
    body.append("</tr>");
    for (int i = records.size() - 1; i >= Math.max(0, records.size() - WINDOW_LIMIT); i--) {
      DriftRecord record = records.get(i);
      body.append("<tr data-sequence=\"").append(record.sequence()).append("\"><td>").append(record.sequence())
          .append("</td><td>").append(esc(Html.time(record.from()))).append(" –<br>").append(esc(Html.time(record.to())))
          .append("</td><td>").append(record.observations()).append("</td><td>")
          .append(esc(Html.number(record.driftedShare()))).append("</td><td>")
          .append(record.datasetDrift() ? "<span class=\"fail\">dataset drift</span>" : "no drift")
          .append("</td><td class=\"drifted-columns\">").append(esc(String.join(", ", record.driftedColumns())))
          .append("</td>");
      for (String column : columns) {
        DriftRecord.@Nullable Column result = record.column(column).orElse(null);
        if (result == null) {
          body.append("<td></td>");
          continue;
        }
        body.append("<td data-column=\"").append(esc(column)).append('"')
            .append(result.drifted() ? " class=\"drifted\"" : "").append(" title=\"threshold ")
            .append(esc(Html.number(result.threshold()))).append(", ").append(result.currentSize()).append(" values\">")
            .append(esc(result.method().name().toLowerCase(Locale.ROOT))).append(' ')
            .append(esc(Html.number(result.statistic())));
        if (result.pValue().isPresent()) {
          body.append(" p=").append(esc(Html.number(result.pValue().getAsDouble())));
        }
        body.append(result.drifted() ? " <b>drifted</b>" : "").append("</td>");
      }
      body.append("</tr>");
    }
    body.append("</table>");
    if (records.size() > WINDOW_LIMIT) {
      body.append("<p class=\"hint\">The table shows the latest ").append(WINDOW_LIMIT).append(" of ")
          .append(records.size()).append(" windows; the chart shows them all.</p>");
    }
  }
}
