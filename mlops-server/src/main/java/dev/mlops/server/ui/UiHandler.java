package dev.mlops.server.ui;

import dev.mlops.api.ConflictException;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.experiment.FilterSyntaxException;
import dev.mlops.core.MlOps;
import dev.mlops.server.http.Authenticator;
import dev.mlops.server.http.Router;
import dev.mlops.server.http.WebHandler;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI: server-rendered pages over the store's public API (runs, compare, models,
 * datasets, drift and retraining), a JSON endpoint for downsampled metric series, and the chart
 * library served from this jar so pages work offline. Every page keeps its state in its URL.
 */
public final class UiHandler {
  private static final Logger LOG = LoggerFactory.getLogger(UiHandler.class);

  private UiHandler() {}

  /**
   * Creates the UI over a store.
   *
   * @param mlops the store, owned by the caller
   * @param authenticator who is asking (a token's user or the host's principal)
   * @param writes whether identified users may approve, reject and move aliases (through the gate)
   * @return the handler; thread-safe
   */
  public static WebHandler create(MlOps mlops, Authenticator authenticator, boolean writes) {
    Objects.requireNonNull(mlops, "mlops");
    Objects.requireNonNull(authenticator, "authenticator");
    UiContext ui = new UiContext(mlops, authenticator, writes, new Csrf());
    RunPages runs = new RunPages(ui);
    ComparePage compare = new ComparePage(ui);
    ModelPages models = new ModelPages(ui);
    DatasetPages datasets = new DatasetPages(ui);
    RetrainPages retraining = new RetrainPages(ui);
    Router router = Router.builder()
        .get("/", (request, response) -> redirect(request.mountPath() + "/runs", response))
        .get("/runs", guarded(ui, runs::list))
        .get("/runs/{id}", guarded(ui, runs::run))
        .get("/runs/{id}/artifacts/{path...}", guarded(ui, runs::artifact))
        .get("/runs/{id}/preview/{path...}", guarded(ui, runs::preview))
        .get("/compare", guarded(ui, compare::compare))
        .get("/api/metric", guarded(ui, runs::metricJson))
        .get("/models", guarded(ui, models::list))
        .get("/models/{name}", guarded(ui, models::model))
        .get("/models/{name}/reports/{id}", guarded(ui, models::report))
        .post("/models/{name}/aliases", guarded(ui, models::moveAlias))
        .post("/models/{name}/promotions/{id}/{decision}", guarded(ui, models::decide))
        .get("/datasets", guarded(ui, datasets::list))
        .get("/datasets/{name}", guarded(ui, datasets::log))
        .get("/datasets/{name}/versions/{id}", guarded(ui, datasets::version))
        .get("/datasets/{name}/diff", guarded(ui, datasets::diff))
        .get("/retraining", guarded(ui, retraining::page))
        .post("/retraining/requests/{id}/{decision}", guarded(ui, retraining::decide))
        .get("/login", guarded(ui, (request, response) -> Writes.login(ui, request, response)))
        .get("/static/{name}", Assets::serve)
        .fallback((request, response) -> Page.error(ui, request, response, 404, "Not found",
            "Nothing is at " + request.path() + "."))
        .build();
    return router;
  }

  static void redirect(String location, dev.mlops.server.http.WebResponse response) throws java.io.IOException {
    response.header("Location", location).send(303, "text/plain", new byte[0]);
  }

  /**
   * Turns the API's exceptions into pages: unknown ids a 404, bad input a 400 naming the input,
   * an unreachable store a 503 that says so (the server keeps serving), anything else a 500 whose
   * details stay in the log.
   */
  private static WebHandler guarded(UiContext ui, WebHandler page) {
    return (request, response) -> {
      try {
        page.handle(request, response);
      } catch (NotFoundException e) {
        fail(ui, request, response, 404, "Not found", e.getMessage());
      } catch (FilterSyntaxException | InvalidNameException | IllegalArgumentException e) {
        fail(ui, request, response, 400, "Bad request", e.getMessage());
      } catch (GateFailedException e) {
        fail(ui, request, response, 409, "Refused by the gate", e.getMessage());
      } catch (ConflictException e) {
        fail(ui, request, response, 409, "Conflict", e.getMessage());
      } catch (StorageUnavailableException e) {
        LOG.warn("store unreachable while serving {}", request.path(), e);
        fail(ui, request, response, 503, "Store unreachable", "The store " + ui.storeUri()
            + " cannot be reached right now (" + e.getMessage() + "). Check the network or the store's"
            + " credentials, then reload this page.");
      } catch (RuntimeException e) {
        LOG.error("the UI failed on {}", request.path(), e);
        fail(ui, request, response, 500, "Internal error",
            "The page could not be made; the server's log has the details.");
      }
    };
  }

  private static void fail(UiContext ui, dev.mlops.server.http.WebRequest request,
      dev.mlops.server.http.WebResponse response, int status, String title, String message) throws java.io.IOException {
    if (response.committed()) {
      return;  // a download broke off halfway: the client sees a truncated body, nothing more to send
    }
    Page.error(ui, request, response, status, title, message == null ? title : message);
  }
}
