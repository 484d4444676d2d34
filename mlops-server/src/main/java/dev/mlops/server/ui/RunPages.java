package dev.mlops.server.ui;

import static dev.mlops.server.ui.Html.enc;
import static dev.mlops.server.ui.Html.esc;
import static dev.mlops.server.ui.Page.href;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.experiment.ArtifactInfo;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunInput;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The runs table, one run, and the comparison of several. */
final class RunPages {
  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 500;

  private final UiContext ui;

  RunPages(UiContext ui) {
    this.ui = ui;
  }

  private ExperimentLogger experiments() {
    return ui.mlops().experiments();
  }

  /** {@code /runs?experiment=&filter=&order=&desc=&col=&page=&size=}: the same filter language as {@code mlops runs search}. */
  void list(WebRequest request, WebResponse response) throws IOException {
    String experiment = blankToNull(request.query("experiment"));
    String filter = blankToNull(request.query("filter"));
    String order = blankToNull(request.query("order"));
    boolean descending = !"0".equals(request.query("desc"));
    int size = Numbers.intIn(request.query("size"), DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, "size");
    int page = Numbers.intIn(request.query("page"), 1, 1, 1_000_000, "page");
    RunQuery query = experiment == null ? RunQuery.all() : RunQuery.experiment(experiment);
    if (filter != null) {
      query = query.where(filter);
    }
    if (order != null) {
      query = query.orderBy(order, descending);
    }
    // One run more than the page, to know if a next page exists.
    int from = (page - 1) * size;
    List<RunInfo> found = experiments().search(query.offset(from).limit(size + 1));
    List<RunInfo> shown = found.subList(0, Math.min(found.size(), size));
    boolean more = found.size() > size;

    List<String> chosen = request.queryParameters().getOrDefault("col", List.of()).stream()
        .filter(c -> !c.isBlank()).toList();
    Set<String> available = new TreeSet<>();
    for (RunInfo run : shown) {
      run.latestMetrics().keySet().forEach(k -> available.add("metrics." + k));
      run.params().keySet().forEach(k -> available.add("params." + k));
      run.tags().keySet().forEach(k -> available.add("tags." + k));
    }
    List<String> columns = chosen.isEmpty() ? defaultColumns(available) : chosen;

    Map<String, @Nullable Object> state = new LinkedHashMap<>();
    state.put("experiment", experiment);
    state.put("filter", filter);
    state.put("order", order);
    state.put("desc", order == null || descending ? null : "0");
    StringBuilder body = new StringBuilder();
    body.append("<form class=\"search\" method=\"get\" action=\"").append(href(request, "/runs")).append("\">")
        .append("<label>Experiment <select name=\"experiment\"><option value=\"\">all</option>");
    for (String name : experiments().experiments()) {
      body.append("<option value=\"").append(esc(name)).append('"').append(name.equals(experiment) ? " selected" : "")
          .append('>').append(esc(name)).append("</option>");
    }
    body.append("</select></label> <label>Filter <input id=\"filter\" name=\"filter\" size=\"50\" value=\"")
        .append(esc(filter)).append("\" placeholder=\"metrics.accuracy &gt; 0.9 and params.lr = '0.01'\"></label>")
        .append(" <label>Sort by <input name=\"order\" value=\"").append(esc(order))
        .append("\" placeholder=\"metrics.accuracy\"></label> <label><input type=\"checkbox\" name=\"desc\" value=\"0\"")
        .append(order != null && !descending ? " checked" : "").append("> ascending</label>")
        .append(" <button id=\"apply\" type=\"submit\">Apply</button>");
    Set<String> offered = new TreeSet<>(available);
    offered.addAll(columns);
    if (!offered.isEmpty()) {
      body.append("<details class=\"columns\"><summary>Columns</summary>");
      for (String column : offered) {
        body.append("<label><input type=\"checkbox\" name=\"col\" value=\"").append(esc(column)).append('"')
            .append(columns.contains(column) ? " checked" : "").append("> ").append(esc(column)).append("</label> ");
      }
      body.append("</details>");
    }
    body.append("</form>");

    body.append("<form method=\"get\" action=\"").append(href(request, "/compare")).append("\">")
        .append("<table id=\"runs\" class=\"grid\"><thead><tr><th></th>");
    for (String header : List.of("name", "started")) {
      body.append(sortHeader(request, state, columns, header, header, order, descending));
    }
    body.append("<th>experiment</th><th>status</th>");
    for (String column : columns) {
      body.append(sortHeader(request, state, columns, column, column, order, descending));
    }
    body.append("</tr></thead><tbody>");
    for (RunInfo run : shown) {
      body.append("<tr><td><input type=\"checkbox\" name=\"run\" value=\"").append(esc(run.id())).append("\"></td>")
          .append("<td class=\"run-name\"><a href=\"").append(href(request, "/runs/" + enc(run.id()))).append("\">")
          .append(esc(run.name())).append("</a> <small>").append(esc(Html.shortId(run.id()))).append("</small></td>")
          .append("<td>").append(esc(Html.time(run.startedAt()))).append("</td><td>").append(esc(run.experiment()))
          .append("</td><td>").append(esc(run.status())).append("</td>");
      for (String column : columns) {
        body.append("<td>").append(esc(cell(run, column))).append("</td>");
      }
      body.append("</tr>");
    }
    body.append("</tbody></table>");
    if (shown.isEmpty()) {
      body.append("<p id=\"no-runs\">No runs match.</p>");
    } else {
      body.append("<p><button type=\"submit\">Compare selected (2-").append(ComparePage.MAX_COMPARED).append(")</button></p>");
    }
    body.append("</form><p class=\"pager\">");
    Map<String, @Nullable Object> pageState = new LinkedHashMap<>(state);
    pageState.put("size", size == DEFAULT_PAGE_SIZE ? null : size);
    if (page > 1) {
      pageState.put("page", page - 1);
      body.append("<a id=\"prev\" href=\"").append(href(request, "/runs" + withColumns(pageState, chosen)))
          .append("\">&larr; previous</a> ");
    }
    body.append("page ").append(page).append(shown.isEmpty() ? ", no runs" : ", runs " + (from + 1) + "-" + (from + shown.size()));
    if (more) {
      pageState.put("page", page + 1);
      body.append(" <a id=\"next\" href=\"").append(href(request, "/runs" + withColumns(pageState, chosen)))
          .append("\">next &rarr;</a>");
    }
    body.append("</p>");
    Page.send(ui, request, response, 200, experiment == null ? "Runs" : "Runs of " + experiment, "runs", body.toString());
  }

