package dev.mlops.server.ui;

import static dev.mlops.server.ui.Html.esc;

import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** The frame every page shares (navigation, styles, scripts) and the headers that keep it inert. */
final class Page {
  /**
   * Scripts only from our own origin, never inline: even a value that escaped escaping could not
   * run. Styles may be inline (uPlot sizes its canvas with style attributes).
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

  private static final String[][] NAV = {
      {"runs", "/runs", "Runs"}, {"models", "/models", "Models"}, {"datasets", "/datasets", "Datasets"},
      {"retraining", "/retraining", "Drift &amp; retraining"}};

  private Page() {}

  /** A link's URL below the mount point, escaped for an attribute. */
  static String href(WebRequest request, String pathAndQuery) {
    return esc(request.mountPath() + pathAndQuery);
  }

  static void send(UiContext ui, WebRequest request, WebResponse response, int status, String title, String section,
      String body) throws IOException {
    StringBuilder html = new StringBuilder(body.length() + 2048);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(esc(title)).append(" · mlops</title>")
        .append("<link rel=\"stylesheet\" href=\"").append(href(request, "/static/uPlot.min.css")).append("\">")
        .append("<link rel=\"stylesheet\" href=\"").append(href(request, "/static/ui.css")).append("\">")
        .append("<script src=\"").append(href(request, "/static/uPlot.iife.min.js")).append("\" defer></script>")
        .append("<script src=\"").append(href(request, "/static/ui.js")).append("\" defer></script>")
        .append("</head><body data-base=\"").append(esc(request.mountPath())).append("\"><header><nav>")
        .append("<a class=\"brand\" href=\"").append(href(request, "/runs")).append("\">mlops</a>");
    for (String[] item : NAV) {
      html.append("<a href=\"").append(href(request, item[1])).append('"')
          .append(item[0].equals(section) ? " class=\"active\"" : "").append('>').append(item[2]).append("</a>");
    }
    html.append("</nav><span class=\"who\">").append(identity(ui, request)).append("</span></header><main>")
        .append("<h1>").append(esc(title)).append("</h1>").append(body)
        .append("</main><footer>store ").append(esc(ui.storeUri())).append("</footer></body></html>");
    headers(response);
    response.send(status, "text/html; charset=utf-8", html.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String identity(UiContext ui, WebRequest request) {
    @Nullable String user = ui.user(request);
    if (!ui.writes()) {
      return "read-only";
    }
    if (user != null) {
      return "signed in as <b id=\"user\">" + esc(user) + "</b>";
    }
    return ui.authenticator().configured()
        ? "<a href=\"" + href(request, "/login") + "\">sign in</a> to approve or move aliases"
        : "writes need an identity: start with --token, or mount behind the host's authentication";
  }

  static void headers(WebResponse response) {
    response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "same-origin")
        .header("Cache-Control", "no-store");
  }

  /** An error page: the message names what was asked and what to do; never a stack trace. */
  static void error(UiContext ui, WebRequest request, WebResponse response, int status, String title, String message)
      throws IOException {
    send(ui, request, response, status, title, "", "<p class=\"error\" id=\"error\">" + esc(message) + "</p>"
        + "<p><a href=\"" + href(request, "/runs") + "\">Back to the runs</a></p>");
  }
}
