package dev.mlops.core.internal.retrain;

import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.RequestStatus;
import dev.mlops.api.retrain.RetrainAction;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.core.internal.retrain.DecisionCodec.Entry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live policy: decides each window with {@link PolicyEngine} on the state of the latest history
 * entry, records the decision by claiming the next sequence number (re-deciding on the new
 * state when another process claimed it first), then acts on it.
 */
final class DefaultRetrainPolicy implements RetrainPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultRetrainPolicy.class);

  private final RetrainPolicyConfig config;
  private final RetrainAction action;
  private final DecisionLog log;
  private final RequestStore requests;
  private final RetrainMeters meters;
  private final Clock clock;

  DefaultRetrainPolicy(RetrainPolicyConfig config, RetrainAction action, DecisionLog log,
      RequestStore requests, RetrainMeters meters, Clock clock) {
    this.config = config;
    this.action = action;
    this.log = log;
    this.requests = requests;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public RetrainPolicyConfig config() {
    return config;
  }

  @Override
  public synchronized RetrainDecision evaluate(RetrainSignals signals) {
    runApproved();
    RetrainDecision decision;
    while (true) {
      Optional<Entry> last = log.latest();
      last.ifPresent(this::repairRequest);
      if (last.isPresent() && !signals.at().isAfter(last.get().decision().at())) {
        throw new IllegalArgumentException("window " + signals.at() + " is not after the last"
            + " evaluated window " + last.get().decision().at() + " of policy '" + config.name()
            + "'; evaluate windows in time order, once each");
      }
      PolicyState state = last.map(Entry::state).orElse(PolicyState.INITIAL);
      long seq = last.map(e -> e.decision().seq()).orElse(0L) + 1;
      PolicyEngine.Outcome outcome = PolicyEngine.evaluate(config, state, signals, seq);
      decision = withRequest(outcome.decision());
      if (log.append(new Entry(decision, outcome.state(), clock.instant()))) {
        break;
      }
    }
    meters.record(decision);
    if (decision.requestId().isPresent()) {
      createRequest(decision);
    } else if (decision.automation().orElse(null) == Automation.AUTO) {
      act(decision);
    }
    return decision;
  }

  @Override
  public synchronized List<RetrainRequest> runApproved() {
    List<RetrainRequest> ran = new ArrayList<>();
    for (RetrainRequest request : requests.ofPolicy(config.name())) {
      if (request.status() == RequestStatus.APPROVED && !request.executed()
          && requests.claimExecution(request.id())) {
        act(request.decision());
        ran.add(requests.get(request.id()));
      }
    }
    return ran;
  }

  @Override
  public List<RetrainDecision> decisions(Instant from, Instant to) {
    return log.range(from, to).stream().map(Entry::decision).toList();
  }

  private RetrainDecision withRequest(RetrainDecision d) {
    if (d.automation().orElse(null) != Automation.APPROVAL) {
      return d;
    }
    return new RetrainDecision(d.policy(), d.seq(), d.at(), d.asked(), d.fired(), d.automation(),
        d.evidence(), d.newLabelledRows(), d.suppressedBy(),
        Optional.of(RequestStore.id(d.policy(), d.seq())));
  }

  private void createRequest(RetrainDecision decision) {
    Instant now = clock.instant();
    requests.create(new RetrainRequest(decision.requestId().orElseThrow(), decision,
        RequestStatus.PENDING, now, now.plus(config.approvalTimeout()), Optional.empty(),
        Optional.empty(), Optional.empty(), false));
  }

  /** A crash between recording a decision and creating its request is healed by the next window. */
  private void repairRequest(Entry last) {
    last.decision().requestId().filter(id -> !requests.exists(id))
        .ifPresent(id -> createRequest(last.decision()));
  }

  private void act(RetrainDecision decision) {
    try {
      action.retrain(decision);
    } catch (Exception e) {
      meters.actionFailed();
      LOG.error("Retrain action of policy '{}' failed for the decision of {} (#{})", config.name(),
          decision.at(), decision.seq(), e);
    }
  }
}
