package dev.mlops.server.ui;

import static dev.mlops.server.ui.Html.enc;
import static dev.mlops.server.ui.Html.esc;
import static dev.mlops.server.ui.Page.href;

import dev.mlops.api.experiment.RunComparison;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Several runs side by side: a diff table of params and metrics, and each metric's curves overlaid. */
final class ComparePage {
  static final int MAX_COMPARED = 20;

  private final UiContext ui;

  ComparePage(UiContext ui) {
    this.ui = ui;
  }

  /** {@code /compare?run=a&run=b}: 2-20 runs, from any experiments. */
  void compare(WebRequest request, WebResponse response) throws IOException {
    Set<String> asked = new LinkedHashSet<>();
    for (String value : request.queryParameters().getOrDefault("run", List.of())) {
      for (String id : value.split(",")) {
        if (!id.isBlank()) {
          asked.add(ui.mlops().experiments().resolve(id.trim()).id());
        }
      }
    }
    if (asked.size() < 2 || asked.size() > MAX_COMPARED) {
      throw new IllegalArgumentException("compare takes 2-" + MAX_COMPARED + " runs, got " + asked.size()
          + "; tick them in the runs table or list them as ?run=<id>&run=<id>");
    }
    RunComparison comparison = ui.mlops().experiments().compare(List.copyOf(asked));
    boolean onlyDifferences = "1".equals(request.query("diff"));
    StringBuilder body = new StringBuilder("<p>");
    List<String> ids = comparison.runs().stream().map(RunInfo::id).toList();
    Map<String, @Nullable Object> toggle = new LinkedHashMap<>();
    toggle.put("run", String.join(",", ids));
    toggle.put("diff", onlyDifferences ? null : "1");
    body.append("<a id=\"toggle-diff\" href=\"").append(href(request, "/compare" + Html.query(toggle))).append("\">")
        .append(onlyDifferences ? "show all rows" : "show only differences").append("</a></p>")
        .append("<table id=\"compare\" class=\"grid\"><tr><th></th>");
    for (RunInfo run : comparison.runs()) {
      body.append("<th><a href=\"").append(href(request, "/runs/" + enc(run.id()))).append("\">").append(esc(run.name()))
          .append("</a><br><small>").append(esc(run.experiment())).append("</small></th>");
    }
    body.append("</tr>");
    for (String key : comparison.paramKeys()) {
      boolean differs = comparison.differingParams().contains(key);
      if (onlyDifferences && !differs) {
        continue;
      }
      body.append("<tr").append(differs ? " class=\"differs\"" : "").append("><th>params.").append(esc(key)).append("</th>");
      comparison.runs().forEach(run -> body.append("<td>").append(esc(run.params().get(key))).append("</td>"));
      body.append("</tr>");
    }
    for (String key : comparison.metricKeys()) {
      boolean differs = comparison.differingMetrics().contains(key);
      if (onlyDifferences && !differs) {
        continue;
      }
      body.append("<tr").append(differs ? " class=\"differs\"" : "").append("><th>metrics.").append(esc(key)).append("</th>");
      comparison.runs().forEach(run -> {
        Double value = run.latestMetrics().get(key);
        body.append("<td>").append(value == null ? "" : esc(Html.number(value))).append("</td>");
      });
      body.append("</tr>");
    }
    body.append("</table><div class=\"charts\">");
    String labels = String.join(",", comparison.runs().stream().map(run -> run.name().replace(",", " ")).toList());
    for (String key : comparison.metricKeys()) {
      body.append("<figure><figcaption>").append(esc(key)).append("</figcaption><div class=\"chart\" data-runs=\"")
          .append(esc(String.join(",", ids))).append("\" data-labels=\"").append(esc(labels)).append("\" data-key=\"")
          .append(esc(key)).append("\"></div></figure>");
    }
    body.append("</div>");
    Page.send(ui, request, response, 200, "Compare " + ids.size() + " runs", "runs", body.toString());
  }
}
