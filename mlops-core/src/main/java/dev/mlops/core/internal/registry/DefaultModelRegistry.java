package dev.mlops.core.internal.registry;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.GateSpec;
import dev.mlops.api.registry.GateVersion;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.PromotionGate;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.registry.RegistryListener;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentStore;
import dev.mlops.core.internal.onnx.SessionCache;
import dev.mlops.core.internal.registry.Docs.VersionDoc;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The registry on an {@link ObjectStore}, put together from parts with one job each: versions
 * ({@link Versions}, documents claimed by putIfAbsent), aliases ({@link Aliases}) and promotion
 * ({@link Promotions}) as the fold of each model's append-only history ({@link ModelLogs}), stored
 * gates ({@link StoredGates}, run by {@link GateCheck}), and serving ({@link Serving}, through a
 * shared {@link SessionCache}). Thread-safe; several processes may share one store.
 */
public final class DefaultModelRegistry implements ModelRegistry, AutoCloseable {
  private final ObjectStore store;
  private final Versions versions;
  private final Events events = new Events();
  private final ModelLogs logs;
  private final Serving serving;
  private final Aliases aliases;
  private final StoredGates gates;
  private final Promotions promotions;

  /**
   * Creates a registry whose stored gates cannot run (no datasets or validator) and without an
   * extra gate: for tests of the other parts.
   *
   * @param store the store
   * @param clock where timestamps come from
   * @param executor runs handles' polls for moves made elsewhere
   * @param runs looks up a run for lineage; empty when unknown or when runs are not available
   * @param cacheBytes bound on the total size of models with cached sessions
   * @param pollPeriod how often alias-following handles look for moves made by other processes
   */
  public DefaultModelRegistry(ObjectStore store, Clock clock, Executor executor,
      Function<String, Optional<RunInfo>> runs, long cacheBytes, Duration pollPeriod) {
    this(store, clock, executor, runs, cacheBytes, pollPeriod, GateServices.NONE, null);
  }

  /**
   * Creates a registry.
   *
   * @param store the store
   * @param clock where timestamps come from
   * @param executor runs handles' polls for moves made elsewhere
   * @param runs looks up a run for lineage; empty when unknown or when runs are not available
   * @param cacheBytes bound on the total size of models with cached sessions
   * @param pollPeriod how often alias-following handles look for moves made by other processes
   * @param services the datasets and the validator stored gates run with
   * @param extraGate the host's extra rule, run after an alias's stored gate, or null for none
   */
  public DefaultModelRegistry(ObjectStore store, Clock clock, Executor executor,
      Function<String, Optional<RunInfo>> runs, long cacheBytes, Duration pollPeriod, GateServices services,
      @Nullable PromotionGate extraGate) {
    this.store = requireNonNull(store, "store");
    requireNonNull(clock, "clock");
    this.versions = new Versions(store, new ContentStore(store), clock, requireNonNull(runs, "runs"));
    this.logs = new ModelLogs(store, clock, versions);
    this.serving = new Serving(versions, logs, requireNonNull(executor, "executor"), cacheBytes,
        requireNonNull(pollPeriod, "pollPeriod"));
    this.aliases = new Aliases(logs, versions, serving, events);
    this.gates = new StoredGates(store, logs, clock, requireNonNull(services, "services"));
    this.promotions = new Promotions(logs, versions, aliases, gates, new GateCheck(versions, services), events,
        clock, extraGate);
  }

  /**
   * Creates the registry {@code MlOps.models()} returns.
   *
   * @param store the store
   * @param clock the clock
   * @param executor runs handles' polls
   * @param runs looks up runs for lineage
   * @param settings the session cache bound and the alias poll period
   * @param services the datasets and the validator stored gates run with
   * @param extraGate the host's extra rule, or null for none
   * @return the registry
   */
  public static DefaultModelRegistry configured(ObjectStore store, Clock clock, Executor executor,
      Function<String, Optional<RunInfo>> runs, ServingSettings settings, GateServices services,
      @Nullable PromotionGate extraGate) {
    return new DefaultModelRegistry(store, clock, executor, runs, settings.cacheBytes(), settings.pollPeriod(),
        services, extraGate);
  }

  /** How often alias-following handles look for moves made elsewhere (for tests of the wiring). */
  Duration pollPeriod() {
    return serving.pollPeriod();
  }

  /** Resolves an alias as a handle's poll does (for tests of the polls' ordering). */
  Optional<ServingHandle.Target> resolveQuietly(Reference reference) {
    return serving.resolveQuietly(reference);
  }

  @Override
  public ModelVersion register(ModelSpec spec) {
    requireNonNull(spec, "spec");
    ModelVersion version = Versions.toVersion(versions.register(spec, logs.renames()::beforeClaim));
    events.versionRegistered(version);
    return version;
  }

  @Override
  public ModelVersion resolve(String reference) {
    return resolve(Reference.parse(reference));
  }