  private static List<String> defaultColumns(Set<String> available) {
    List<String> columns = new ArrayList<>();
    available.stream().filter(c -> c.startsWith("metrics.")).limit(6).forEach(columns::add);
    available.stream().filter(c -> c.startsWith("params.")).limit(4).forEach(columns::add);
    return columns;
  }

  private static String withColumns(Map<String, @Nullable Object> state, List<String> columns) {
    StringBuilder query = new StringBuilder(Html.query(state));
    for (String column : columns) {
      query.append(query.length() == 0 ? '?' : '&').append("col=").append(enc(column));
    }
    return query.toString();
  }

  private static String sortHeader(WebRequest request, Map<String, @Nullable Object> state, List<String> columns,
      String field, String label, @Nullable String order, boolean descending) {
    Map<String, @Nullable Object> sorted = new LinkedHashMap<>(state);
    boolean current = field.equals(order);
    sorted.put("order", field);
    sorted.put("desc", current && descending ? "0" : null);
    String arrow = current ? (descending ? " &darr;" : " &uarr;") : "";
    return "<th><a href=\"" + href(request, "/runs" + withColumns(sorted, columns)) + "\">" + esc(label) + arrow
        + "</a></th>";
  }

  private static @Nullable Object cell(RunInfo run, String column) {
    int dot = column.indexOf('.');
    String key = dot < 0 ? column : column.substring(dot + 1);
    return switch (dot < 0 ? "" : column.substring(0, dot)) {
      case "metrics" -> {
        Double value = run.latestMetrics().get(key);
        yield value == null ? null : Html.number(value);
      }
      case "params" -> run.params().get(key);
      case "tags" -> run.tags().get(key);
      default -> null;
    };
  }

