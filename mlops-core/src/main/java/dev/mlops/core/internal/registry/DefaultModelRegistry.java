package dev.mlops.core.internal.registry;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.ConflictException;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.GateDecision;
import dev.mlops.api.registry.InvalidModelException;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.PromotionGate;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.registry.PromotionStatus;
import dev.mlops.api.registry.RegistryListener;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.Excerpt;
import dev.mlops.core.internal.content.ChunkRef;
import dev.mlops.core.internal.content.ContentStore;
import dev.mlops.core.internal.content.Subject;
import dev.mlops.core.internal.onnx.SessionCache;
import dev.mlops.core.internal.onnx.SharedSession;
import dev.mlops.core.internal.registry.Docs.FileDoc;
import dev.mlops.core.internal.registry.Docs.LogEntry;
import dev.mlops.core.internal.registry.Docs.MoveDoc;
import dev.mlops.core.internal.registry.Docs.VersionDoc;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The registry on an {@link ObjectStore}: versions are documents claimed by putIfAbsent, each
 * model's aliases, protections and promotions are the fold of its append-only history
 * ({@link ModelLog}), artifacts are content objects, and serving goes through a shared
 * {@link SessionCache}. Thread-safe; several processes may share one store.
 */
public final class DefaultModelRegistry implements ModelRegistry, AutoCloseable {
  /** The gate used until {@link #usePromotionGate} is called: it refuses, so nothing moves unchecked. */
  static final PromotionGate NO_GATE = (candidate, alias) -> GateDecision.fail("no promotion gate is configured;"
      + " call ModelRegistry.usePromotionGate(...) (for example with the Validator's gate), or protect the alias"
      + " with a policy that does not require a gate");

  private final ObjectStore store;
  private final Clock clock;
  private final Executor executor;
  private final SessionCache sessions;
  private final Duration pollPeriod;
  private final ContentStore content;
  private final Versions versions;
  private final Events events = new Events();
  private final Map<String, ModelLog> logs = new ConcurrentHashMap<>();
  private final Set<ServingHandle> handles = ConcurrentHashMap.newKeySet();
  private final Set<String> knownModels = ConcurrentHashMap.newKeySet();
  private volatile PromotionGate gate = NO_GATE;

  /**
   * Creates a registry.
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
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.executor = requireNonNull(executor, "executor");
    this.sessions = new SessionCache(ServingSettings.requireCacheBytes(cacheBytes, "cacheBytes"));
    this.pollPeriod = ServingSettings.requirePollPeriod(requireNonNull(pollPeriod, "pollPeriod"), "pollPeriod");
    this.content = new ContentStore(store);
    this.versions = new Versions(store, content, clock, requireNonNull(runs, "runs"));
  }

  /**
   * Creates the registry {@code MlOps.models()} returns.
   *
   * @param store the store
   * @param clock the clock
   * @param executor runs handles' polls
   * @param runs looks up runs for lineage
   * @param settings the session cache bound and the alias poll period
   * @return the registry
   */
  public static DefaultModelRegistry configured(ObjectStore store, Clock clock, Executor executor,
      Function<String, Optional<RunInfo>> runs, ServingSettings settings) {
    return new DefaultModelRegistry(store, clock, executor, runs, settings.cacheBytes(), settings.pollPeriod());
  }

  /** How often alias-following handles look for moves made elsewhere (for tests of the wiring). */
  Duration pollPeriod() {
    return pollPeriod;
  }

  @Override
  public ModelVersion register(ModelSpec spec) {
    requireNonNull(spec, "spec");
    ModelVersion version = Versions.toVersion(versions.register(spec));
    events.versionRegistered(version);
    return version;
  }

  @Override
  public ModelVersion resolve(String reference) {
    Reference parsed = Reference.parse(reference);
    if (!parsed.followsAlias()) {
      return Versions.toVersion(versions.read(parsed.model(), parsed.version()));
    }
    Integer version = state(parsed.model()).aliases.get(parsed.alias());
    if (version == null) {
      throw new NotFoundException("Model '" + parsed.model() + "' has no alias '" + parsed.alias() + "'; its aliases"
          + " are " + aliases(parsed.model()).keySet());
    }
    return Versions.toVersion(versions.read(parsed.model(), version));
  }

  /** Resolves an alias from the store, with the history position it was read at; empty if it points nowhere now. */
  Optional<ServingHandle.Target> resolveQuietly(Reference reference) {
    ModelState state = state(reference.model());
    Integer version = state.aliases.get(reference.alias());
    return version == null ? Optional.empty() : Optional.of(new ServingHandle.Target(
        Versions.toVersion(versions.read(reference.model(), version)), state.seq));
  }

