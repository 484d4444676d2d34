package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.core.MlOps;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

/**
 * Loads the served models before the application reports ready. Spring Boot runs application
 * runners after the web server has started and before it publishes {@code ACCEPTING_TRAFFIC}, so
 * while models load the server answers and its readiness probe says {@code OUT_OF_SERVICE}; the
 * first request after that finds a warm session. Runs first among the runners, so the
 * application's own runners can predict.
 */
final class ModelWarmUp implements ApplicationRunner, Ordered {
  private final MlOps mlops;
  private final List<ServedModel> models;

  ModelWarmUp(MlOps mlops, List<ServedModel> models) {
    this.mlops = mlops;
    this.models = models;
  }

  @Override
  public void run(ApplicationArguments args) {
    ModelRegistry registry = mlops.models();
    for (ServedModel model : models) {
      String property = MlOpsBeanRegistrar.MODEL_BEAN_PREFIX + model.name() + ".ref";
      try {
        model.load(registry);
      } catch (NotFoundException e) {
        throw new MlOpsPropertyException(property, model.reference(), e.getMessage(),
            "Register the model and point the alias in " + mlops.store().uri() + ", or set " + property
                + " to one it has; its models: " + registry.models() + ".", e);
      } catch (MlOpsException | IllegalArgumentException e) {
        throw new MlOpsPropertyException(property, model.reference(), e.getMessage(),
            "Set " + property + " to an ONNX model version of this store.", e);
      }
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