  RunInfo find(String id) {
    return experiments().run(id).orElseThrow(() -> new NotFoundException("no run has the id '" + id
        + "'; the runs page lists them"));
  }

  /** {@code /runs/{id}}: everything recorded about one run. */
  void run(WebRequest request, WebResponse response) throws IOException {
    RunInfo run = find(request.pathParameter("id"));
    StringBuilder body = new StringBuilder("<section><table class=\"facts\">");
    fact(body, "id", esc(run.id()));
    fact(body, "experiment", "<a href=\"" + href(request, "/runs" + Html.query(Map.of("experiment", run.experiment())))
        + "\">" + esc(run.experiment()) + "</a>");
    fact(body, "status", esc(run.status()));
    fact(body, "started", esc(Html.time(run.startedAt())));
    run.endedAt().ifPresent(ended -> fact(body, "ended", esc(Html.time(ended))));
    run.parentId().ifPresent(parent -> fact(body, "parent", "<a href=\"" + href(request, "/runs/" + enc(parent)) + "\">"
        + esc(parent) + "</a>"));
    run.failure().ifPresent(failure -> fact(body, "failure", "<pre>" + esc(failure) + "</pre>"));
    run.lineage().code().ifPresent(code -> fact(body, "code", esc(code.commit())
        + code.branch().map(branch -> " on " + esc(branch)).orElse("") + (code.dirty() ? " (uncommitted changes)" : "")));
    body.append("</table></section>");

    body.append("<section><h2>Metrics</h2>");
    if (run.latestMetrics().isEmpty()) {
      body.append("<p>No metrics logged.</p>");
    } else {
      body.append("<table id=\"metrics\" class=\"grid\"><tr><th>metric</th><th>latest</th></tr>");
      new TreeSet<>(run.latestMetrics().keySet()).forEach(key -> body.append("<tr><td>").append(esc(key))
          .append("</td><td>").append(esc(Html.number(run.latestMetrics().get(key)))).append("</td></tr>"));
      body.append("</table><p class=\"hint\">Drag across a chart to zoom (the server sends that window at full"
          + " detail); double-click to zoom out.</p><div class=\"charts\">");
      for (String key : new TreeSet<>(run.latestMetrics().keySet())) {
        body.append("<figure><figcaption>").append(esc(key)).append("</figcaption><div class=\"chart\" data-runs=\"")
            .append(esc(run.id())).append("\" data-labels=\"").append(esc(run.name())).append("\" data-key=\"")
            .append(esc(key)).append("\"></div></figure>");
      }
      body.append("</div>");
    }
    body.append("</section>");
    keyValues(body, "Params", "params", run.params());
    keyValues(body, "Tags", "tags", run.tags());

    body.append("<section><h2>Artifacts</h2>");
    if (run.artifacts().isEmpty()) {
      body.append("<p>No artifacts.</p>");
    } else {
      body.append("<table id=\"artifacts\" class=\"grid\"><tr><th>path</th><th>size</th><th></th></tr>");
      for (ArtifactInfo artifact : run.artifacts()) {
        String base = "/runs/" + enc(run.id());
        body.append("<tr><td>").append(esc(artifact.path())).append("</td><td>").append(Html.bytes(artifact.size()))
            .append("</td><td><a href=\"").append(href(request, base + "/artifacts/" + Artifacts.encodePath(artifact.path())))
            .append("\">download</a>");
        if (Artifacts.previewable(artifact.path())) {
          body.append(" · <a href=\"").append(href(request, base + "/preview/" + Artifacts.encodePath(artifact.path())))
              .append("\">preview</a>");
        }
        body.append("</td></tr>");
      }
      body.append("</table>");
    }
    body.append("</section><section><h2>Inputs and lineage</h2>");
    if (run.inputs().isEmpty()) {
      body.append("<p>No dataset inputs recorded.</p>");
    } else {
      body.append("<ul id=\"inputs\">");
      for (RunInput input : run.inputs()) {
        body.append("<li>").append(esc(input.role())).append(": ").append(DatasetPages.link(request, input.dataset()))
            .append("</li>");
      }
      body.append("</ul>");
    }
    List<ModelVersion> models = modelsFrom(run.id());
    if (!models.isEmpty()) {
      body.append("<p>Registered as: ");
      for (ModelVersion version : models) {
        body.append("<a href=\"").append(href(request, "/models/" + enc(version.model()))).append("\">")
            .append(esc(version.model())).append(" v").append(version.version()).append("</a> ");
      }
      body.append("</p>");
    }
    keyValues(body, "Environment", "environment", run.lineage().environment());
    Map<String, String> seeds = new LinkedHashMap<>();
    run.lineage().seeds().forEach((key, value) -> seeds.put(key, Long.toString(value)));
    keyValues(body, "Seeds", "seeds", seeds);
    Page.send(ui, request, response, 200, "Run " + run.name(), "runs", body.toString());
  }

