package dev.mlops.server.ui;

import static dev.mlops.server.ui.Html.enc;
import static dev.mlops.server.ui.Html.esc;
import static dev.mlops.server.ui.Page.href;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.registry.PromotionStatus;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Models: versions with lineage, aliases and their history, validation reports, promotion requests. */
final class ModelPages {
  private final UiContext ui;

  ModelPages(UiContext ui) {
    this.ui = ui;
  }

  private ModelRegistry registry() {
    return ui.mlops().models();
  }

  void list(WebRequest request, WebResponse response) throws IOException {
    StringBuilder body = new StringBuilder("<table id=\"models\" class=\"grid\"><tr><th>model</th><th>versions</th>"
        + "<th>aliases</th><th>pending requests</th></tr>");
    List<String> models = registry().models();
    for (String model : models) {
      long pending = registry().promotions(model).stream().filter(p -> p.status() == PromotionStatus.PENDING).count();
      body.append("<tr><td><a href=\"").append(href(request, "/models/" + enc(model))).append("\">").append(esc(model))
          .append("</a></td><td>").append(registry().versions(model).size()).append("</td><td>");
      registry().aliases(model).forEach((alias, version) -> body.append("<span class=\"alias\">").append(esc(alias))
          .append(" &rarr; v").append(version).append("</span> "));
      body.append("</td><td>").append(pending).append("</td></tr>");
    }
    body.append("</table>");
    if (models.isEmpty()) {
      body.append("<p>No models registered.</p>");
    }
    Page.send(ui, request, response, 200, "Models", "models", body.toString());
  }

  void model(WebRequest request, WebResponse response) throws IOException {
    String model = request.pathParameter("name");
    if (!registry().models().contains(model)) {
      throw new NotFoundException("no model is named '" + model + "'; the models page lists them");
    }
    Map<String, Integer> aliases = registry().aliases(model);
    Map<String, AliasPolicy> policies = registry().policies(model);
    List<ModelVersion> versions = registry().versions(model);
    boolean writable = Writes.offered(ui, request);
    String fields = writable ? Writes.formFields(ui, request, response) : "";
    String base = "/models/" + enc(model);

    StringBuilder body = new StringBuilder("<section><h2>Aliases</h2><table id=\"aliases\" class=\"grid\">"
        + "<tr><th>alias</th><th>version</th><th>protection</th></tr>");
    TreeSet<String> aliasNames = new TreeSet<>(aliases.keySet());
    aliasNames.addAll(policies.keySet());
    for (String alias : aliasNames) {
      AliasPolicy policy = policies.get(alias);
      Integer version = aliases.get(alias);
      body.append("<tr><td>").append(esc(alias)).append("</td><td class=\"alias-version\" data-alias=\"").append(esc(alias))
          .append("\">").append(version == null ? "&mdash;" : "v" + version).append("</td><td>")
          .append(policy == null ? "moves freely" : esc("protected: " + (policy.requireGate() ? "gate, " : "")
              + policy.approvals() + " approval(s), requests expire after " + policy.expiry()))
          .append("</td></tr>");
    }
    body.append("</table>");
    if (writable) {
      body.append("<form id=\"move-alias\" class=\"write\" method=\"post\" action=\"").append(href(request, base + "/aliases"))
          .append("\">").append(fields).append("<label>Alias <input name=\"alias\" required></label> <label>to version ")
          .append("<select name=\"version\">");
      for (ModelVersion version : versions) {
        body.append("<option>").append(version.version()).append("</option>");
      }
      body.append("</select></label> <label>Reason <input name=\"reason\"></label> <button>Move</button>"
          + "<p class=\"hint\">A protected alias is not moved directly: this files a promotion request, which runs"
          + " the alias's gate and waits for its approvals.</p></form>");
    }
    body.append("</section>");

    timeline(request, model, aliasNames, body);
    promotions(request, response, model, writable, fields, body);

    body.append("<section><h2>Versions</h2><table id=\"versions\" class=\"grid\"><tr><th>version</th><th>created</th>"
        + "<th>format</th><th>metrics</th><th>lineage</th><th>validation</th><th>description</th></tr>");
    for (int i = versions.size() - 1; i >= 0; i--) {
      ModelVersion version = versions.get(i);
      body.append("<tr><td>v").append(version.version()).append("</td><td>").append(esc(Html.time(version.createdAt())))
          .append("</td><td>").append(esc(version.format())).append("</td><td>");
      new TreeSet<>(version.metrics().keySet()).forEach(key -> body.append(esc(key)).append('=')
          .append(esc(Html.number(version.metrics().get(key)))).append("<br>"));
      body.append("</td><td>");
      version.lineage().runId().ifPresent(run -> body.append("run <a href=\"").append(href(request, "/runs/" + enc(run)))
          .append("\">").append(esc(Html.shortId(run))).append("</a><br>"));
      for (DatasetRef dataset : version.lineage().datasets()) {
        body.append(DatasetPages.link(request, dataset)).append("<br>");
      }
      version.lineage().codeVersion().ifPresent(code -> body.append("code ").append(esc(code)));
      body.append("</td><td>");
      for (String id : ui.mlops().validator().reportsFor(model + "/" + version.version())) {
        ValidationReport report = ui.mlops().validator().report(id);
        body.append("<a class=\"").append(report.passed() ? "pass" : "fail").append("\" href=\"")
            .append(href(request, base + "/reports/" + enc(id))).append("\">")
            .append(esc(report.suite())).append(": ").append(report.passed() ? "passed" : "failed").append("</a> ")
            .append(esc(report.checks().stream().filter(c -> !c.passed()).count())).append(" of ")
            .append(report.checks().size()).append(" checks failed, ").append(esc(Html.time(report.createdAt())))
            .append("<br>");
      }
      body.append("</td><td>").append(esc(version.description())).append("</td></tr>");
    }
    body.append("</table></section>");
    Page.send(ui, request, response, 200, "Model " + model, "models", body.toString());
  }

