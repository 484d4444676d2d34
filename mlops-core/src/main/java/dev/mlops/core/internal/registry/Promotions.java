package dev.mlops.core.internal.registry;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.ConflictException;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.Remedy;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.GateDecision;
import dev.mlops.api.registry.GateVersion;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.PromotionGate;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.registry.PromotionStatus;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.registry.Docs.LogEntry;
import dev.mlops.core.internal.registry.Docs.MoveDoc;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Promotion of protected aliases: requests decided by the alias's gates, approvals and rejections,
 * each an entry of the model's history. The gates run before the request is committed (they may
 * take a while); the commit then checks that neither the alias's gate nor its champion changed
 * meanwhile, so a request always records the gate version that really decided.
 */
final class Promotions {
  private final ModelLogs logs;
  private final Versions versions;
  private final Aliases aliases;
  private final StoredGates gates;
  private final GateCheck check;
  private final Events events;
  private final Clock clock;
  private final @Nullable PromotionGate extraGate;

  Promotions(ModelLogs logs, Versions versions, Aliases aliases, StoredGates gates, GateCheck check, Events events,
      Clock clock, @Nullable PromotionGate extraGate) {
    this.logs = logs;
    this.versions = versions;
    this.aliases = aliases;
    this.gates = gates;
    this.check = check;
    this.events = events;
    this.clock = clock;
    this.extraGate = extraGate;
  }

  PromotionRequest request(String model, String alias, int version, String requester, String reason) {
    requireNonNull(requester, "requester");
    requireNonNull(reason, "reason");
    Reference.requireAlias(alias);
    ModelVersion candidate = Versions.toVersion(versions.read(model, version));
    ModelState before = logs.state(model);
    boolean gated = ModelLogs.policyOf(before, alias).requireGate();
    Verdict verdict = gated ? decide(before, candidate, alias) : Verdict.NONE;
    ModelLog.Committed committed = logs.log(model).commit(state -> {
      AliasPolicy policy = ModelLogs.policyOf(state, alias);
      boolean gateChanged = !Objects.equals(state.gates.get(alias), verdict.gate);
      boolean championChanged = verdict.gate != null && !Objects.equals(state.aliases.get(alias), verdict.champion);
      if (policy.requireGate() != gated || gated && (gateChanged || championChanged)) {
        throw new ConflictException("The policy, gate or version of " + model + "@" + alias + " changed while the"
            + " gate checked " + candidate + "; request the promotion again");
      }
      LogEntry entry = logs.entry(LogEntry.REQUEST, requester, reason);
      entry.alias = alias;
      entry.version = version;
      entry.expiresAt = Instant.parse(entry.at).plus(policy.expiry()).toString();
      entry.gate = verdict.gate;
      entry.gateReasons = verdict.reasons.isEmpty() ? null : verdict.reasons;
      if (policy.approvals() == 0) {
        entry.moves.add(new MoveDoc(alias, state.aliases.get(alias), version));
      }
      return entry;
    });
    PromotionRequest request = committed.state().requests.get(ModelState.requestId(model, committed.entry().seq));
    events.promotionRequested(request);
    if (request.status() == PromotionStatus.APPROVED) {
      events.promotionApproved(request);
    }
    aliases.moved(committed);
    return request;
  }

  /** Runs the alias's stored gate, then the extra gate; throws on the first refusal. */
  private Verdict decide(ModelState state, ModelVersion candidate, String alias) {
    Integer gateVersion = state.gates.get(alias);
    Integer champion = state.aliases.get(alias);
    if (gateVersion == null && extraGate == null) {
      throw new GateFailedException("Alias '" + alias + "' of model '" + state.model + "' requires a gate and none"
          + " is stored", Remedy.SET_GATE);
    }
    List<String> reasons = new ArrayList<>();
    if (gateVersion != null) {
      GateVersion gate = gates.read(state.model, alias, gateVersion);
      Optional<ModelVersion> current = champion == null ? Optional.empty()
          : Optional.of(Versions.toVersion(versions.read(state.model, champion)));
      GateDecision decision = check.run(gate, candidate, current);
      if (!decision.passed()) {
        throw new GateFailedException(String.join("; ", decision.reasons()));
      }
      reasons.addAll(decision.reasons());
    }
    if (extraGate != null) {
      GateDecision decision = evaluateExtra(candidate, alias);
      if (!decision.passed()) {
        throw new GateFailedException("The extra promotion gate refused " + candidate + " for '" + alias + "': "
            + String.join("; ", decision.reasons()));
      }
      reasons.addAll(decision.reasons());
    }
    return new Verdict(gateVersion, champion, reasons);
  }

  private GateDecision evaluateExtra(ModelVersion candidate, String alias) {
    try {
      return extraGate.evaluate(candidate, alias);
    } catch (RuntimeException e) {
      throw new GateFailedException("The extra promotion gate failed while checking " + candidate + " for '" + alias
          + "': " + e.getMessage(), e);
    }
  }

  PromotionRequest approve(String requestId, String approver) {
    requireNonNull(approver, "approver");
    String model = ModelLogs.modelOf(requestId);
    ModelLog.Committed committed = logs.log(model).commit(state -> {
      PromotionRequest request = pending(state, requestId);
      if (request.approvers().contains(approver)) {
        throw new ConflictException("'" + Excerpt.of(approver) + "' already approved request " + requestId
            + "; approvals must come from distinct identities");
      }
      if (request.requester().equals(approver)) {
        throw new ConflictException("'" + Excerpt.of(approver) + "' made request " + requestId
            + " and cannot approve it; ask another person");
      }
      LogEntry entry = logs.entry(LogEntry.APPROVE, approver, "approve " + requestId);
      entry.requestId = requestId;
      if (request.approvers().size() + 1 >= ModelLogs.policyOf(state, request.alias()).approvals()) {
        entry.moves.add(new MoveDoc(request.alias(), state.aliases.get(request.alias()), request.version()));
      }
      return entry;
    });
    PromotionRequest request = committed.state().requests.get(requestId);
    if (request.status() == PromotionStatus.APPROVED) {
      events.promotionApproved(request);
    }
    aliases.moved(committed);
    return request;
  }

  PromotionRequest reject(String requestId, String approver, String reason) {
    requireNonNull(approver, "approver");
    requireNonNull(reason, "reason");
    String model = ModelLogs.modelOf(requestId);
    ModelLog.Committed committed = logs.log(model).commit(state -> {
      pending(state, requestId);
      LogEntry entry = logs.entry(LogEntry.REJECT, approver, reason);
      entry.requestId = requestId;
      return entry;
    });
    PromotionRequest request = committed.state().requests.get(requestId);
    events.promotionRejected(request);
    return request;
  }

  PromotionRequest promotion(String requestId) {
    String model = ModelLogs.modelOf(requestId);
    PromotionRequest request = logs.state(model).requests.get(requestId);
    if (request == null) {
      throw new NotFoundException("No promotion request '" + Excerpt.of(requestId) + "' of model '" + model
          + "'", Remedy.LIST_PROMOTIONS);
    }
    return ModelState.asOf(request, clock.instant());
  }

  List<PromotionRequest> promotions(String model) {
    Instant now = clock.instant();
    return logs.state(model).requests.values().stream().map(r -> ModelState.asOf(r, now)).toList();
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

  /** What the gates decided: the stored gate version and the champion they saw, and their reasons. */
  private record Verdict(@Nullable Integer gate, @Nullable Integer champion, List<String> reasons) {
    static final Verdict NONE = new Verdict(null, null, List.of());
  }
}
