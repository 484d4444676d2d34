package dev.mlops.server.mlflow;

import dev.mlops.api.ConflictException;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.experiment.FilterSyntaxException;
import dev.mlops.core.MlOps;
import dev.mlops.server.http.Authenticator;
import dev.mlops.server.http.Router;
import dev.mlops.server.http.WebHandler;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MLflow's REST API 2.0 over a store: experiments, runs, metric histories, the model registry and
 * the {@code mlflow-artifacts} proxy, at {@code /api/2.0/mlflow…} (and the UI's
 * {@code /ajax-api/2.0/mlflow…}). Runs logged by MLflow clients are our runs (their metrics in the
 * same columnar segments), registered versions are our versions, alias moves pass our gates.
 * Errors are MLflow's JSON ({@code error_code}, {@code message}) with its HTTP statuses. When the
 * authenticator has a token, every request must present it.
 *
 * <p>Mounted through {@code MlOpsWeb.builder(mlops).mlflowApi(true)}; thread-safe.
 */
public final class MlflowApi {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowApi.class);
  private static final String[] PREFIXES = {"/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/"};
  private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";

  private MlflowApi() {}

  /**
   * Tells whether a path is one of MLflow's.
   *
   * @param path the request's path below the mount point
   * @return true for {@code /api/2.0/mlflow…}, {@code /ajax-api/2.0/mlflow…} and the artifacts proxy
   */
  public static boolean owns(String path) {
    return path.startsWith("/api/2.0/mlflow") || path.startsWith("/ajax-api/2.0/mlflow");
  }

  /**
   * Creates the API over a store.
   *
   * @param mlops the store, owned by the caller; runs MLflow clients leave open are closed with it
   * @param authenticator who is asking; with a token configured, requests without it get 401
   * @return the handler
   */
  public static WebHandler create(MlOps mlops, Authenticator authenticator) {
    Objects.requireNonNull(mlops, "mlops");
    Objects.requireNonNull(authenticator, "authenticator");
    MetaStore meta = new MetaStore(mlops.store());
    Experiments experiments = new Experiments(meta, mlops.experiments(), mlops.clock());
    LiveRuns live = new LiveRuns(mlops.experiments());
    ExperimentApi experimentApi = new ExperimentApi(experiments);
    Runs runs = new Runs(mlops.experiments(), experiments, live, meta, mlops.clock());
    RunSearch search = new RunSearch(mlops.experiments(), experiments, live, meta);
    Router.Builder routes = Router.builder();
    mlflow(routes, "POST", "experiments/create", experimentApi::create);
    mlflow(routes, "GET", "experiments/get", experimentApi::get);
    mlflow(routes, "GET", "experiments/get-by-name", experimentApi::getByName);
    mlflow(routes, "POST", "experiments/delete", experimentApi::delete);
    mlflow(routes, "POST", "experiments/restore", experimentApi::restore);
    mlflow(routes, "POST", "experiments/update", experimentApi::update);
    mlflow(routes, "POST", "experiments/set-experiment-tag", experimentApi::setTag);
    mlflow(routes, "POST", "experiments/search", experimentApi::search);
    mlflow(routes, "GET", "experiments/search", experimentApi::search);
    mlflow(routes, "POST", "runs/create", runs::create);
    mlflow(routes, "GET", "runs/get", runs::get);
    mlflow(routes, "POST", "runs/update", runs::update);
    mlflow(routes, "POST", "runs/delete", runs::delete);
    mlflow(routes, "POST", "runs/restore", runs::restore);
    mlflow(routes, "POST", "runs/log-metric", runs::logMetric);
    mlflow(routes, "POST", "runs/log-parameter", runs::logParam);
    mlflow(routes, "POST", "runs/set-tag", runs::setTag);
    mlflow(routes, "POST", "runs/delete-tag", runs::deleteTag);
    mlflow(routes, "POST", "runs/log-batch", runs::logBatch);
    mlflow(routes, "POST", "runs/log-inputs", runs::logInputs);
    mlflow(routes, "POST", "runs/log-model", runs::logModel);
    mlflow(routes, "POST", "runs/search", search::search);
    mlflow(routes, "GET", "runs/search", search::search);
    mlflow(routes, "GET", "metrics/get-history", runs::history);
    Registry.routes(mlops, authenticator, experiments, meta, (method, path, handler) -> mlflow(routes, method, path, handler));
    Artifacts artifacts = new Artifacts(mlops.experiments(), live, experiments, meta);
    mlflow(routes, "GET", "artifacts/list", artifacts::listByRun);
    routes.get(ARTIFACTS, artifacts::list);
    routes.get(ARTIFACTS + "/{path...}", artifacts::download);
    routes.route("PUT", ARTIFACTS + "/{path...}", artifacts::upload);
    routes.route("DELETE", ARTIFACTS + "/{path...}", artifacts::delete);
    routes.fallback((request, response) -> {
      throw ApiError.endpointNotFound("No endpoint " + request.method() + " " + request.path() + " in this server's"
          + " MLflow API; docs/mlflow.md lists the supported endpoints");
    });
    Router router = routes.build();
    return (request, response) -> answer(authenticator, router, request, response);
  }

  private static void mlflow(Router.Builder routes, String method, String path, WebHandler handler) {
    for (String prefix : PREFIXES) {
      routes.route(method, prefix + path, handler);
    }
  }

  private static void answer(Authenticator authenticator, Router router, WebRequest request, WebResponse response)
      throws IOException {
    ApiError error;
    try {
      if (authenticator.configured() && authenticator.principal(request) == null) {
        throw ApiError.unauthenticated("You are not authenticated. Send the server's token as 'Authorization: Bearer"
            + " <token>' (MLFLOW_TRACKING_TOKEN) or as basic auth's password (MLFLOW_TRACKING_PASSWORD)");
      }
      router.handle(request, response);
      return;
    } catch (ApiError e) {
      error = e;
    } catch (NotFoundException e) {
      error = ApiError.notFound(e.getMessage());
    } catch (GateFailedException e) {
      error = ApiError.denied(e.getMessage());
    } catch (InvalidNameException | FilterSyntaxException | ConflictException | IllegalArgumentException e) {
      error = ApiError.invalid(e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("MLflow API request {} {} failed", request.method(), request.path(), e);
      error = ApiError.internal(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (!response.committed()) {
      Json.sendError(response, error);
    }
  }
}