  private ModelVersion resolve(Reference parsed) {
    if (parsed.followsAlias()) {
      return aliases.resolve(parsed);
    }
    logs.requireModel(parsed.model());
    return Versions.toVersion(versions.read(parsed.model(), parsed.version()));
  }

  @Override
  public List<ModelVersion> versions(String model) {
    logs.requireModel(model);
    return versions.all(model);
  }

  @Override
  public List<ModelVersion> rename(String model, String newName, String actor) {
    requireNonNull(model, "model");
    requireNonNull(newName, "newName");
    requireNonNull(actor, "actor");
    logs.renames().rename(model, newName, actor);
    return versions(newName);
  }

  @Override
  public Optional<String> renamedTo(String model) {
    requireNonNull(model, "model");
    String name = model;
    while (true) {
      try {
        logs.requireModel(name);
        break;
      } catch (NotFoundException e) {
        Optional<String> next = logs.renames().renamedTo(name);
        if (next.isEmpty()) {
          break;
        }
        name = next.get();
      }
    }
    return name.equals(model) ? Optional.empty() : Optional.of(name);
  }

  @Override
  public Optional<String> renamedFrom(String model) {
    requireNonNull(model, "model");
    Names.requireValid("model", model);
    try {
      // version 1 is written once and never changed, and the versions cache keeps it: a cheap look
      return Optional.ofNullable(versions.read(model, 1).renamedFrom);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Path checkout(String reference, Path target) {
    ModelVersion version = resolve(reference);
    VersionDoc doc = versions.read(version.model(), version.version());
    return ArtifactCheckout.write(doc.files, requireNonNull(target, "target"), version.toString(),
        file -> versions.open(version, file));
  }

  @Override
  public List<AliasMove> moveAliases(String model, Map<String, Integer> targets, String actor, String reason) {
    return aliases.move(model, targets, actor, reason);
  }

  @Override
  public AliasMove removeAlias(String model, String alias, String actor, String reason) {
    return aliases.remove(model, alias, actor, reason);
  }

  @Override
  public List<AliasMove> aliasHistory(String model, String alias) {
    return aliases.history(model, alias);
  }

  @Override
  public Optional<ModelVersion> aliasAt(String model, String alias, Instant time) {
    return aliases.at(model, alias, time);
  }

  @Override
  public void protect(String model, String alias, AliasPolicy policy) {
    aliases.protect(model, alias, policy);
  }

  @Override
  public GateVersion setGate(String model, String alias, GateSpec spec, String actor) {
    return gates.set(model, alias, spec, actor);
  }

  @Override
  public Optional<GateVersion> gate(String model, String alias) {
    return gates.current(model, alias);
  }

  @Override
  public GateVersion gate(String model, String alias, int version) {
    return gates.read(model, alias, version);
  }

  @Override
  public PromotionRequest requestPromotion(String model, String alias, int version, String requester, String reason) {
    return promotions.request(model, alias, version, requester, reason);
  }

  @Override
  public PromotionRequest approve(String requestId, String approver) {
    return promotions.approve(requestId, approver);
  }

  @Override
  public PromotionRequest reject(String requestId, String approver, String reason) {
    return promotions.reject(requestId, approver, reason);
  }

  @Override
  public AliasMove rollback(String model, String alias, String actor, String reason) {
    return aliases.rollback(model, alias, actor, reason);
  }

  @Override
  public List<String> models() {
    Set<String> names = new TreeSet<>();
    try (Stream<ObjectInfo> listing = store.list(RegistryKeys.MODELS)) {
      listing.forEach(info -> {
        if (RegistryKeys.isVersion(info.key())) {
          names.add(info.key().split("/")[2]);
        }
      });
    }
    // A renamed model's objects stay under its old name; the rename in its history hides it, and a
    // rename completed just now may have made a name that the listing, taken before, does not hold.
    Set<String> current = new TreeSet<>();
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(names);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      try {
        logs.requireModel(name);
        current.add(name);
      } catch (NotFoundException e) {
        logs.renames().renamedTo(name).ifPresent(todo::push);
      }
    }
    return List.copyOf(current);
  }

  @Override
  public Map<String, Integer> aliases(String model) {
    return aliases.aliases(model);
  }

  @Override
  public Map<String, AliasPolicy> policies(String model) {
    return aliases.policies(model);
  }

  @Override
  public PromotionRequest promotion(String requestId) {
    return promotions.promotion(requestId);
  }

  @Override
  public List<PromotionRequest> promotions(String model) {
    return promotions.promotions(model);
  }

  @Override
  public ModelHandle load(String reference) {
    return serving.load(Reference.parse(reference), this::resolve);
  }

  @Override
  public void addListener(RegistryListener listener) {
    events.add(listener);
  }

  @Override
  public void removeListener(RegistryListener listener) {
    events.remove(listener);
  }

  /**
   * Returns the session cache (for tests and diagnostics).
   *
   * @return the cache
   */
  public SessionCache sessions() {
    return serving.sessions();
  }

  /** Closes every open handle and the session cache. Idempotent. */
  @Override
  public void close() {
    serving.close();
  }
}