  /** The model versions whose lineage names this run; the registry has no index by run, so this scans. */
  private List<ModelVersion> modelsFrom(String runId) {
    List<ModelVersion> found = new ArrayList<>();
    for (String model : ui.mlops().models().models()) {
      for (ModelVersion version : ui.mlops().models().versions(model)) {
        if (version.lineage().runId().filter(runId::equals).isPresent()) {
          found.add(version);
        }
      }
    }
    return found;
  }

  static void fact(StringBuilder body, String name, String markup) {
    body.append("<tr><th>").append(esc(name)).append("</th><td>").append(markup).append("</td></tr>");
  }

  static void keyValues(StringBuilder body, String title, String id, Map<String, String> values) {
    body.append("<section><h2>").append(esc(title)).append("</h2>");
    if (values.isEmpty()) {
      body.append("<p>None.</p></section>");
      return;
    }
    body.append("<table id=\"").append(esc(id)).append("\" class=\"grid\">");
    new TreeSet<>(values.keySet()).forEach(key -> body.append("<tr><th>").append(esc(key)).append("</th><td>")
        .append(esc(values.get(key))).append("</td></tr>"));
    body.append("</table></section>");
  }

  void artifact(WebRequest request, WebResponse response) throws IOException {
    Artifacts.download(experiments(), find(request.pathParameter("id")), request, response);
  }

  void preview(WebRequest request, WebResponse response) throws IOException {
    RunInfo run = find(request.pathParameter("id"));
    String path = request.pathParameter("path");
    String body = Artifacts.preview(experiments(), run, path, request);
    Page.send(ui, request, response, 200, path + " of " + run.name(), "runs", body);
  }

  /** {@code /api/metric?run=&key=&points=&from=&to=}: a downsampled series for a chart, as JSON. */
  void metricJson(WebRequest request, WebResponse response) throws IOException {
    String run = required(request, "run");
    String key = required(request, "key");
    int points = Numbers.intIn(request.query("points"), MetricSeries.DEFAULT_POINTS, 3, MetricSeries.MAX_POINTS, "points");
    Double from = Numbers.optionalDouble(request.query("from"), "from");
    Double to = Numbers.optionalDouble(request.query("to"), "to");
    find(run);
    MetricSeries series = MetricSeries.read(experiments(), run, key, points, from, to);
    response.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff")
        .sendText(200, "application/json", series.toJson());
  }

  private static String required(WebRequest request, String name) {
    String value = request.query(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the query parameter '" + name + "' is required");
    }
    return value;
  }

  static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
