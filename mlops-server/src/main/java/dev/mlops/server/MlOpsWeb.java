package dev.mlops.server;

import dev.mlops.core.MlOps;
import dev.mlops.server.http.Authenticator;
import dev.mlops.server.http.WebHandler;
import dev.mlops.server.mlflow.MlflowApi;
import dev.mlops.server.ui.UiHandler;
import java.util.Objects;

/**
 * The one handler a host mounts, or {@code mlops ui} / {@code mlops server} serve: the web UI
 * and, when enabled, MLflow's REST API (paths {@code /api/2.0/mlflow…},
 * {@code /ajax-api/2.0/mlflow…}, and the {@code mlflow-artifacts} proxy), all reading and writing
 * the store through the host's {@link MlOps}.
 *
 * <pre>{@code
 * WebHandler web = MlOpsWeb.builder(mlops).build();             // the UI, read-only
 * server.createContext("/mlops", JdkHttpAdapter.of("/mlops", web));
 * }</pre>
 */
public final class MlOpsWeb {
  private MlOpsWeb() {}

  /**
   * Starts describing the handler over a store.
   *
   * @param mlops the store, owned (and closed) by the caller
   * @return a builder for the UI alone, read-only, no token
   */
  public static Builder builder(MlOps mlops) {
    return new Builder(mlops);
  }

  /** Describes the handler. */
  public static final class Builder {
    private final MlOps mlops;
    private Authenticator authenticator = Authenticator.none();
    private boolean uiWrites;
    private boolean mlflowApi;

    private Builder(MlOps mlops) {
      this.mlops = Objects.requireNonNull(mlops, "mlops");
    }

    /**
     * Sets who may do what: requests with the token (or the host's principal) are identified.
     *
     * @param authenticator the authenticator
     * @return this builder
     */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      return this;
    }

    /**
     * Lets identified users approve or reject requests and move aliases (through the gate) from
     * the UI. Off by default.
     *
     * @param enabled true to allow writes
     * @return this builder
     */
    public Builder uiWrites(boolean enabled) {
      this.uiWrites = enabled;
      return this;
    }

    /**
     * Serves MLflow's REST API beside the UI. Off by default.
     *
     * @param enabled true to serve it
     * @return this builder
     */
    public Builder mlflowApi(boolean enabled) {
      this.mlflowApi = enabled;
      return this;
    }

    /**
     * Builds the handler.
     *
     * @return the handler
     */
    public WebHandler build() {
      WebHandler ui = UiHandler.create(mlops, authenticator, uiWrites);
      if (!mlflowApi) {
        return ui;
      }
      WebHandler api = MlflowApi.create(mlops, authenticator);
      return (request, response) -> {
        if (MlflowApi.owns(request.path())) {
          api.handle(request, response);
        } else {
          ui.handle(request, response);
        }
      };
    }
  }
}
