package dev.mlops.core.internal.registry;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.GateFailedException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.Remedy;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.core.internal.registry.Docs.LogEntry;
import dev.mlops.core.internal.registry.Docs.MoveDoc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Aliases: moves, protection, history and rollback, as entries of the model's history. Every move
 * committed here or by {@link Promotions} goes through {@link #moved}, which swaps the handles
 * that follow the alias and tells the listeners.
 */
final class Aliases {
  private final ModelLogs logs;
  private final Versions versions;
  private final Serving serving;
  private final Events events;

  Aliases(ModelLogs logs, Versions versions, Serving serving, Events events) {
    this.logs = logs;
    this.versions = versions;
    this.serving = serving;
    this.events = events;
  }

  ModelVersion resolve(Reference parsed) {
    Integer version = logs.state(parsed.model()).aliases.get(parsed.alias());
    if (version == null) {
      throw new NotFoundException("Model '" + parsed.model() + "' has no alias '" + parsed.alias() + "'; its aliases"
          + " are " + aliases(parsed.model()).keySet());
    }
    return Versions.toVersion(versions.read(parsed.model(), version));
  }

  List<AliasMove> move(String model, Map<String, Integer> targets, String actor, String reason) {
    logs.requireModel(model);
    requireNonNull(actor, "actor");
    requireNonNull(reason, "reason");
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("targets must name at least one alias");
    }
    targets.forEach((alias, version) -> {
      Reference.requireAlias(alias);
      versions.read(model, version);
    });
    ModelLog.Committed committed = logs.log(model).commit(state -> {
      for (String alias : targets.keySet()) {
        AliasPolicy policy = state.policies.get(alias);
        if (policy != null) {
          throw new GateFailedException("Alias '" + alias + "' of model '" + model + "' is protected ("
              + describe(policy) + "); move it with requestPromotion(...) and the approvals it requires");
        }
      }
      LogEntry entry = logs.entry(LogEntry.MOVE, actor, reason);
      new TreeMap<>(targets).forEach((alias, to) -> entry.moves.add(new MoveDoc(alias, state.aliases.get(alias), to)));
      return entry;
    });
    return moved(committed);
  }

  AliasMove remove(String model, String alias, String actor, String reason) {
    logs.requireModel(model);
    Reference.requireAlias(alias);
    requireNonNull(actor, "actor");
    requireNonNull(reason, "reason");
    ModelLog.Committed committed = logs.log(model).commit(state -> {
      AliasPolicy policy = state.policies.get(alias);
      if (policy != null) {
        throw new GateFailedException("Alias '" + alias + "' of model '" + model + "' is protected ("
            + describe(policy) + "); it cannot be removed, only moved with requestPromotion(...)");
      }
      Integer from = state.aliases.get(alias);
      if (from == null) {
        throw new NotFoundException("Model '" + model + "' has no alias '" + alias + "'; its aliases are "
            + state.aliases.keySet());
      }
      LogEntry entry = logs.entry(LogEntry.MOVE, actor, reason);
      entry.moves.add(new MoveDoc(alias, from, null));
      return entry;
    });
    return moved(committed).get(0);
  }

  List<AliasMove> history(String model, String alias) {
    Reference.requireAlias(alias);
    return logs.state(model).moves(alias);
  }

  Optional<ModelVersion> at(String model, String alias, Instant time) {
    Reference.requireAlias(alias);
    requireNonNull(time, "time");
    Integer version = null;
    for (AliasMove move : logs.state(model).moves(alias)) {
      if (move.at().isAfter(time)) {
        break;
      }
      version = move.to().isPresent() ? move.to().getAsInt() : null;
    }
    return version == null ? Optional.empty() : Optional.of(Versions.toVersion(versions.read(model, version)));
  }

  void protect(String model, String alias, AliasPolicy policy) {
    logs.requireModel(model);
    Reference.requireAlias(alias);
    requireNonNull(policy, "policy");
    logs.log(model).commit(state -> {
      LogEntry entry = logs.entry(LogEntry.PROTECT, "mlops", "protect " + alias);
      entry.alias = alias;
      entry.requireGate = policy.requireGate();
      entry.approvals = policy.approvals();
      entry.expirySeconds = policy.expiry().toSeconds();
      return entry;
    });
  }

  AliasMove rollback(String model, String alias, String actor, String reason) {
    requireNonNull(actor, "actor");
    requireNonNull(reason, "reason");
    Reference.requireAlias(alias);
    ModelLog.Committed committed = logs.log(model).commit(state -> {
      List<AliasMove> history = state.moves(alias);
      if (history.isEmpty() || history.get(history.size() - 1).from().isEmpty()) {
        throw new NotFoundException("Alias '" + alias + "' of model '" + model + "' has no previous target to roll"
            + " back to", Remedy.SEE_ALIAS_HISTORY);
      }
      LogEntry entry = logs.entry(LogEntry.MOVE, actor, reason);
      entry.moves.add(new MoveDoc(alias, state.aliases.get(alias),
          history.get(history.size() - 1).from().getAsInt()));
      return entry;
    });
    return moved(committed).get(0);
  }

  Map<String, Integer> aliases(String model) {
    return Map.copyOf(logs.state(model).aliases);
  }

  Map<String, AliasPolicy> policies(String model) {
    return Map.copyOf(logs.state(model).policies);
  }

  /** Applies a committed entry's moves in this process: handles swap, listeners hear of them. */
  List<AliasMove> moved(ModelLog.Committed committed) {
    List<AliasMove> moves = new ArrayList<>();
    for (MoveDoc move : committed.entry().moves) {
      AliasMove aliasMove = committed.state().toMove(committed.entry(), move);
      moves.add(aliasMove);
      serving.follow(aliasMove, committed.entry().seq);
      events.aliasMoved(aliasMove);
    }
    return moves;
  }

  /** A policy in words, for messages. */
  static String describe(AliasPolicy policy) {
    return (policy.requireGate() ? "gate required" : "no gate") + ", " + policy.approvals() + " approval(s), requests"
        + " expire after " + policy.expiry();
  }
}
