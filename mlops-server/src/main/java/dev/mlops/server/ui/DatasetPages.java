package dev.mlops.server.ui;

import static dev.mlops.server.ui.Html.enc;
import static dev.mlops.server.ui.Html.esc;
import static dev.mlops.server.ui.Page.href;

import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.dataset.DatasetDiff;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.dataset.FileChange;
import dev.mlops.api.dataset.TableChange;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Datasets: the versions log, one version's files and column profiles, the diff of two versions. */
final class DatasetPages {
  static final int LOG_LIMIT = 200;

  private final UiContext ui;

  DatasetPages(UiContext ui) {
    this.ui = ui;
  }

  private DatasetStore datasets() {
    return ui.mlops().datasets();
  }

  static String link(WebRequest request, DatasetRef ref) {
    return "<a href=\"" + href(request, "/datasets/" + enc(ref.dataset()) + "/versions/" + enc(ref.versionId())) + "\">"
        + esc(ref.dataset()) + "@" + esc(Html.shortId(ref.versionId())) + "</a>";
  }

  void list(WebRequest request, WebResponse response) throws IOException {
    StringBuilder body = new StringBuilder("<table id=\"datasets\" class=\"grid\"><tr><th>dataset</th><th>main</th>"
        + "<th>committed</th><th>message</th></tr>");
    List<String> names = datasets().datasets();
    for (String name : names) {
      body.append("<tr><td><a href=\"").append(href(request, "/datasets/" + enc(name))).append("\">").append(esc(name))
          .append("</a></td>");
      try {
        DatasetVersion main = datasets().resolve(name);
        body.append("<td>").append(link(request, main.ref())).append("</td><td>").append(esc(Html.time(main.createdAt())))
            .append("</td><td>").append(esc(main.message())).append("</td>");
      } catch (dev.mlops.api.NotFoundException noMain) {
        body.append("<td colspan=\"3\">no main head</td>");
      }
      body.append("</tr>");
    }
    body.append("</table>");
    if (names.isEmpty()) {
      body.append("<p>No datasets committed.</p>");
    }
    Page.send(ui, request, response, 200, "Datasets", "datasets", body.toString());
  }

  /** {@code /datasets/{name}?ref=}: the log from a head or tag, newest first. */
  void log(WebRequest request, WebResponse response) throws IOException {
    String name = request.pathParameter("name");
    String from = RunPages.blankToNull(request.query("ref"));
    String reference = from == null ? name : name + "@" + from;
    List<DatasetVersion> versions;
    try (Stream<DatasetVersion> history = datasets().history(reference)) {
      versions = history.limit(LOG_LIMIT).toList();
    }
    StringBuilder body = new StringBuilder("<form method=\"get\" action=\"")
        .append(href(request, "/datasets/" + enc(name) + "/diff")).append("\">Diff <select name=\"from\">");
    for (int i = 0; i < versions.size(); i++) {
      String id = versions.get(i).ref().versionId();
      body.append("<option value=\"").append(esc(id)).append('"').append(i == 1 ? " selected" : "").append('>')
          .append(esc(Html.shortId(id))).append("</option>");
    }
    body.append("</select> &rarr; <select name=\"to\">");
    for (DatasetVersion version : versions) {
      body.append("<option value=\"").append(esc(version.ref().versionId())).append("\">")
          .append(esc(Html.shortId(version.ref().versionId()))).append("</option>");
    }
    body.append("</select> <button>Diff</button></form><table id=\"log\" class=\"grid\"><tr><th>version</th>"
        + "<th>committed</th><th>author</th><th>message</th><th>files</th><th>size</th><th>derived from</th></tr>");
    for (DatasetVersion version : versions) {
      body.append("<tr><td>").append(link(request, version.ref())).append(version.view().isPresent() ? " (view)" : "")
          .append("</td><td>").append(esc(Html.time(version.createdAt()))).append("</td><td>").append(esc(version.author()))
          .append("</td><td>").append(esc(version.message())).append("</td><td>").append(version.files().size())
          .append("</td><td>").append(Html.bytes(version.size())).append("</td><td>");
      version.derivedFrom().forEach(parent -> body.append(link(request, parent)).append(' '));
      body.append("</td></tr>");
    }
    body.append("</table>");
    if (versions.size() == LOG_LIMIT) {
      body.append("<p>The newest ").append(LOG_LIMIT).append(" versions are shown.</p>");
    }
    Page.send(ui, request, response, 200, "Dataset " + name, "datasets", body.toString());
  }

