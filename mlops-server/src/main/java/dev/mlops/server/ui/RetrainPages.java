package dev.mlops.server.ui;

import static dev.mlops.server.ui.Html.enc;
import static dev.mlops.server.ui.Html.esc;
import static dev.mlops.server.ui.Page.href;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.retrain.RequestStatus;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.Retraining;
import dev.mlops.api.retrain.TriggerEvaluation;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Drift and retraining: the retrain requests awaiting a person, each recorded drift history
 * (monitor windows over time, {@link DriftPages}), and per policy the signals each decision saw
 * (drift scores, metric decay) charted over time with the decision log and its evidence. State in
 * the query string: {@code days}, {@code monitor}, {@code column}.
 */
final class RetrainPages {
  static final int LOG_LIMIT = 200;
  static final Duration DEFAULT_WINDOW = Duration.ofDays(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UiContext ui;
  private final DriftPages drift;

  RetrainPages(UiContext ui) {
    this.ui = ui;
    this.drift = new DriftPages(ui);
  }

  private Retraining retraining() {
    return ui.mlops().retraining();
  }

  /**
   * {@code /retraining?days=}: every policy's decisions over the last days (90 by default). A store
   * whose records all predate those days (a demo on historical data, a backfill, a monitor that
   * stopped) shows the days up to its newest record instead, and says so, rather than an empty page.
   */
  void page(WebRequest request, WebResponse response) throws IOException {
    int days = Numbers.intIn(request.query("days"), (int) DEFAULT_WINDOW.toDays(), 1, 36_500, "days");
    Instant now = ui.mlops().clock().instant();
    boolean writable = Writes.offered(ui, request);
    StringBuilder body = new StringBuilder();
    requests(request, response, writable, body);
    StringBuilder recorded = new StringBuilder();
    if (!recorded(request, days, now, "the last " + days + " days", recorded)) {
      Optional<Instant> newest = newest(request);
      if (newest.isPresent() && newest.get().isBefore(now.minus(Duration.ofDays(days)))) {
        String span = "the " + days + " days up to the newest record, " + Html.time(newest.get());
        body.append("<p id=\"window\" class=\"hint\">No drift window or retrain decision was recorded in the last ")
            .append(days).append(" days; this page shows ").append(esc(span)).append(".</p>");
        recorded.setLength(0);
        recorded(request, days, newest.get(), span, recorded);
      }
    }
    body.append(recorded);
    Page.send(ui, request, response, 200, "Drift & retraining", "retraining", body.toString());
  }

  /**
   * Appends the drift histories and the policies' decisions of the {@code days} up to {@code end}
   * (records stamped later, by another machine's clock, still show).
   *
   * @return whether any window or decision was shown
   */
  private boolean recorded(WebRequest request, int days, Instant end, String span, StringBuilder body) {
    Instant from = end.minus(Duration.ofDays(days));
    boolean shown = drift.histories(request, days, from, Instant.MAX, span, body);
    body.append("<h2>Retrain policies</h2>");
    List<String> policies = retraining().policies();
    if (policies.isEmpty()) {
      body.append("<p>No retrain policy has decided anything yet.</p>");
    }
    for (String policy : policies) {
      List<RetrainDecision> decisions = retraining().decisions(policy, from, Instant.MAX);
      body.append("<section class=\"policy\" data-policy=\"").append(esc(policy)).append("\"><h3>Policy ")
          .append(esc(policy)).append("</h3>");
      if (decisions.isEmpty()) {
        body.append("<p class=\"no-decisions\">No decision in ").append(esc(span)).append(".</p></section>");
        continue;
      }
      shown = true;
      signalsChart(policy, decisions, body);
      body.append("<table class=\"grid decisions\"><tr><th>#</th><th>at</th><th>outcome</th><th>evidence</th>"
          + "<th>new labelled rows</th><th>request</th></tr>");
      for (int i = decisions.size() - 1; i >= Math.max(0, decisions.size() - LOG_LIMIT); i--) {
        RetrainDecision decision = decisions.get(i);
        body.append("<tr><td>").append(decision.seq()).append("</td><td>").append(esc(Html.time(decision.at())))
            .append("</td><td>").append(outcome(decision)).append("</td><td>");
        for (TriggerEvaluation evaluation : decision.evidence()) {
          body.append(evaluation.active() ? "<b>" : "").append(esc(evaluation.trigger().signal())).append(' ')
              .append(esc(Html.number(evaluation.value()))).append(" (").append(esc(evaluation.trigger().comparison()))
              .append(' ').append(esc(Html.number(evaluation.trigger().enter()))).append(')')
              .append(evaluation.active() ? "</b>" : "").append("<br>");
        }
        body.append("</td><td>").append(decision.newLabelledRows()).append("</td><td>")
            .append(esc(decision.requestId().orElse(""))).append("</td></tr>");
      }
      body.append("</table></section>");
    }
    return shown;
  }

  /** The newest record the page could show: a shown drift history's or a policy's latest. */
  private Optional<Instant> newest(WebRequest request) {
    Optional<Instant> drifted = drift.newest(request);
    Optional<Instant> decided = retraining().policies().stream()
        .flatMap(policy -> retraining().lastDecision(policy).stream()).map(RetrainDecision::at)
        .max(Comparator.naturalOrder());
    return Stream.of(drifted, decided).flatMap(Optional::stream).max(Comparator.naturalOrder());
  }

  private static String outcome(RetrainDecision decision) {
    if (decision.fired()) {
      return "<span class=\"fail\">retrain" + decision.automation().map(a -> " (" + esc(a) + ")").orElse("") + "</span>";
    }
    return decision.suppressedBy().map(s -> "held back: " + esc(s)).orElse("no retrain");
  }

  /** One chart of every signal the policy's triggers watched, x in seconds since the epoch. */
  private static void signalsChart(String policy, List<RetrainDecision> decisions, StringBuilder body) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    List<Long> times = new ArrayList<>();
    for (RetrainDecision decision : decisions) {
      times.add(decision.at().getEpochSecond());
      for (TriggerEvaluation evaluation : decision.evidence()) {
        series.computeIfAbsent(evaluation.trigger().signal(), key -> new ArrayList<>());
      }
      for (Map.Entry<String, List<Double>> entry : series.entrySet()) {
        Double value = decision.evidence().stream().filter(e -> e.trigger().signal().equals(entry.getKey()))
            .map(TriggerEvaluation::value).findFirst().orElse(null);
        while (entry.getValue().size() < times.size() - 1) {
          entry.getValue().add(null);
        }
        entry.getValue().add(value);
      }
    }
    if (times.size() < 2 || series.isEmpty()) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("x", times);
    data.put("series", series);
    try {
      body.append("<figure><figcaption>signals of ").append(esc(policy)).append(" over time</figcaption>")
          .append("<div class=\"chart\" data-time=\"1\" data-series=\"").append(esc(JSON.writeValueAsString(data)))
          .append("\"></div></figure>");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("numbers and names always serialize", e);
    }
  }