  @Override
  public List<ModelVersion> versions(String model) {
    requireModel(model);
    return versions.all(model);
  }

  @Override
  public Path checkout(String reference, Path target) {
    ModelVersion version = resolve(reference);
    VersionDoc doc = versions.read(version.model(), version.version());
    return ArtifactCheckout.write(doc.files, requireNonNull(target, "target"), version.toString(),
        file -> content.open(new ChunkRef(file.sha256, file.size), artifactOf(version)));
  }

  @Override
  public List<AliasMove> moveAliases(String model, Map<String, Integer> targets, String actor, String reason) {
    requireModel(model);
    requireNonNull(actor, "actor");
    requireNonNull(reason, "reason");
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets must name at least one alias");
    }
    targets.forEach((alias, version) -> {
      Reference.requireAlias(alias);
      versions.read(model, version);
    });
    ModelLog.Committed committed = log(model).commit(state -> {
      for (String alias : targets.keySet()) {
        AliasPolicy policy = state.policies.get(alias);
        if (policy != null) {
          throw new GateFailedException("Alias '" + alias + "' of model '" + model + "' is protected (" + policy
              + "); move it with requestPromotion(...) and the approvals it requires");
        }
      }
      LogEntry entry = entry(LogEntry.MOVE, actor, reason);
      new TreeMap<>(targets).forEach((alias, to) -> entry.moves.add(new MoveDoc(alias, state.aliases.get(alias), to)));
      return entry;
    });
    return moved(committed);
  }

  @Override
  public List<AliasMove> aliasHistory(String model, String alias) {
    Reference.requireAlias(alias);
    return state(model).moves(alias);
  }

  @Override
  public Optional<ModelVersion> aliasAt(String model, String alias, Instant time) {
    Reference.requireAlias(alias);
    requireNonNull(time, "time");
    Integer version = null;
    for (AliasMove move : state(model).moves(alias)) {
      if (move.at().isAfter(time)) {
        break;
      }
      version = move.to().isPresent() ? move.to().getAsInt() : null;
    }
    return version == null ? Optional.empty() : Optional.of(Versions.toVersion(versions.read(model, version)));
  }

  @Override
  public void protect(String model, String alias, AliasPolicy policy) {
    requireModel(model);
    Reference.requireAlias(alias);
    requireNonNull(policy, "policy");
    log(model).commit(state -> {
      LogEntry entry = entry(LogEntry.PROTECT, "mlops", "protect " + alias);
      entry.alias = alias;
      entry.requireGate = policy.requireGate();
      entry.approvals = policy.approvals();
      entry.expirySeconds = policy.expiry().toSeconds();
      return entry;
    });
  }

  @Override
  public PromotionRequest requestPromotion(String model, String alias, int version, String requester, String reason) {
    requireNonNull(requester, "requester");
    requireNonNull(reason, "reason");
    Reference.requireAlias(alias);
    ModelVersion candidate = Versions.toVersion(versions.read(model, version));
    AliasPolicy policy = policyOf(state(model), alias);
    if (policy.requireGate()) {
      GateDecision decision = evaluate(candidate, alias);
      if (!decision.passed()) {
        throw new GateFailedException("The promotion gate refused " + candidate + " for alias '" + alias + "': "
            + String.join("; ", decision.reasons()));
      }
    }
    ModelLog.Committed committed = log(model).commit(state -> {
      LogEntry entry = entry(LogEntry.REQUEST, requester, reason);
      entry.alias = alias;
      entry.version = version;
      entry.expiresAt = Instant.parse(entry.at).plus(policyOf(state, alias).expiry()).toString();
      if (policyOf(state, alias).approvals() == 0) {
        entry.moves.add(new MoveDoc(alias, state.aliases.get(alias), version));
      }
      return entry;
    });
    PromotionRequest request = committed.state().requests.get(ModelState.requestId(model, committed.entry().seq));
    events.promotionRequested(request);
    if (request.status() == PromotionStatus.APPROVED) {
      events.promotionApproved(request);
    }
    moved(committed);
    return request;
  }

  @Override
  public PromotionRequest approve(String requestId, String approver) {
    requireNonNull(approver, "approver");
    String model = modelOf(requestId);
    ModelLog.Committed committed = log(model).commit(state -> {
      PromotionRequest request = pending(state, requestId);
      if (request.approvers().contains(approver)) {
        throw new ConflictException("'" + Excerpt.of(approver) + "' already approved request " + requestId
            + "; approvals must"
            + " come from distinct identities");
      }
      if (request.requester().equals(approver)) {
        throw new ConflictException("'" + Excerpt.of(approver) + "' made request " + requestId
            + " and cannot approve it;"
            + " ask another person");
      }
      LogEntry entry = entry(LogEntry.APPROVE, approver, "approve " + requestId);
      entry.requestId = requestId;
      if (request.approvers().size() + 1 >= policyOf(state, request.alias()).approvals()) {
        entry.moves.add(new MoveDoc(request.alias(), state.aliases.get(request.alias()), request.version()));
      }
      return entry;
    });
    PromotionRequest request = committed.state().requests.get(requestId);
    if (request.status() == PromotionStatus.APPROVED) {
      events.promotionApproved(request);
    }
    moved(committed);
    return request;
  }

  @Override
  public PromotionRequest reject(String requestId, String approver, String reason) {
    requireNonNull(approver, "approver");
    requireNonNull(reason, "reason");
    String model = modelOf(requestId);
    ModelLog.Committed committed = log(model).commit(state -> {
      pending(state, requestId);
      LogEntry entry = entry(LogEntry.REJECT, approver, reason);
      entry.requestId = requestId;
      return entry;
    });
    PromotionRequest request = committed.state().requests.get(requestId);
    events.promotionRejected(request);
    return request;
  }

  @Override
  public AliasMove rollback(String model, String alias, String actor, String reason) {
    requireNonNull(actor, "actor");
    requireNonNull(reason, "reason");
    Reference.requireAlias(alias);
    ModelLog.Committed committed = log(model).commit(state -> {
      List<AliasMove> history = state.moves(alias);
      if (history.isEmpty() || history.get(history.size() - 1).from().isEmpty()) {
        throw new NotFoundException("Alias '" + alias + "' of model '" + model + "' has no previous target to roll"
            + " back to; see its history with `mlops models history " + model + " --alias " + alias + "`");
      }
      LogEntry entry = entry(LogEntry.MOVE, actor, reason);
      entry.moves.add(new MoveDoc(alias, state.aliases.get(alias),
          history.get(history.size() - 1).from().getAsInt()));
      return entry;
    });
    return moved(committed).get(0);
  }

  @Override
  public List<String> models() {
    Set<String> names = new TreeSet<>();
    try (Stream<ObjectInfo> listing = store.list(RegistryKeys.MODELS)) {
      listing.forEach(info -> {
        String rest = info.key().substring(RegistryKeys.MODELS.length());
        int slash = rest.indexOf("/versions/");
        if (slash > 0) {
          names.add(rest.substring(0, slash));
        }
      });
    }
    return List.copyOf(names);
  }

  @Override
  public Map<String, Integer> aliases(String model) {
    requireModel(model);
    return Map.copyOf(state(model).aliases);
  }

  @Override
  public Map<String, AliasPolicy> policies(String model) {
    requireModel(model);
    return Map.copyOf(state(model).policies);
  }

  @Override
  public PromotionRequest promotion(String requestId) {
    String model = modelOf(requestId);
    PromotionRequest request = state(model).requests.get(requestId);
    if (request == null) {
      throw new NotFoundException("No promotion request '" + Excerpt.of(requestId) + "'; list them with"
          + " `mlops models promotions " + model + "`");
    }
    return ModelState.asOf(request, clock.instant());
  }

  @Override
  public List<PromotionRequest> promotions(String model) {
    requireModel(model);
    Instant now = clock.instant();
    return state(model).requests.values().stream().map(r -> ModelState.asOf(r, now)).toList();
  }

  @Override
  public ModelHandle load(String reference) {
    Reference parsed = Reference.parse(reference);
    ModelVersion version = resolve(reference);
    ServingHandle handle = new ServingHandle(parsed, lease(version), this, executor, pollPeriod.toNanos());
    handles.add(handle);
    if (parsed.followsAlias()) {
      // A move committed between the resolve above and the add did not see this handle.
      resolveQuietly(parsed).ifPresent(handle::swapTo);
    }
    return handle;
  }

  /** A session for {@code version}, verified and retained for the caller. */
  ServingHandle.Lease lease(ModelVersion version) {
    if (version.format() != ModelFormat.ONNX || version.signature().isEmpty()) {
      throw new InvalidModelException(version + " is registered as " + version.format() + "; only ONNX models can be"
          + " served in process. Check it out with checkout(...) and load it yourself");
    }
    FileDoc file = Versions.modelFile(versions.read(version.model(), version.version()));
    SharedSession session = sessions.acquire(file.sha256, file.size,
        () -> readModel(file, version), version.toString());
    return new ServingHandle.Lease(version, version.signature().get(), session);
  }

  /** Reads a model file whole, verified, for ONNX Runtime: no byte of a damaged object reaches it. */
  private byte[] readModel(FileDoc file, ModelVersion version) {
    if (file.size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(version + " is " + file.size + " bytes; models served in process"
          + " must be under 2 GiB");
    }
    return content.read(new ChunkRef(file.sha256, file.size), artifactOf(version));
  }

  private static Subject artifactOf(ModelVersion version) {
    return new Subject("the artifact of " + version, "restore the object from a replica or register the"
        + " model again");
  }

  void forget(ServingHandle handle) {
    handles.remove(handle);
  }

  @Override
  public void usePromotionGate(PromotionGate gate) {
    this.gate = requireNonNull(gate, "gate");
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
    return sessions;
  }

  /** Closes every open handle and the session cache. Idempotent. */
  @Override
  public void close() {
    for (ServingHandle handle : List.copyOf(handles)) {
      handle.close();
    }
    sessions.close();
  }

  private List<AliasMove> moved(ModelLog.Committed committed) {
    List<AliasMove> moves = new ArrayList<>();
    for (MoveDoc move : committed.entry().moves) {
      AliasMove aliasMove = ModelState.toMove(committed.state().model, committed.entry(), move);
      moves.add(aliasMove);
      follow(aliasMove, committed.entry().seq);
      events.aliasMoved(aliasMove);
    }
    return moves;
  }

  /** Swaps the in-process handles that follow a moved alias at once; {@code seq} is the move's history position. */
  private void follow(AliasMove move, long seq) {
    if (move.to().isEmpty()) {
      return;
    }
    for (ServingHandle handle : handles) {
      Reference followed = handle.parsed();
      if (followed.followsAlias() && followed.model().equals(move.model()) && followed.alias().equals(move.alias())) {
        try {
          handle.swapTo(new ServingHandle.Target(Versions.toVersion(versions.read(move.model(), move.to().getAsInt())),
              seq));
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(DefaultModelRegistry.class)
              .warn("handle on {} could not load {}; it keeps serving {}", followed, move, handle.version(), e);
        }
      }
    }
  }

  private GateDecision evaluate(ModelVersion candidate, String alias) {
    try {
      return gate.evaluate(candidate, alias);
    } catch (RuntimeException e) {
      throw new GateFailedException("The promotion gate failed while checking " + candidate + " for '" + alias + "': "
          + e.getMessage(), e);
    }
  }

  private PromotionRequest pending(ModelState state, String requestId) {
    PromotionRequest stored = state.requests.get(requestId);
    if (stored == null) {
      throw new NotFoundException("No promotion request '" + Excerpt.of(requestId) + "'");
    }
    PromotionRequest request = ModelState.asOf(stored, clock.instant());
    if (request.status() == PromotionStatus.EXPIRED) {
      throw new GateFailedException("Promotion request " + requestId + " expired at " + request.expiresAt()
          + "; request the promotion again");
    }
    if (request.status() != PromotionStatus.PENDING) {
      throw new ConflictException("Promotion request " + requestId + " is already " + request.status());
    }
    return request;
  }

  private static AliasPolicy policyOf(ModelState state, String alias) {
    AliasPolicy policy = state.policies.get(alias);
    if (policy == null) {
      throw new IllegalArgumentException("alias '" + alias + "' of model '" + state.model + "' is not protected;"
          + " move it with moveAliases(...), or protect(...) it first");
    }
    return policy;
  }

  private LogEntry entry(String kind, String actor, String reason) {
    LogEntry entry = new LogEntry();
    entry.kind = kind;
    entry.actor = actor;
    entry.reason = reason;
    entry.at = clock.instant().toString();
    return entry;
  }

  private static String modelOf(String requestId) {
    requireNonNull(requestId, "requestId");
    int colon = requestId.lastIndexOf(':');
    if (colon <= 0 || !requestId.substring(colon + 1).matches("[0-9]{1,18}")) {
      throw new NotFoundException("'" + Excerpt.of(requestId) + "' is not a promotion request id (model:number)");
    }
    return Names.requireValid("model", requestId.substring(0, colon));
  }

  private ModelState state(String model) {
    requireModel(model);
    return log(model).refresh();
  }

  private void requireModel(String model) {
    Names.requireValid("model", model);
    // Models are never deleted, so one that was seen once need not be listed again.
    if (!knownModels.contains(model) && !versions.exists(model)) {
      throw new NotFoundException("No model '" + model + "' in this store; list models with `mlops models ls`");
    }
    knownModels.add(model);
  }

  private ModelLog log(String model) {
    return logs.computeIfAbsent(model, name -> new ModelLog(store, name));
  }
}
