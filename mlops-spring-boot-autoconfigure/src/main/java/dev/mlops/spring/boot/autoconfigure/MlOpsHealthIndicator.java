package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.core.MlOps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health/mlops}: whether the store answers a listing, and each served model's
 * state and version (the version its next prediction runs on: a handle on an alias looks for moves
 * when predictions come in). DOWN when the store does not answer or a model failed to load,
 * OUT_OF_SERVICE while models load, UP otherwise. Read-only.
 */
final class MlOpsHealthIndicator implements HealthIndicator {
  private final MlOps mlops;
  private final ObjectProvider<ServedModel> models;

  MlOpsHealthIndicator(MlOps mlops, ObjectProvider<ServedModel> models) {
    this.mlops = mlops;
    this.models = models;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up().withDetail("store", mlops.store().uri().toString());
    boolean storeAnswers = true;
    try (Stream<?> refs = mlops.store().list("refs/")) {
      refs.findFirst(); // one listing call: the store answers
    } catch (RuntimeException e) {
      storeAnswers = false;
      health.withDetail("storeError", String.valueOf(e.getMessage()));
    }
    health.withDetail("storeReachable", storeAnswers);
    Map<String, Object> served = new LinkedHashMap<>();
    boolean loading = false;
    boolean failed = false;
    for (ServedModel model : models.orderedStream().toList()) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("reference", model.reference());
      detail.put("state", model.state().name());
      model.servedVersion().ifPresent(v -> detail.put("version", v.version()));
      model.failure().ifPresent(f -> detail.put("error", f));
      served.put(model.name(), detail);
      loading |= model.state() == ServedModel.State.LOADING;
      failed |= model.state() == ServedModel.State.FAILED || model.state() == ServedModel.State.CLOSED;
    }
    health.withDetail("models", served);
    if (!storeAnswers || failed) {
      return health.down().build();
    }
    return loading ? health.outOfService().build() : health.build();
  }
}
