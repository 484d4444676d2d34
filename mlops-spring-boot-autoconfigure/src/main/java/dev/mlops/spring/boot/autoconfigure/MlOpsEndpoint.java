package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftWindow;
import dev.mlops.api.retrain.RequestStatus;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.core.MlOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/mlops}, read-only: the served models with the versions they serve and every
 * alias of their models, each drift monitor's latest window, and the retrain requests waiting for
 * a person. Reads the store on each call; for operators, not for the request path.
 */
@Endpoint(id = "mlops")
public class MlOpsEndpoint {
  private final MlOps mlops;
  private final ObjectProvider<ServedModel> models;
  private final Supplier<Map<String, DriftMonitor>> monitors;

  MlOpsEndpoint(MlOps mlops, ObjectProvider<ServedModel> models, Supplier<Map<String, DriftMonitor>> monitors) {
    this.mlops = mlops;
    this.models = models;
    this.monitors = monitors;
  }

  /**
   * Returns the report.
   *
   * @return served models, drift monitors and pending retrain requests
   */
  @ReadOperation
  public Report report() {
    List<Served> served = models.orderedStream().map(m -> new Served(m.name(), m.reference(), m.state().name(),
        m.servedVersion().map(v -> v.version()).orElse(null), aliases(m.model()))).toList();
    List<Monitor> drift = new ArrayList<>();
    monitors.get().forEach((bean, monitor) -> drift.add(new Monitor(
        bean.startsWith(MlOpsBeanRegistrar.DRIFT_BEAN_PREFIX) ? bean.substring(MlOpsBeanRegistrar.DRIFT_BEAN_PREFIX.length()) : bean,
        monitor.lastWindow().map(MlOpsEndpoint::window).orElse(null))));
    List<PendingRequest> pending = mlops.retraining().requests().stream()
        .filter(r -> r.status() == RequestStatus.PENDING).map(MlOpsEndpoint::pending).toList();
    return new Report(mlops.store().uri().toString(), served, drift, pending);
  }

  private Map<String, Integer> aliases(String model) {
    try {
      return mlops.models().aliases(model);
    } catch (dev.mlops.api.NotFoundException e) {
      return Map.of(); // a model that failed to load because the store lacks it
    }
  }

  private static Window window(DriftWindow w) {
    return new Window(w.sequence(), w.closedAt().toString(), w.observations(), w.report().datasetDrift(),
        w.report().driftedShare(), w.report().columns().stream().map(MlOpsEndpoint::column).toList());
  }

  private static Column column(ColumnDrift c) {
    return new Column(c.column(), c.method().name(), c.statistic(), c.threshold(), c.drifted());
  }

  private static PendingRequest pending(RetrainRequest r) {
    return new PendingRequest(r.id(), r.decision().policy(), r.createdAt().toString(), r.expiresAt().toString());
  }

  /**
   * The endpoint's answer.
   *
   * @param store the store's URI
   * @param models the served models
   * @param drift the drift monitors
   * @param pendingRetrainRequests retrain requests waiting for approval
   */
  public record Report(String store, List<Served> models, List<Monitor> drift, List<PendingRequest> pendingRetrainRequests) {}

  /**
   * A served model.
   *
   * @param name its qualifier ({@code mlops.models.<name>})
   * @param reference what it serves
   * @param state LOADING, LOADED, FAILED or CLOSED
   * @param version the version it serves, once loaded
   * @param aliases every alias of the model and its version
   */
  public record Served(String name, String reference, String state, @Nullable Integer version, Map<String, Integer> aliases) {}

  /**
   * A drift monitor.
   *
   * @param name its qualifier ({@code mlops.drift.<name>})
   * @param lastWindow its latest evaluated window, or null before the first
   */
  public record Monitor(String name, @Nullable Window lastWindow) {}

  /**
   * A drift window.
   *
   * @param sequence its number
   * @param closedAt when it closed (ISO-8601)
   * @param observations rows in it
   * @param datasetDrift whether the dataset drifted
   * @param driftedShare the share of drifted columns
   * @param columns per-column results
   */
  public record Window(long sequence, String closedAt, long observations, boolean datasetDrift, double driftedShare,
      List<Column> columns) {}

  /**
   * One column's result.
   *
   * @param column the column
   * @param method the test or distance
   * @param statistic its value
   * @param threshold the threshold
   * @param drifted whether it drifted
   */
  public record Column(String column, String method, double statistic, double threshold, boolean drifted) {}

  /**
   * A retrain request waiting for a person.
   *
   * @param id its id
   * @param policy the policy that asked
   * @param createdAt when (ISO-8601)
   * @param expiresAt when it expires (ISO-8601)
   */
  public record PendingRequest(String id, String policy, String createdAt, String expiresAt) {}
}
