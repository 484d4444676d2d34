package dev.mlops.server.ui;

import dev.mlops.core.MlOps;
import dev.mlops.server.http.Authenticator;
import dev.mlops.server.http.WebHandler;

/** The web UI's pages. (Placeholder of the skeleton: the pages come with the UI's work.) */
public final class UiHandler {
  private UiHandler() {}

  /**
   * Creates the UI over a store.
   *
   * @param mlops the store
   * @param authenticator who is asking
   * @param writes whether identified users may approve, reject and move aliases
   * @return the handler
   */
  public static WebHandler create(MlOps mlops, Authenticator authenticator, boolean writes) {
    return (request, response) -> response.sendText(404, "text/plain", "the UI is not built yet: " + request.path());
  }
}
