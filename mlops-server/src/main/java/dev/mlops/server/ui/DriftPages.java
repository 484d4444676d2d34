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
import java.util.Map;
import java.util.Optional;
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
   * The drift share and each column's statistic per window, x at each window's close; with a
   * column chosen, that column's statistic, p-value and threshold.
   */
  private static void chart(String name, @Nullable String column, Set<String> columns, List<DriftRecord> records,
      StringBuilder body) {
    Map<String, List<@Nullable Double>> series = new LinkedHashMap<>();
    List<Long> times = new ArrayList<>();
    for (DriftRecord record : records) {
      times.add(record.to().getEpochSecond());
      if (column == null) {
        add(series, "drift share", record.driftedShare());
        for (String c : columns) {
          add(series, c, record.column(c).map(DriftRecord.Column::statistic).orElse(null));
        }
      } else {
        DriftRecord.@Nullable Column result = record.column(column).orElse(null);
        add(series, column + " statistic", result == null ? null : result.statistic());
        add(series, column + " p-value", result == null || result.pValue().isEmpty() ? null
            : result.pValue().getAsDouble());
        add(series, column + " threshold", result == null ? null : result.threshold());
      }
    }
    series.values().removeIf(values -> values.stream().allMatch(v -> v == null));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("x", times);
    data.put("series", series);
    try {
      body.append("<figure><figcaption>").append(column == null ? "drift share and each column's statistic"
              : esc(column) + ": statistic, p-value and threshold").append(" per window of ").append(esc(name))
          .append("</figcaption><div class=\"chart\" data-time=\"1\" data-history=\"").append(esc(name))
          .append("\" data-series=\"").append(esc(JSON.writeValueAsString(data))).append("\"></div></figure>");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("numbers and names always serialize", e);
    }
  }

  /** JSON has no NaN or infinity: those points are left out of the chart (a gap). */
  private static void add(Map<String, List<@Nullable Double>> series, String name, @Nullable Double value) {
    series.computeIfAbsent(name, key -> new ArrayList<>()).add(value == null || !Double.isFinite(value) ? null : value);
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
            .append(esc(result.method().name().toLowerCase(java.util.Locale.ROOT))).append(' ')
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
