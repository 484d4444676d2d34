package dev.mlops.core.internal.registry;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.Remedy;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.registry.Docs.LogEntry;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every model's history ({@link ModelLog}), shared by the parts of the registry that read or
 * append to it: one cached fold per model, and the checks every entry point makes first.
 */
final class ModelLogs {
  private final ObjectStore store;
  private final Clock clock;
  private final Versions versions;
  private final Map<String, ModelLog> logs = new ConcurrentHashMap<>();
  private final Set<String> knownModels = ConcurrentHashMap.newKeySet();
  private final Renames renames;

  ModelLogs(ObjectStore store, Clock clock, Versions versions) {
    this.store = store;
    this.clock = clock;
    this.versions = versions;
    this.renames = new Renames(store, this);
  }

  Renames renames() {
    return renames;
  }

  /** The model's state, with the entries other writers appended since the last look. */
  ModelState state(String model) {
    requireModel(model);
    return log(model).refresh();
  }

  ModelLog log(String model) {
    return logs.computeIfAbsent(model, name -> new ModelLog(store, name));
  }

  /**
   * Throws unless the model exists under this name; completes a rename from or to it that is in
   * progress first.
   */
  void requireModel(String model) {
    Names.requireValid("model", model);
    // Models are never deleted, so one that was seen once need not be listed again; a rename
    // makes the next look at it find the rename entry.
    if (!knownModels.contains(model) && !versions.exists(model)) {
      throw new NotFoundException("No model '" + model + "' in this store", Remedy.LIST_MODELS);
    }
    renames.settle(model);
    renames.requireNotRenamed(model);
    knownModels.add(model);
  }

  /** Forgets that a model exists: it was renamed. */
  void forget(String model) {
    knownModels.remove(model);
  }

  /** A new entry stamped with the registry's clock. */
  LogEntry entry(String kind, String actor, String reason) {
    LogEntry entry = new LogEntry();
    entry.kind = kind;
    entry.actor = actor;
    entry.reason = reason;
    entry.at = clock.instant().toString();
    return entry;
  }

  /** The model a request id ({@code model:seq}) belongs to. */
  static String modelOf(String requestId) {
    requireNonNull(requestId, "requestId");
    int colon = requestId.lastIndexOf(':');
    if (colon <= 0 || !requestId.substring(colon + 1).matches("[0-9]{1,18}")) {
      throw new NotFoundException("'" + Excerpt.of(requestId) + "' is not a promotion request id (model:number)");
    }
    return Names.requireValid("model", requestId.substring(0, colon));
  }

  /** The alias's policy; an alias that is not protected has none. */
  static AliasPolicy policyOf(ModelState state, String alias) {
    AliasPolicy policy = state.policies.get(alias);
    if (policy == null) {
      throw new IllegalArgumentException("alias '" + alias + "' of model '" + state.model + "' is not protected;"
          + " move it with moveAliases(...), or protect(...) it first");
    }
    return policy;
  }
}