  /** Every alias move, newest first, and "what did this alias point to at time T". */
  private void timeline(WebRequest request, String model, TreeSet<String> aliases, StringBuilder body) {
    body.append("<section><h2>Alias history</h2>");
    String at = RunPages.blankToNull(request.query("at"));
    String asked = RunPages.blankToNull(request.query("alias"));
    body.append("<form method=\"get\" action=\"").append(href(request, "/models/" + enc(model)))
        .append("\">What was <select name=\"alias\">");
    for (String alias : aliases) {
      body.append("<option").append(alias.equals(asked) ? " selected" : "").append('>').append(esc(alias)).append("</option>");
    }
    body.append("</select> at <input name=\"at\" size=\"24\" placeholder=\"2026-01-31T12:00:00Z\" value=\"").append(esc(at))
        .append("\"> <button>Ask</button></form>");
    if (at != null && asked != null) {
      Instant time;
      try {
        time = Instant.parse(at);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'at' is an ISO-8601 instant such as 2026-01-31T12:00:00Z, not '" + at + "'");
      }
      Optional<ModelVersion> then = registry().aliasAt(model, asked, time);
      body.append("<p id=\"alias-at\">").append(esc(asked)).append(" at ").append(esc(Html.time(time))).append(": ")
          .append(then.map(v -> "v" + v.version()).orElse("pointed nowhere")).append("</p>");
    }
    List<AliasMove> moves = new ArrayList<>();
    for (String alias : aliases) {
      moves.addAll(registry().aliasHistory(model, alias));
    }
    moves.sort(Comparator.comparing(AliasMove::at).reversed());
    body.append("<ol id=\"timeline\" class=\"timeline\">");
    for (AliasMove move : moves) {
      body.append("<li><time>").append(esc(Html.time(move.at()))).append("</time> <b>").append(esc(move.alias()))
          .append("</b> ").append(move.from().isPresent() ? "v" + move.from().getAsInt() : "&mdash;").append(" &rarr; ")
          .append(move.to().isPresent() ? "v" + move.to().getAsInt() : "&mdash;").append(" by <span class=\"actor\">")
          .append(esc(move.actor())).append("</span>");
      if (move.gate().isPresent()) {
        body.append(" (gate v").append(move.gate().getAsInt()).append(')');
      }
      body.append(move.reason().isEmpty() ? "" : ": " + esc(move.reason())).append("</li>");
    }
    body.append("</ol>");
    if (moves.isEmpty()) {
      body.append("<p>No alias has moved yet.</p>");
    }
    body.append("</section>");
  }

