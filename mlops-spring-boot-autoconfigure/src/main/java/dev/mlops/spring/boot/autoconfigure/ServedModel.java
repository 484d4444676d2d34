package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.Prediction;
import dev.mlops.api.registry.Tensor;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The bean of {@code mlops.models.<name>.ref}: a {@link ModelHandle} that exists from the start of
 * the context, so it can be injected, and delegates to the SDK's handle once {@link ModelWarmUp}
 * has loaded it (before the application reports ready). The SDK's handle does the hot swapping:
 * loaded from {@code model@alias}, it follows the alias (see {@code mlops.alias-poll-period}).
 * Thread-safe.
 */
final class ServedModel implements ModelHandle {
  /** Where the model stands, for health and {@code /actuator/mlops}. */
  enum State { LOADING, LOADED, FAILED, CLOSED }

  private final String name;
  private final ModelRef ref;
  private volatile @Nullable ModelHandle handle;
  private volatile State state = State.LOADING;
  private volatile @Nullable String failure;

  ServedModel(String name, ModelRef ref) {
    this.name = name;
    this.ref = ref;
  }

  String name() {
    return name;
  }

  /** The model's name in the registry (the part before {@code @} or {@code /}). */
  String model() {
    return ref.model();
  }

  State state() {
    return state;
  }

  Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** The version being served, once loaded. */
  Optional<ModelVersion> servedVersion() {
    ModelHandle current = handle;
    try {
      return current == null ? Optional.empty() : Optional.of(current.version());
    } catch (IllegalStateException closed) {
      return Optional.empty();
    }
  }

  /** Loads the model (the cold start: artifact check and ONNX Runtime session) unless already loaded. */
  synchronized void load(ModelRegistry registry) {
    if (handle != null || state == State.CLOSED) {
      return;
    }
    try {
      handle = registry.load(ref.text());
      state = State.LOADED;
    } catch (RuntimeException e) {
      failure = e.getMessage();
      state = State.FAILED;
      throw e;
    }
  }

  @Override
  public String reference() {
    return ref.text();
  }

  @Override
  public ModelVersion version() {
    return loaded().version();
  }

  @Override
  public Prediction predict(Map<String, Tensor> inputs) {
    return loaded().predict(inputs);
  }

  @Override
  public Prediction predict(Tensor input) {
    return loaded().predict(input);
  }

  private ModelHandle loaded() {
    ModelHandle current = handle;
    if (current == null) {
      throw new IllegalStateException("model '" + name + "' (" + ref.text() + ") is " + state.name().toLowerCase()
          + (failure != null ? ": " + failure : "") + "; models load before the application reports ready"
          + " (its readiness stays REFUSING_TRAFFIC until then)");
    }
    return current;
  }

  @Override
  public synchronized void close() {
    state = State.CLOSED;
    ModelHandle current = handle;
    handle = null;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public String toString() {
    return "ServedModel[" + name + " = " + ref.text() + ", " + state + "]";
  }
}
