package dev.mlops.core.internal.retrain;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.retrain.BacktestReport;
import dev.mlops.api.retrain.PipelineRun;
import dev.mlops.api.retrain.RequestStatus;
import dev.mlops.api.retrain.RetrainAction;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPipeline;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.StepAction;
import dev.mlops.api.retrain.Retraining;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.Names;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.retrain.DecisionCodec.Entry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/** {@link Retraining} on one store. Holds no state of its own beyond what it was given. */
public final class DefaultRetraining implements Retraining {
  private final ObjectStore store;
  private final MeterRegistry meters;
  private final Clock clock;
  private final RequestStore requests;
  private final PipelineRunner pipelines;

  /**
   * Creates the facade.
   *
   * @param store the store
   * @param meters where the meters go
   * @param clock the clock for request times and expiry
   */
  public DefaultRetraining(ObjectStore store, MeterRegistry meters, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.meters = requireNonNull(meters, "meters");
    this.clock = requireNonNull(clock, "clock");
    this.requests = new RequestStore(store, clock);
    this.pipelines = new PipelineRunner(store, clock);
  }

  @Override
  public RetrainPolicy policy(RetrainPolicyConfig config) {
    return policy(config, RetrainAction.NONE);
  }

  @Override
  public RetrainPolicy policy(RetrainPolicyConfig config, RetrainAction action) {
    requireNonNull(config, "config");
    requireNonNull(action, "action");
    return new DefaultRetrainPolicy(config, action, new DecisionLog(store, config.name()), requests,
        new RetrainMeters(meters, config.name()), clock);
  }

  @Override
  public RetrainPolicyConfig parsePolicy(String json) {
    return PolicyJson.parse(requireNonNull(json, "json"));
  }

  @Override
  public String toJson(RetrainPolicyConfig config) {
    return PolicyJson.write(requireNonNull(config, "config"));
  }

  @Override
  public List<String> policies() {
    TreeSet<String> names = new TreeSet<>();
    try (Stream<ObjectInfo> keys = store.list(DecisionLog.ROOT)) {
      keys.forEach(info -> {
        String rest = info.key().substring(DecisionLog.ROOT.length());
        int slash = rest.indexOf('/');
        if (slash > 0) {
          names.add(rest.substring(0, slash));
        }
      });
    }
    return List.copyOf(names);
  }

  @Override
  public List<RetrainDecision> decisions(String policy, Instant from, Instant to) {
    return log(policy).range(requireNonNull(from, "from"), requireNonNull(to, "to")).stream()
        .map(Entry::decision).toList();
  }

  @Override
  public Optional<RetrainDecision> lastDecision(String policy) {
    return log(policy).latest().map(Entry::decision);
  }

  @Override
  public RetrainRequest request(String id) {
    return requests.get(requireNonNull(id, "id"));
  }

  @Override
  public List<RetrainRequest> requests() {
    return requests.all();
  }

  @Override
  public RetrainRequest approve(String id, String by, String reason) {
    return requests.decide(requireNonNull(id, "id"), RequestStatus.APPROVED,
        requireNonNull(by, "by"), requireNonNull(reason, "reason"));
  }

  @Override
  public RetrainRequest reject(String id, String by, String reason) {
    return requests.decide(requireNonNull(id, "id"), RequestStatus.REJECTED,
        requireNonNull(by, "by"), requireNonNull(reason, "reason"));
  }

  @Override
  public PipelineRun run(RetrainPipeline pipeline, String runId, Map<String, String> inputs) {
    return pipelines.run(requireNonNull(pipeline, "pipeline"), requireNonNull(runId, "runId"),
        requireNonNull(inputs, "inputs"));
  }

  @Override
  public StepAction promoteThroughGate(ModelRegistry registry, String alias, String requester) {
    requireNonNull(registry, "registry");
    Names.requireValid("alias", alias);
    if (alias.chars().allMatch(Character::isDigit)) {
      throw InvalidNameException.rejected("alias name", alias, "it is all digits, which reads as a"
          + " version number; choose a name with a letter");
    }
    return new GatedPromotionStep(registry, alias, requireNonNull(requester, "requester"));
  }

  @Override
  public Optional<PipelineRun> pipelineRun(String pipeline, String runId) {
    return pipelines.read(requireNonNull(pipeline, "pipeline"), requireNonNull(runId, "runId"));
  }

  @Override
  public List<PipelineRun> pipelineRuns(String pipeline) {
    return pipelines.list(requireNonNull(pipeline, "pipeline"));
  }

  @Override
  public BacktestReport backtest(RetrainPolicyConfig config, List<RetrainSignals> windows,
      List<Instant> changePoints) {
    return Backtester.run(requireNonNull(config, "config"), List.copyOf(windows),
        List.copyOf(changePoints));
  }

  private DecisionLog log(String policy) {
    return new DecisionLog(store, Names.requireValid("policy", policy));
  }
}