  private void requests(WebRequest request, WebResponse response, boolean writable, StringBuilder body) {
    List<RetrainRequest> requests = retraining().requests();
    body.append("<section><h2>Retrain requests</h2>");
    if (requests.isEmpty()) {
      body.append("<p>None.</p></section>");
      return;
    }
    String fields = writable ? Writes.formFields(ui, request, response) : "";
    body.append("<table id=\"retrain-requests\" class=\"grid\"><tr><th>requested</th><th>policy</th><th>status</th>"
        + "<th>decided by</th><th>expires</th><th></th></tr>");
    for (RetrainRequest retrain : requests) {
      body.append("<tr data-request=\"").append(esc(retrain.id())).append("\"><td>").append(esc(Html.time(retrain.createdAt())))
          .append("</td><td>").append(esc(retrain.decision().policy())).append(" #").append(retrain.decision().seq())
          .append("</td><td class=\"status\">").append(esc(retrain.status())).append(retrain.executed() ? ", run" : "")
          .append("</td><td>").append(esc(retrain.decidedBy().orElse(""))).append(retrain.reason().map(r -> ": " + esc(r))
              .orElse("")).append("</td><td>").append(esc(Html.time(retrain.expiresAt()))).append("</td><td>");
      if (writable && retrain.status() == RequestStatus.PENDING) {
        String action = "/retraining/requests/" + enc(retrain.id()) + "/";
        body.append("<form class=\"write\" method=\"post\" action=\"").append(href(request, action + "approve")).append("\">")
            .append(fields).append("<input name=\"reason\" placeholder=\"reason\"><button class=\"approve\">Approve</button>")
            .append("</form><form class=\"write\" method=\"post\" action=\"").append(href(request, action + "reject"))
            .append("\">").append(fields).append("<input name=\"reason\" placeholder=\"reason\" required>")
            .append("<button class=\"reject\">Reject</button></form>");
      }
      body.append("</td></tr>");
    }
    body.append("</table></section>");
  }

  /** POST {@code /retraining/requests/{id}/approve|reject}. */
  void decide(WebRequest request, WebResponse response) throws IOException {
    Map<String, String> form = Forms.read(request);
    String user = Writes.authorize(ui, request, response, form);
    if (user == null) {
      return;
    }
    String id = request.pathParameter("id");
    switch (request.pathParameter("decision")) {
      case "approve" -> retraining().approve(id, user, Writes.reason(form, "approved in the web UI"));
      case "reject" -> retraining().reject(id, user, Writes.reason(form, "rejected in the web UI"));
      default -> throw new dev.mlops.api.NotFoundException("a request is approved or rejected, not '"
          + request.pathParameter("decision") + "'");
    }
    UiHandler.redirect(request.mountPath() + "/retraining", response);
  }
}
