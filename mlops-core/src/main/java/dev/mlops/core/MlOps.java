package dev.mlops.core;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.validation.Validator;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.registry.ServingSettings;
import dev.mlops.core.internal.storage.StorageProviders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of the SDK: one store, and the six concerns working on it.
 *
 * <pre>{@code
 * try (MlOps mlops = MlOps.open()) {            // $MLOPS_STORE, else ./.mlops
 *   System.out.println(mlops.inspector().info());
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes what this instance opened itself (a store opened from a
 * URI, its default executor) and leaves alone what the host passed in.
 */
public final class MlOps implements AutoCloseable {
  /** The environment variable naming the default store's URI or directory. */
  public static final String STORE_ENV = "MLOPS_STORE";

  /** The default store's directory when {@value #STORE_ENV} is not set, relative to the working directory. */
  public static final String DEFAULT_DIRECTORY = ".mlops";

  /** The default bound on the model files whose ONNX Runtime sessions stay cached: 1 GiB. */
  public static final long DEFAULT_MODEL_CACHE_BYTES = ServingSettings.DEFAULT_CACHE_BYTES;

  /** The default period at which alias-following model handles look for moves made elsewhere: 5 seconds. */
  public static final Duration DEFAULT_ALIAS_POLL_PERIOD = ServingSettings.DEFAULT_POLL_PERIOD;

  /**
   * The system property that bounds the session cache, in bytes, when the builder sets no
   * {@link Builder#modelCacheBytes(long)} (for hosts that cannot change code, such as the CLI).
   */
  public static final String MODEL_CACHE_BYTES_PROPERTY = ServingSettings.CACHE_BYTES_PROPERTY;

  /**
   * The system property that sets the alias poll period (ISO-8601, such as {@code PT1S}) when the
   * builder sets no {@link Builder#aliasPollPeriod(Duration)}.
   */
  public static final String ALIAS_POLL_PERIOD_PROPERTY = ServingSettings.POLL_PERIOD_PROPERTY;

  private final ObjectStore store;
  private final boolean ownsStore;
  private final MeterRegistry meterRegistry;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final Clock clock;
  private final ServingSettings serving;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MlOps(Builder builder, ServingSettings serving, ObjectStore store, boolean ownsStore) {
    this.serving = serving;
    this.store = store;
    this.ownsStore = ownsStore;
    this.meterRegistry = builder.meterRegistry != null ? builder.meterRegistry : new CompositeMeterRegistry();
    this.ownsExecutor = builder.executor == null;
    this.executor = ownsExecutor ? newDefaultExecutor() : builder.executor;
    this.clock = builder.clock != null ? builder.clock : Clock.systemUTC();
  }

  /**
   * Opens the embedded default store: the URI or directory in {@code $MLOPS_STORE} if set, else
   * {@code ./.mlops}.
   *
   * @return the SDK on the default store
   */
  public static MlOps open() {
    return open(defaultStoreUri(System.getenv()));
  }

  /**
   * Opens the store a URI names ({@code file:/data/mlops}, {@code s3://bucket/prefix},
   * {@code mem:name}), found by scheme among the storage modules on the class path.
   *
   * @param uri the store's URI
   * @return the SDK on that store
   * @throws IllegalArgumentException if no storage module serves the scheme
   */
  public static MlOps open(URI uri) {
    return builder().uri(uri).build();
  }

  /**
   * Opens a store in a local directory, creating it if needed (needs {@code mlops-storage-fs}).
   *
   * @param directory the store's directory
   * @return the SDK on that store
   */
  public static MlOps local(Path directory) {
    return open(directory.toAbsolutePath().normalize().toUri());
  }

  /**
   * Returns a builder for full control over the store, metrics, executor, clock and model serving.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Resolves the default store's URI from an environment: {@value #STORE_ENV} as a URI when it has
   * a scheme, else as a directory; {@code ./.mlops} when unset or blank.
   *
   * @param environment the environment variables, usually {@link System#getenv()}
   * @return the default store's URI
   */
  public static URI defaultStoreUri(Map<String, String> environment) {
    String configured = environment.get(STORE_ENV);
    if (configured == null || configured.isBlank()) {
      return Path.of(DEFAULT_DIRECTORY).toAbsolutePath().normalize().toUri();
    }
    return toStoreUri(configured.trim());
  }

  /**
   * Turns what a user typed into a store URI: a string with a scheme of two or more letters is a
   * URI, anything else a local directory path.
   *
   * @param location a URI or a path
   * @return the store's URI
   */
  public static URI toStoreUri(String location) {
    if (location.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
      return URI.create(location);
    }
    return Path.of(location).toAbsolutePath().normalize().toUri();
  }

  /**
   * Returns the object store all concerns share.
   *
   * @return the store
   */
  public ObjectStore store() {
    return store;
  }

  /**
   * Returns the registry the SDK's own meters ({@code mlops.*}) go to; a no-op composite when the
   * host gave none.
   *
   * @return the meter registry
   */
  public MeterRegistry meterRegistry() {
    return meterRegistry;
  }

  /**
   * Returns the executor background work runs on.
   *
   * @return the executor
   */
  public ExecutorService executor() {
    return executor;
  }

  /**
   * Returns the clock every timestamp comes from.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the operator views of the store (info, verify).
   *
   * @return an inspector of this store
   */
  public StoreInspector inspector() {
    return new StoreInspector(store, clock);
  }

  /**
   * Returns the versioned dataset store.
   *
   * @return the dataset store
   */
  public DatasetStore datasets() {
    return dev.mlops.core.internal.dataset.DefaultDatasetStore.withDefaultCache(store, clock,
        executor);
  }

  /**
   * Returns the experiment logger.
   *
   * @return the experiment logger, one per store
   */
  public ExperimentLogger experiments() {
    return dev.mlops.core.internal.experiment.ExperimentTracker.shared(store, executor, clock,
        meterRegistry);
  }

  /**
   * Returns the model registry.
   *
   * @return the model registry, one per instance (it holds the ONNX Runtime session cache, closed
   *     with this instance)
   */
  public ModelRegistry models() {
    synchronized (closed) {
      if (models == null) {
        models = dev.mlops.core.internal.registry.DefaultModelRegistry.configured(store, clock, executor, runId -> {
          try {
            return experiments().run(runId);
          } catch (UnsupportedOperationException e) {
            return java.util.Optional.empty(); // no experiment logger: lineage records the run id only
          }
        }, serving);
      }
      return models;
    }
  }

  private dev.mlops.core.internal.registry.@Nullable DefaultModelRegistry models;

  /**
   * Returns the validator: runs suites, stores their reports in this store, and provides the
   * registry's promotion gate ({@link Validator#promotionGate}).
   *
   * @return the validator
   */
  public Validator validator() {
    return new dev.mlops.core.internal.validation.DefaultValidator(store, clock);
  }

  /**
   * Returns the drift detector.
   *
   * @return the drift detector: batch comparisons, profiles, streaming detectors and monitors
   */
  public DriftDetector drift() {
    return new dev.mlops.core.internal.drift.DefaultDriftDetector(store, meterRegistry, executor, clock);
  }

  /**
   * Returns a retraining policy built from a configuration; its decisions are recorded but run
   * nothing (use {@link #retraining()} to give it an action). Shorthand for
   * {@code retraining().policy(config)}.
   *
   * @param config the policy's triggers and controls
   * @return the policy
   */
  public RetrainPolicy retrainPolicy(dev.mlops.api.retrain.RetrainPolicyConfig config) {
    requireNonNull(config, "config");
    return retraining().policy(config);
  }

  /**
   * Returns retraining on this store: policies with actions, approval requests, pipelines that
   * resume after a crash, backtests.
   *
   * @return the retraining facade
   */
  public dev.mlops.api.retrain.Retraining retraining() {
    return new dev.mlops.core.internal.retrain.DefaultRetraining(store, meterRegistry, clock);
  }

  /** Closes what this instance opened. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    RuntimeException failure = null;
    synchronized (closed) {
      if (models != null) {
        models.close();
      }
    }
    if (ownsExecutor) {
      executor.shutdown();
    }
    if (ownsStore) {
      try {
        store.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static UnsupportedOperationException notYet(String concern) {
    return new UnsupportedOperationException(concern + " is not implemented yet in this version"
        + " of mlops; the store and the inspector work now");
  }

  private static ExecutorService newDefaultExecutor() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "mlops-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Builds an {@link MlOps}. Each value may be set once; {@link #build()} leaves the builder reusable. */
  public static final class Builder {
    private @Nullable URI uri;
    private @Nullable ObjectStore store;
    private @Nullable MeterRegistry meterRegistry;
    private @Nullable ExecutorService executor;
    private @Nullable Clock clock;
    private @Nullable Long modelCacheBytes;
    private @Nullable Duration aliasPollPeriod;

    private Builder() {}

    /**
     * Opens the store at this URI when built; the instance closes it. Exclusive with
     * {@link #store(ObjectStore)}. Default: the embedded default store ({@link #open()}).
     *
     * @param uri the store's URI
     * @return this builder
     */
    public Builder uri(URI uri) {
      requireNonNull(uri, "uri");
      if (this.uri != null) {
        throw new IllegalStateException("uri was already set to " + this.uri);
      }
      this.uri = uri;
      return this;
    }

    /**
     * Uses a store the host opened; the instance does not close it. Exclusive with {@link #uri}.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(ObjectStore store) {
      requireNonNull(store, "store");
      if (this.store != null) {
        throw new IllegalStateException("store was already set to " + this.store.uri());
      }
      this.store = store;
      return this;
    }

    /**
     * Sends the SDK's meters to this registry. Default: none (a no-op composite registry).
     *
     * @param meterRegistry the host's registry
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      requireNonNull(meterRegistry, "meterRegistry");
      if (this.meterRegistry != null) {
        throw new IllegalStateException("meterRegistry was already set");
      }
      this.meterRegistry = meterRegistry;
      return this;
    }

    /**
     * Runs background work on this executor; the host shuts it down. Default: a cached pool of
     * daemon threads owned and shut down by the instance.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(ExecutorService executor) {
      requireNonNull(executor, "executor");
      if (this.executor != null) {
        throw new IllegalStateException("executor was already set");
      }
      this.executor = executor;
      return this;
    }

    /**
     * Takes every timestamp from this clock. Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      requireNonNull(clock, "clock");
      if (this.clock != null) {
        throw new IllegalStateException("clock was already set");
      }
      this.clock = clock;
      return this;
    }

    /**
     * Bounds the model registry's ONNX Runtime session cache by the total size of the model files
     * whose sessions it keeps open; the least recently used are closed beyond it (a session still
     * serving a handle or a prediction closes when they are done). A model larger than the bound is
     * served but not cached. Default: the system property {@value MlOps#MODEL_CACHE_BYTES_PROPERTY} if
     * set, else {@value MlOps#DEFAULT_MODEL_CACHE_BYTES} (1 GiB).
     *
     * @param bytes the bound, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is zero or negative
     */
    public Builder modelCacheBytes(long bytes) {
      ServingSettings.requireCacheBytes(bytes, "modelCacheBytes");
      if (this.modelCacheBytes != null) {
        throw new IllegalStateException("modelCacheBytes was already set to " + this.modelCacheBytes);
      }
      this.modelCacheBytes = bytes;
      return this;
    }

    /**
     * Sets how often a handle loaded from {@code model@alias} looks in the store for moves of its
     * alias made by other {@code MlOps} instances or processes (moves through this instance are
     * seen at once). The look happens on the executor, at most once per period, when a prediction
     * is made. Default: the system property {@value MlOps#ALIAS_POLL_PERIOD_PROPERTY} if set, else
     * {@link MlOps#DEFAULT_ALIAS_POLL_PERIOD} (5 seconds).
     *
     * @param period the period, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code period} is zero, negative, or longer than
     *     {@code Long.MAX_VALUE} nanoseconds (about 292 years)
     */
    public Builder aliasPollPeriod(Duration period) {
      requireNonNull(period, "period");
      ServingSettings.requirePollPeriod(period, "aliasPollPeriod");
      if (this.aliasPollPeriod != null) {
        throw new IllegalStateException("aliasPollPeriod was already set to " + this.aliasPollPeriod);
      }
      this.aliasPollPeriod = period;
      return this;
    }

    /**
     * Opens the SDK.
     *
     * @return a new instance
     * @throws IllegalStateException if both a URI and a store were given
     * @throws IllegalArgumentException if a model serving value was left to a system property that
     *     holds a value not allowed
     */
    public MlOps build() {
      if (uri != null && store != null) {
        throw new IllegalStateException("set either uri(...) or store(...), not both");
      }
      // Resolved before the store opens, so a bad system property leaves nothing to close.
      ServingSettings serving = ServingSettings.resolve(modelCacheBytes, aliasPollPeriod, System.getProperties());
      if (store != null) {
        return new MlOps(this, serving, store, false);
      }
      URI target = uri != null ? uri : defaultStoreUri(System.getenv());
      return new MlOps(this, serving, StorageProviders.open(target), true);
    }
  }
}
