package dev.mlops.core.internal.registry;

import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.registry.PromotionStatus;
import dev.mlops.core.internal.registry.Docs.LogEntry;
import dev.mlops.core.internal.registry.Docs.MoveDoc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A model's aliases, protections, stored gate versions and promotion requests after the first {@link #seq} entries of its
 * history: the history folded. Immutable; {@link #apply} returns the next state.
 */
final class ModelState {
  final String model;
  final long seq;
  final Map<String, Integer> aliases;
  final Map<String, AliasPolicy> policies;
  /** Alias to its current stored gate version. */
  final Map<String, Integer> gates;
  final Map<String, PromotionRequest> requests;
  final List<LogEntry> entries;
  /** The rename entry this history ends with, while it is not aborted; null otherwise. */
  final @Nullable LogEntry rename;

  private ModelState(String model, long seq, Map<String, Integer> aliases, Map<String, AliasPolicy> policies,
      Map<String, Integer> gates, Map<String, PromotionRequest> requests, List<LogEntry> entries,
      @Nullable LogEntry rename) {
    this.model = model;
    this.seq = seq;
    this.aliases = Collections.unmodifiableMap(aliases);
    this.policies = Collections.unmodifiableMap(policies);
    this.gates = Collections.unmodifiableMap(gates);
    this.requests = Collections.unmodifiableMap(requests);
    this.entries = Collections.unmodifiableList(entries);
    this.rename = rename;
  }

  static ModelState empty(String model) {
    return new ModelState(model, 0, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new LinkedHashMap<>(),
        new ArrayList<>(), null);
  }

  static String requestId(String model, long seq) {
    return model + ":" + seq;
  }

  ModelState apply(LogEntry entry) {
    Map<String, Integer> nextAliases = new TreeMap<>(aliases);
    Map<String, AliasPolicy> nextPolicies = new TreeMap<>(policies);
    Map<String, Integer> nextGates = new TreeMap<>(gates);
    Map<String, PromotionRequest> nextRequests = new LinkedHashMap<>(requests);
    Instant at = Instant.parse(entry.at);
    switch (entry.kind) {
      case LogEntry.PROTECT -> nextPolicies.put(entry.alias, new AliasPolicy(Boolean.TRUE.equals(entry.requireGate),
          entry.approvals, Duration.ofSeconds(entry.expirySeconds)));
      case LogEntry.GATE -> nextGates.put(entry.alias, entry.gate);
      case LogEntry.REQUEST -> {
        String id = requestId(model, entry.seq);
        PromotionStatus status = entry.moves.isEmpty() ? PromotionStatus.PENDING : PromotionStatus.APPROVED;
        nextRequests.put(id, new PromotionRequest(id, model, entry.alias, entry.version, entry.actor, entry.reason,
            status, List.of(), at, Instant.parse(entry.expiresAt), optional(entry.gate),
            entry.gateReasons == null ? List.of() : entry.gateReasons));
      }
      case LogEntry.APPROVE -> {
        PromotionRequest request = nextRequests.get(entry.requestId);
        if (request != null) {
          List<String> approvers = new ArrayList<>(request.approvers());
          approvers.add(entry.actor);
          nextRequests.put(request.id(), with(request, entry.moves.isEmpty() ? request.status()
              : PromotionStatus.APPROVED, approvers));
        }
      }
      case LogEntry.REJECT -> {
        PromotionRequest request = nextRequests.get(entry.requestId);
        if (request != null) {
          nextRequests.put(request.id(), with(request, PromotionStatus.REJECTED, request.approvers()));
        }
      }
      default -> { }
    }
    for (MoveDoc move : entry.moves) {
      if (move.to == null) {
        nextAliases.remove(move.alias);
      } else {
        nextAliases.put(move.alias, move.to);
      }
    }
    List<LogEntry> nextEntries = new ArrayList<>(entries);
    nextEntries.add(entry);
    LogEntry nextRename = switch (entry.kind) {
      case LogEntry.RENAME -> entry;
      case LogEntry.RENAME_ABORTED -> null;
      default -> rename;
    };
    return new ModelState(model, entry.seq, nextAliases, nextPolicies, nextGates, nextRequests, nextEntries,
        nextRename);
  }

  /** The request as it stands at {@code now}: a pending request past its deadline has expired. */
  static PromotionRequest asOf(PromotionRequest request, Instant now) {
    if (request.status() == PromotionStatus.PENDING && now.isAfter(request.expiresAt())) {
      return with(request, PromotionStatus.EXPIRED, request.approvers());
    }
    return request;
  }

  /** Every alias move in the history, oldest first, optionally of one alias only. */
  List<AliasMove> moves(String aliasOrNull) {
    List<AliasMove> moves = new ArrayList<>();
    for (LogEntry entry : entries) {
      for (MoveDoc move : entry.moves) {
        if (aliasOrNull == null || aliasOrNull.equals(move.alias)) {
          moves.add(toMove(entry, move));
        }
      }
    }
    return moves;
  }

  /**
   * The move as the API tells it, with the stored gate version that let it through: the request's,
   * whether the move came with the request or with its last approval.
   */
  AliasMove toMove(LogEntry entry, MoveDoc move) {
    OptionalInt gate = switch (entry.kind) {
      case LogEntry.REQUEST -> optional(entry.gate);
      case LogEntry.APPROVE -> {
        PromotionRequest request = requests.get(entry.requestId);
        yield request == null ? OptionalInt.empty() : request.gate();
      }
      default -> OptionalInt.empty();
    };
    return new AliasMove(model, move.alias, optional(move.from), optional(move.to), entry.actor,
        entry.reason, Instant.parse(entry.at), gate);
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  private static PromotionRequest with(PromotionRequest r, PromotionStatus status, List<String> approvers) {
    return new PromotionRequest(r.id(), r.model(), r.alias(), r.version(), r.requester(), r.reason(), status,
        approvers, r.createdAt(), r.expiresAt(), r.gate(), r.gateReasons());
  }
}