  void version(WebRequest request, WebResponse response) throws IOException {
    String name = request.pathParameter("name");
    DatasetVersion version = datasets().resolve(name + "@" + request.pathParameter("id"));
    StringBuilder body = new StringBuilder("<section><table class=\"facts\">");
    RunPages.fact(body, "id", esc(version.ref().versionId()));
    RunPages.fact(body, "dataset", "<a href=\"" + href(request, "/datasets/" + enc(name)) + "\">" + esc(name) + "</a>");
    RunPages.fact(body, "committed", esc(Html.time(version.createdAt())) + " by " + esc(version.author()));
    RunPages.fact(body, "message", esc(version.message()));
    version.parentId().ifPresent(parent -> RunPages.fact(body, "parent",
        link(request, new DatasetRef(name, parent)) + " · <a href=\"" + href(request, "/datasets/" + enc(name) + "/diff"
            + Html.query(Map.of("from", parent, "to", version.ref().versionId()))) + "\">diff</a>"));
    if (!version.derivedFrom().isEmpty()) {
      RunPages.fact(body, "derived from", String.join(" ", version.derivedFrom().stream()
          .map(ref -> link(request, ref)).toList()) + (version.transformation().isEmpty() ? ""
          : " by " + esc(version.transformation())));
    }
    version.view().ifPresent(view -> RunPages.fact(body, "view", "of " + link(request, view.base()) + ", columns "
        + esc(view.columns().isEmpty() ? "all" : String.join(", ", view.columns()))
        + view.where().map(where -> ", where " + esc(where)).orElse("")));
    body.append("</table></section>");
    RunPages.keyValues(body, "Metadata", "metadata", version.metadata());
    body.append("<section><h2>Files</h2><table id=\"files\" class=\"grid\"><tr><th>path</th><th>size</th><th>rows</th>"
        + "<th>sha256</th></tr>");
    for (DatasetFile file : version.files()) {
      body.append("<tr><td>").append(esc(file.path())).append("</td><td>").append(Html.bytes(file.size())).append("</td><td>")
          .append(file.rows().isPresent() ? Long.toString(file.rows().getAsLong()) : "").append("</td><td><small>")
          .append(esc(Html.shortId(file.sha256()))).append("</small></td></tr>");
    }
    body.append("</table></section>");
    for (DatasetFile file : version.files()) {
      if (!file.profiles().isEmpty()) {
        body.append("<section><h2>Profile of ").append(esc(file.path())).append("</h2><div class=\"profiles\">");
        file.profiles().forEach((column, profile) -> body.append(Profiles.card(column, profile)));
        body.append("</div></section>");
      }
    }
    Page.send(ui, request, response, 200, name + "@" + Html.shortId(version.ref().versionId()), "datasets",
        body.toString());
  }

  void diff(WebRequest request, WebResponse response) throws IOException {
    String name = request.pathParameter("name");
    String from = RunPages.blankToNull(request.query("from"));
    String to = RunPages.blankToNull(request.query("to"));
    if (from == null || to == null) {
      throw new IllegalArgumentException("a diff needs ?from=<version>&to=<version>; the dataset's log offers both");
    }
    DatasetDiff diff = datasets().diff(name + "@" + from, name + "@" + to);
    StringBuilder body = new StringBuilder("<p>").append(link(request, diff.from())).append(" &rarr; ")
        .append(link(request, diff.to())).append(": ").append(diff.added().size()).append(" added, ")
        .append(diff.removed().size()).append(" removed, ").append(diff.modified().size()).append(" modified, ")
        .append(diff.unchanged()).append(" unchanged</p><table id=\"diff\" class=\"grid\"><tr><th>path</th>"
            + "<th>before</th><th>after</th></tr>");
    for (FileChange change : diff.changes()) {
      body.append("<tr><td>").append(esc(change.path())).append("</td><td>")
          .append(change.fromSize().isPresent() ? Html.bytes(change.fromSize().getAsLong()) : "&mdash;").append("</td><td>")
          .append(change.toSize().isPresent() ? Html.bytes(change.toSize().getAsLong()) : "&mdash;").append("</td></tr>");
    }
    body.append("</table>");
    for (TableChange table : diff.tables()) {
      body.append("<section><h2>Table ").append(esc(table.path())).append("</h2><p>rows ")
          .append(table.fromRows().isPresent() ? table.fromRows().getAsLong() : "&mdash;").append(" &rarr; ")
          .append(table.toRows().isPresent() ? table.toRows().getAsLong() : "&mdash;");
      if (!table.addedColumns().isEmpty()) {
        body.append("; added columns ").append(esc(String.join(", ", table.addedColumns())));
      }
      if (!table.removedColumns().isEmpty()) {
        body.append("; removed columns ").append(esc(String.join(", ", table.removedColumns())));
      }
      if (!table.retypedColumns().isEmpty()) {
        body.append("; retyped columns ").append(esc(String.join(", ", table.retypedColumns())));
      }
      body.append("</p><table class=\"grid\"><tr><th>column</th><th>mean before</th><th>mean after</th>"
          + "<th>nulls before</th><th>nulls after</th></tr>");
      for (String column : table.toProfiles().keySet()) {
        ColumnProfile before = table.fromProfiles().get(column);
        ColumnProfile after = table.toProfiles().get(column);
        body.append("<tr><td>").append(esc(column)).append("</td><td>").append(Profiles.mean(before)).append("</td><td>")
            .append(Profiles.mean(after)).append("</td><td>").append(before == null ? "" : before.nulls())
            .append("</td><td>").append(after.nulls()).append("</td></tr>");
      }
      body.append("</table></section>");
    }
    Page.send(ui, request, response, 200, "Diff of " + name, "datasets", body.toString());
  }
}