  private void promotions(WebRequest request, WebResponse response, String model, boolean writable, String fields,
      StringBuilder body) {
    List<PromotionRequest> requests = new ArrayList<>(registry().promotions(model));
    body.append("<section><h2>Promotion requests</h2>");
    if (requests.isEmpty()) {
      body.append("<p>None.</p></section>");
      return;
    }
    body.append("<table id=\"promotions\" class=\"grid\"><tr><th>requested</th><th>move</th><th>by</th><th>status</th>"
        + "<th>approvers</th><th>gate</th><th></th></tr>");
    for (int i = requests.size() - 1; i >= 0; i--) {
      PromotionRequest promotion = requests.get(i);
      body.append("<tr data-request=\"").append(esc(promotion.id())).append("\"><td>")
          .append(esc(Html.time(promotion.createdAt()))).append("</td><td>").append(esc(promotion.alias()))
          .append(" &rarr; v").append(promotion.version()).append("<br><small>").append(esc(promotion.reason()))
          .append("</small></td><td>").append(esc(promotion.requester())).append("</td><td class=\"status\">")
          .append(esc(promotion.status())).append("</td><td>").append(esc(String.join(", ", promotion.approvers())))
          .append("</td><td>").append(promotion.gate().isPresent() ? "v" + promotion.gate().getAsInt() : "")
          .append(esc(String.join("; ", promotion.gateReasons()))).append("</td><td>");
      if (writable && promotion.status() == PromotionStatus.PENDING) {
        String action = "/models/" + enc(model) + "/promotions/" + enc(promotion.id()) + "/";
        body.append("<form class=\"write\" method=\"post\" action=\"").append(href(request, action + "approve")).append("\">")
            .append(fields).append("<button class=\"approve\">Approve</button></form>")
            .append("<form class=\"write\" method=\"post\" action=\"").append(href(request, action + "reject")).append("\">")
            .append(fields).append("<input name=\"reason\" placeholder=\"reason\" required>")
            .append("<button class=\"reject\">Reject</button></form>");
      }
      body.append("</td></tr>");
    }
    body.append("</table></section>");
  }

  /** {@code /models/{name}/reports/{id}}: a validation report as the validator renders it (no script in it). */
  void report(WebRequest request, WebResponse response) throws IOException {
    String model = request.pathParameter("name");
    ValidationReport report = ui.mlops().validator().report(request.pathParameter("id"));
    if (!report.model().map(reference -> reference.startsWith(model + "/")).orElse(false)) {
      throw new NotFoundException("model '" + model + "' has no validation report '" + report.id() + "'");
    }
    Page.headers(response);
    response.sendText(200, "text/html", ui.mlops().validator().toHtml(report));
  }

  /** POST {@code /models/{name}/aliases}: a free alias moves; a protected one gets a promotion request (its gate runs). */
  void moveAlias(WebRequest request, WebResponse response) throws IOException {
    Map<String, String> form = Forms.read(request);
    String user = Writes.authorize(ui, request, response, form);
    if (user == null) {
      return;
    }
    String model = request.pathParameter("name");
    String alias = RunPages.blankToNull(form.get("alias"));
    if (alias == null) {
      throw new IllegalArgumentException("name the alias to move");
    }
    int version = Numbers.intIn(form.get("version"), -1, 1, Integer.MAX_VALUE, "version");
    String reason = Writes.reason(form, "moved in the web UI");
    if (registry().policies(model).containsKey(alias)) {
      registry().requestPromotion(model, alias, version, user, reason);
    } else {
      registry().moveAliases(model, Map.of(alias, version), user, reason);
    }
    UiHandler.redirect(request.mountPath() + "/models/" + enc(model), response);
  }

  /** POST {@code /models/{name}/promotions/{id}/approve|reject}. */
  void decide(WebRequest request, WebResponse response) throws IOException {
    Map<String, String> form = Forms.read(request);
    String user = Writes.authorize(ui, request, response, form);
    if (user == null) {
      return;
    }
    String model = request.pathParameter("name");
    String id = request.pathParameter("id");
    PromotionRequest promotion = registry().promotion(id);
    if (!promotion.model().equals(model)) {
      throw new NotFoundException("model '" + model + "' has no promotion request '" + id + "'");
    }
    switch (request.pathParameter("decision")) {
      case "approve" -> registry().approve(id, user);
      case "reject" -> registry().reject(id, user, Writes.reason(form, "rejected in the web UI"));
      default -> throw new NotFoundException("a request is approved or rejected, not '"
          + request.pathParameter("decision") + "'");
    }
    UiHandler.redirect(request.mountPath() + "/models/" + enc(model), response);
  }
}
