package dev.mlops.server.ui;

import dev.mlops.core.MlOps;
import dev.mlops.server.http.Authenticator;
import dev.mlops.server.http.WebRequest;
import org.jspecify.annotations.Nullable;

/** What every page needs: the store, who is asking, whether writes are on, and the CSRF guard. */
record UiContext(MlOps mlops, Authenticator authenticator, boolean writes, Csrf csrf) {
  @Nullable String user(WebRequest request) {
    return authenticator.principal(request);
  }

  String storeUri() {
    return mlops.store().uri().toString();
  }
}
