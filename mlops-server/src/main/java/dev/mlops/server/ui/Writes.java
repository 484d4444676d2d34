package dev.mlops.server.ui;

import static dev.mlops.server.ui.Html.esc;

import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every write goes through: writes must be enabled, the user identified (a token's user or
 * the host's principal, recorded in the history as the actor), and the form must carry the CSRF
 * field of one of our pages.
 */
final class Writes {
  private Writes() {}

  /** The hidden fields of a write form for this browser and user. */
  static String formFields(UiContext ui, WebRequest request, WebResponse response) {
    return "<input type=\"hidden\" name=\"" + Csrf.FIELD + "\" value=\""
        + esc(ui.csrf().token(request, response, ui.user(request))) + "\">";
  }

  /** Tells whether write forms are shown on this request's pages. */
  static boolean offered(UiContext ui, WebRequest request) {
    return ui.writes() && ui.user(request) != null;
  }

  /**
   * Checks a posted write; on refusal sends the page that says why and returns null.
   *
   * @return the identified user, who is recorded as the actor
   */
  static @Nullable String authorize(UiContext ui, WebRequest request, WebResponse response, Map<String, String> form)
      throws IOException {
    if (!ui.writes()) {
      Page.error(ui, request, response, 403, "Read-only", "This UI is read-only; start it with --enable-writes"
          + " (or MlOpsWeb.builder(mlops).uiWrites(true)) to approve, reject or move aliases.");
      return null;
    }
    String user = ui.user(request);
    if (user == null) {
      Page.error(ui, request, response, 401, "Sign in first", "Writes are recorded with who made them: sign in"
          + " with the token (any user name, the token as password), or use the host's sign-in.");
      return null;
    }
    if (!ui.csrf().accepts(request, form.get(Csrf.FIELD), user)) {
      Page.error(ui, request, response, 403, "Form expired", "This form did not come from this UI's own page"
          + " (or the page is too old); reload the page and submit again.");
      return null;
    }
    return user;
  }

  /** {@code /login}: asks the browser for the token as basic auth's password, then goes back. */
  static void login(UiContext ui, WebRequest request, WebResponse response) throws IOException {
    if (ui.user(request) != null || !ui.authenticator().configured()) {
      UiHandler.redirect(request.mountPath() + "/runs", response);
      return;
    }
    response.header("WWW-Authenticate", "Basic realm=\"mlops ui\", charset=\"UTF-8\"");
    Page.error(ui, request, response, 401, "Sign in", "Sign in with any user name and the server's token as the"
        + " password; writes are recorded under the token's user.");
  }

  static String reason(Map<String, String> form, String fallback) {
    String reason = form.get("reason");
    return reason == null || reason.isBlank() ? fallback : reason.trim();
  }
}
