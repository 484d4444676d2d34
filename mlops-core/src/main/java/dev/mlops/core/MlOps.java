package dev.mlops.core;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.PromotionGate;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.Retraining;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.validation.Validator;
import dev.mlops.core.internal.dataset.DefaultDatasetStore;
import dev.mlops.core.internal.drift.DefaultDriftDetector;
import dev.mlops.core.internal.experiment.DefaultExperimentLogger;
import dev.mlops.core.internal.lifecycle.Lifecycle;
import dev.mlops.core.internal.lifecycle.OwnedThreads;
import dev.mlops.core.internal.registry.DefaultModelRegistry;
import dev.mlops.core.internal.registry.GateServices;
import dev.mlops.core.internal.registry.ServingSettings;
import dev.mlops.core.internal.retrain.DefaultRetraining;
import dev.mlops.core.internal.storage.StorageProviders;
import dev.mlops.core.internal.validation.DefaultValidator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of the SDK: one store, and the six concerns working on it.
 *
 * <pre>{@code
 * try (MlOps mlops = MlOps.open()) {            // $MLOPS_STORE, else ./.mlops
 *   System.out.println(mlops.inspector().info());
 * }
 * }</pre>
 *
 * <p>One lifecycle: each concern ({@link #datasets()}, {@link #experiments()}, {@link #models()},
 * {@link #validator()}, {@link #drift()}, {@link #retraining()}, {@link #inspector()}) is made on
 * first use, once per instance, and {@link #close()} closes them in the reverse order of their
 * making. Two instances on one store share nothing but the store. Every thread the SDK starts
 * belongs to an instance, which waits for it to end when it closes (see {@link #executor()}).
 *
 * <p>Thread-safe. {@link #close()} closes what this instance opened itself (a store opened from a
 * URI, its default executor) and leaves alone what the host passed in. An instance the host
 * forgets to close is closed when the JVM exits normally, unless
 * {@link Builder#closeOnJvmExit(boolean)} turned that off.
 */
public final class MlOps implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MlOps.class);

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

  /**
   * How long {@link #close()} waits for background work to end before it interrupts it, and then
   * for the threads to end: a bound for a stuck store, not a delay (close returns as soon as all
   * ended).
   */
  private static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(1);

  private final ObjectStore store;
  /**
   * The host's registry, else a no-op composite made on first use: Micrometer's set-up (its
   * logging back end, the registry's classes) was about 3 % of the CPU of a short CLI command
   * that records no meter, such as an unchanged {@code data commit}.
   */
  private final java.util.concurrent.atomic.AtomicReference<MeterRegistry> meterRegistry;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final Clock clock;
  private final OwnedThreads threads = new OwnedThreads();
  private final Lifecycle lifecycle;
  private final Lifecycle.Part<DefaultDatasetStore> datasets;
  private final Lifecycle.Part<DefaultExperimentLogger> experiments;
  private final Lifecycle.Part<DefaultModelRegistry> models;
  private final Lifecycle.Part<DefaultValidator> validator;
  private final Lifecycle.Part<DefaultDriftDetector> drift;
  private final Lifecycle.Part<DefaultRetraining> retraining;
  private final Lifecycle.Part<StoreInspector> inspector;
  private final Object closing = new Object();
  private final @Nullable Thread exitHook;

  private MlOps(Builder builder, ServingSettings serving, ObjectStore given, boolean ownsStore) {
    // Every concern works on the sealed view: documents checksummed on write, checked on read.
    ObjectStore store = dev.mlops.core.internal.storage.SealedDocumentStore.wrap(given);
    this.store = store;
    this.meterRegistry = new java.util.concurrent.atomic.AtomicReference<>(builder.meterRegistry);
    this.ownsExecutor = builder.executor == null;
    this.executor = ownsExecutor
        ? Executors.newCachedThreadPool(threads.factory("mlops-worker-")) : builder.executor;
    this.clock = builder.clock != null ? builder.clock : Clock.systemUTC();
    this.lifecycle = new Lifecycle(() -> "This MlOps on " + store.uri() + " was closed; open a new"
        + " one (MlOps.open(...) or MlOps.builder()...build()) to keep working");
    if (ownsStore) {
      lifecycle.own(store); // owned first, so closed last
    }
    lifecycle.own(this::stopThreads);
    this.datasets = lifecycle.part(() -> DefaultDatasetStore.withDefaultCache(store, clock, executor));
    this.experiments = lifecycle.part(() -> DefaultExperimentLogger.of(store, executor, clock,
        meters(), threads));
    java.util.function.Function<? super MlOps, ? extends PromotionGate> extraGate = builder.promotionGate;
    this.models = lifecycle.part(() -> DefaultModelRegistry.configured(store, clock, executor,
        this::runForLineage, serving, new GateServices(this::datasets, this::validator),
        extraGate == null ? null : requireNonNull(extraGate.apply(this), "the promotionGate function's gate")));
    this.validator = lifecycle.part(() -> new DefaultValidator(store, clock));
    this.drift = lifecycle.part(() -> new DefaultDriftDetector(store, meters(), executor, clock));
    this.retraining = lifecycle.part(() -> new DefaultRetraining(store, meters(), clock));
    this.inspector = lifecycle.part(() -> new StoreInspector(store, clock));
    this.exitHook = builder.closeOnJvmExit == Boolean.FALSE ? null : addExitHook();
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
   * Returns the object store all concerns share: a view of the store this instance was built with
   * that seals every document under {@code refs/} and {@code logs/} with a checksum on write and
   * checks it on read (content objects and metric segments pass through unchanged).
   *
   * @return the store
   * @throws IllegalStateException if this instance was closed
   */
  public ObjectStore store() {
    lifecycle.requireOpen();
    return store;
  }

  /**
   * Returns the registry the SDK's own meters ({@code mlops.*}) go to; a no-op composite when the
   * host gave none.
   *
   * @return the meter registry
   * @throws IllegalStateException if this instance was closed
   */
  public MeterRegistry meterRegistry() {
    lifecycle.requireOpen();
    return meters();
  }

  /** The registry; the default one is made once (a second made by a racing thread is dropped). */
  private MeterRegistry meters() {
    MeterRegistry meters = meterRegistry.get();
    if (meters == null) {
      meterRegistry.compareAndSet(null, new CompositeMeterRegistry());
      meters = meterRegistry.get();
    }
    return meters;
  }

  /**
   * Returns the executor background work runs on: the host's ({@link Builder#executor}), else
   * this instance's own cached pool of {@code mlops-worker-N} daemon threads, which
   * {@link #close()} shuts down, waiting for its threads to end.
   *
   * <p>What holds one of its threads: each live run, for its whole life (its segment writer), plus
   * one more while it samples system metrics ({@code RunSpec.Builder.systemMetrics}); a dataset
   * commit, up to 8 while it reads files; a drift comparison, one per column while it runs; a
   * drift monitor, one while it evaluates a window; an alias-following model handle, one while it
   * looks for moves made elsewhere. So a host's executor needs at least one thread per live run
   * (two with system metrics) and more for the rest to run in parallel.
   *
   * <p>Besides the executor, an instance starts threads of its own, whoever gave the executor,
   * and {@link #close()} waits for them: one {@code mlops-segment-io-<run>} per live run (its
   * store writes) and one {@code mlops-clock} while runs log metrics with the system clock.
   *
   * @return the executor
   * @throws IllegalStateException if this instance was closed
   */
  public ExecutorService executor() {
    lifecycle.requireOpen();
    return executor;
  }

  /**
   * Returns the clock every timestamp comes from.
   *
   * @return the clock
   * @throws IllegalStateException if this instance was closed
   */
  public Clock clock() {
    lifecycle.requireOpen();
    return clock;
  }

  /**
   * Returns the operator views of the store (info, verify).
   *
   * @return the inspector, one per instance
   * @throws IllegalStateException if this instance was closed
   */
  public StoreInspector inspector() {
    return inspector.get();
  }

  /**
   * Returns the versioned dataset store.
   *
   * @return the dataset store, one per instance
   * @throws IllegalStateException if this instance was closed
   */
  public DatasetStore datasets() {
    return datasets.get();
  }

  /**
   * Returns the experiment logger. Closing this instance flushes the runs it started that are
   * still open and ends them (FINISHED, or FAILED after {@code Run.fail}).
   *
   * @return the experiment logger, one per instance
   * @throws IllegalStateException if this instance was closed
   */
  public ExperimentLogger experiments() {
    return experiments.get();
  }

  /**
   * Returns the model registry.
   *
   * @return the model registry, one per instance (it holds the ONNX Runtime session cache, closed
   *     with this instance)
   * @throws IllegalStateException if this instance was closed
   */
  public ModelRegistry models() {
    return models.get();
  }

  private Optional<RunInfo> runForLineage(String runId) {
    return experiments().run(runId);
  }

  /**
   * Returns the validator: runs suites (also the stored gates of protected aliases) and stores
   * their reports in this store; {@link Validator#promotionGate} is an extra gate for
   * {@link Builder#promotionGate}.
   *
   * @return the validator, one per instance
   * @throws IllegalStateException if this instance was closed
   */
  public Validator validator() {
    return validator.get();
  }

  /**
   * Returns the drift detector. Closing this instance closes the monitors it made that are still
   * open.
   *
   * @return the drift detector, one per instance: batch comparisons, profiles, streaming detectors
   *     and monitors
   * @throws IllegalStateException if this instance was closed
   */
  public DriftDetector drift() {
    return drift.get();
  }

  /**
   * Returns a retraining policy built from a configuration; its decisions are recorded but run
   * nothing (use {@link #retraining()} to give it an action). Shorthand for
   * {@code retraining().policy(config)}.
   *
   * @param config the policy's triggers and controls
   * @return the policy
   * @throws IllegalStateException if this instance was closed
   */
  public RetrainPolicy retrainPolicy(dev.mlops.api.retrain.RetrainPolicyConfig config) {
    requireNonNull(config, "config");
    return retraining().policy(config);
  }

  /**
   * Returns retraining on this store: policies with actions, approval requests, pipelines that
   * resume after a crash, backtests.
   *
   * @return the retraining facade, one per instance
   * @throws IllegalStateException if this instance was closed
   */
  public Retraining retraining() {
    return retraining.get();
  }

  /**
   * Closes this instance: the concerns in the reverse order of their making (so open runs are
   * flushed and ended, model sessions and drift monitors closed), then its own executor, waiting
   * for every thread of this instance to end, then a store it opened from a URI. Everything is
   * closed even when an earlier part fails; the first failure is thrown with the others
   * suppressed in it. Afterwards every accessor throws {@link IllegalStateException}. Idempotent;
   * a second caller meanwhile waits until the first is done. Called from a task on this
   * instance's own executor, it cannot wait for that executor's threads (its own among them).
   */
  @Override
  public void close() {
    synchronized (closing) {
      if (lifecycle.isClosed()) {
        return;
      }
      removeExitHook();
      RuntimeException failure = lifecycle.close();
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** Shuts down the executor if it is ours, then waits for every thread of this instance. */
  private void stopThreads() {
    if (ownsExecutor) {
      executor.shutdown();
      if (threads.owns(Thread.currentThread())) {
        LOG.warn("MlOps on {} closed from its own executor: not waiting for its threads",
            store.uri());
      } else if (!awaitTermination()) {
        LOG.warn("MlOps on {}: background work still running {} after close(); interrupting it",
            store.uri(), CLOSE_TIMEOUT);
        executor.shutdownNow();
      }
    }
    List<Thread> alive = threads.close(CLOSE_TIMEOUT);
    if (!alive.isEmpty()) {
      LOG.warn("MlOps on {}: threads still running {} after close(): {}", store.uri(),
          CLOSE_TIMEOUT, alive.stream().map(Thread::getName).toList());
    }
  }

  private boolean awaitTermination() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return executor.awaitTermination(CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true; // finish closing; the caller sees its interrupt afterwards
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Registers the hook that closes this instance on a normal JVM exit, so runs left open are
   * flushed and ended rather than found KILLED without their last points.
   */
  private @Nullable Thread addExitHook() {
    Thread hook = new Thread(this::closeAtExit, "mlops-close-at-exit");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return hook;
    } catch (IllegalStateException exiting) {
      return null; // made while the JVM shuts down (in a host's own hook): nothing to register
    }
  }

  private void closeAtExit() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.warn("MlOps on {}: closing at JVM exit failed: {}", store.uri(), e.toString(), e);
    }
  }

  private void removeExitHook() {
    if (exitHook == null || Thread.currentThread() == exitHook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException exiting) {
      // The JVM is exiting: the hook may already run; it waits for this close and finds it done.
    }
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
    private @Nullable Boolean closeOnJvmExit;
    private java.util.function.@Nullable Function<? super MlOps, ? extends PromotionGate> promotionGate;

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
     * Runs background work on this executor; the host shuts it down (after closing the instance:
     * closing ends the SDK's tasks on it). What holds its threads, such as one per live run, is
     * listed at {@link MlOps#executor()}. Default: a cached pool of {@code mlops-worker-N} daemon
     * threads owned by the instance, which {@link MlOps#close()} shuts down, waiting for its
     * threads to end.
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
     * Sets whether a normal JVM exit closes the instance if the host has not: the end of
     * {@code main} (once only daemon threads are left), {@link System#exit}, or SIGTERM / SIGINT.
     * Closing flushes every run left open and ends it FINISHED (FAILED after {@code Run.fail}),
     * as MLflow's fluent API ends its active run at exit, then closes the rest as
     * {@link MlOps#close()} does. It runs in a shutdown hook registered per instance and removed
     * by {@code close()}; until then the hook keeps the instance reachable. Nothing runs on
     * {@code kill -9}, {@link Runtime#halt} or a crash of the JVM: there, points up to the last
     * returned {@code Run.flush()} survive and the run is found KILLED. Turn it off when the host
     * closes the instance in its own shutdown sequence. Default: true.
     *
     * @param close whether to close at JVM exit
     * @return this builder
     */
    public Builder closeOnJvmExit(boolean close) {
      if (this.closeOnJvmExit != null) {
        throw new IllegalStateException("closeOnJvmExit was already set to " + this.closeOnJvmExit);
      }
      this.closeOnJvmExit = close;
      return this;
    }

    /**
     * Gives the model registry an extra promotion gate in Java: for a protected alias whose policy
     * requires a gate, it runs after the alias's stored gate ({@code ModelRegistry.setGate}), and
     * both must pass. Only this instance applies it (the CLI and other instances do not), so keep
     * the rules every client must apply in the stored gate. The function is called once, with this
     * instance, when {@link MlOps#models()} is first used, so the gate may use the instance's
     * concerns, for example {@code m -> m.validator().promotionGate(Optional.of("churn-gate"))}.
     * Default: none (stored gates alone decide; an alias that requires a gate and has none stored
     * refuses every request).
     *
     * @param gate makes the gate from the instance
     * @return this builder
     */
    public Builder promotionGate(java.util.function.Function<? super MlOps, ? extends PromotionGate> gate) {
      requireNonNull(gate, "gate");
      if (this.promotionGate != null) {
        throw new IllegalStateException("promotionGate was already set");
      }
      this.promotionGate = gate;
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
