package dev.mlops.core.internal.registry;

import dev.mlops.api.ConflictException;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.Remedy;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.core.internal.registry.Docs.GateDoc;
import dev.mlops.core.internal.registry.Docs.LogEntry;
import dev.mlops.core.internal.registry.Docs.SealDoc;
import dev.mlops.core.internal.registry.Docs.VersionDoc;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Renames models. Every object of a model is keyed by its name, so a rename copies them; the copy
 * is made safe by a journal that is the model's own history. A {@code rename} entry appended to
 * the old name's history (putIfAbsent of its next number, as every history entry) decides the
 * rename: from then on nothing else is appended there. Whoever next touches either name rolls the
 * rename forward, idempotently: (1) claim the new name by putIfAbsent of the copy of version 1
 * (taken by another model: append {@code rename-aborted}, the model keeps its name); (2) copy
 * versions 2, 3, .. and put a seal in the old name's first free version slot, after which no
 * version can be registered there; (3) copy the stored gates; (4) copy the history before the
 * rename entry; (5) append {@code arrive} to the new name's history at the rename entry's number,
 * which marks the rename complete. The old name's objects stay: its history ends with the rename,
 * so it answers not found, and the name is not reused. See docs/architecture.md.
 */
final class Renames {
  private final ObjectStore store;
  private final ModelLogs logs;
  /** New names whose arrival is complete (or that never arrived): no need to look again. */
  private final Set<String> settled = ConcurrentHashMap.newKeySet();
  /** Old names whose rename is complete, with their new name: renames are final. */
  private final Map<String, String> renamedAway = new ConcurrentHashMap<>();

  Renames(ObjectStore store, ModelLogs logs) {
    this.store = store;
    this.logs = logs;
  }

  /** Renames {@code from} to {@code to}; see the class comment. */
  void rename(String from, String to, String actor) {
    Names.requireValid("model", to);
    if (from.equals(to)) {
      throw new IllegalArgumentException("model '" + from + "' is called '" + to + "' already; give rename(..) a new"
          + " name");
    }
    logs.requireModel(from);
    requireFree(to);
    ModelLog.Committed committed = logs.log(from).commitAny(state -> {
      if (state.rename != null) {
        throw new ConflictException("Model '" + from + "' is being renamed to '" + state.rename.renamedTo
            + "' by another writer; list models with ModelRegistry.models() to see its name");
      }
      LogEntry entry = logs.entry(LogEntry.RENAME, actor, "rename to " + to);
      entry.renamedTo = to;
      return entry;
    });
    if (!finish(from, committed.entry())) {
      throw taken(to);
    }
  }

  /**
   * Throws if {@code model} was renamed (completing a rename in progress first); a rename that
   * could not take its new name leaves the model as it was.
   */
  void requireNotRenamed(String model) {
    String to = renamedAway.get(model);
    if (to == null) {
      LogEntry rename = logs.log(model).refresh().rename;
      if (rename == null || !finish(model, rename)) {
        return;
      }
      to = rename.renamedTo;
    }
    throw new NotFoundException("No model '" + model + "' in this store: it was renamed to '" + to + "'",
        Remedy.LIST_MODELS);
  }

  /** The new name of a model whose rename this registry saw complete. */
  Optional<String> renamedTo(String model) {
    return Optional.ofNullable(renamedAway.get(model));
  }

  /** Completes the arrival of a model under {@code model} if a rename to it is in progress. */
  void settle(String model) {
    if (settled.contains(model)) {
      return;
    }
    String key = RegistryKeys.version(model, 1);
    Optional<StoredBytes> first = store.get(key);
    if (first.isEmpty()) {
      return;
    }
    VersionDoc doc = Docs.version(first.get().bytes(), key);
    if (doc.renamedFrom != null) {
      LogEntry rename = logs.log(doc.renamedFrom).refresh().rename;
      if (rename == null || !model.equals(rename.renamedTo)) {
        throw new IntegrityException("Registry document '" + key + "' is a copy from model '" + doc.renamedFrom
            + "', whose history has no rename to '" + model + "'; restore the store from a backup");
      }
      finish(doc.renamedFrom, rename);
    }
    settled.add(model);
  }

  /**
   * Called before {@code model}'s version {@code version} is claimed: refuses a claim after a
   * rename's seal and completes an arrival in progress, so no registration lands between copies.
   */
  void beforeClaim(String model, int version) {
    if (version > 1) {
      String key = RegistryKeys.version(model, version - 1);
      Optional<StoredBytes> previous = store.get(key);
      if (previous.isPresent() && Docs.isSeal(previous.get().bytes())) {
        String to = Docs.seal(previous.get().bytes(), key).movedTo;
        throw new ConflictException("Model '" + model + "' was renamed to '" + to + "'; register the version"
            + " under '" + to + "' (the names of renamed models are not reused)");
      }
      settle(model);
    }
  }

  /** Completes a decided rename; false if it was aborted because its new name was taken. */
  private boolean finish(String from, LogEntry rename) {
    String to = rename.renamedTo;
    if (store.get(RegistryKeys.logEntry(to, rename.seq)).isEmpty() && !rollForward(from, rename)) {
      return false;
    }
    renamedAway.put(from, to);
    logs.forget(from);
    return true;
  }

  private boolean rollForward(String from, LogEntry rename) {
    String to = rename.renamedTo;
    if (!copyVersion(from, to, 1)) {
      logs.log(from).commitAny(state -> {
        if (state.rename == null || state.rename.seq != rename.seq) {
          return null;
        }
        return logs.entry(LogEntry.RENAME_ABORTED, rename.actor, "'" + to + "' was taken");
      });
      return false;
    }
    for (int version = 2; copyVersion(from, to, version); version++) {
      // each pass copies one version; the loop ends at the seal
    }
    copyGates(from, to);
    for (long seq = 1; seq < rename.seq; seq++) {
      String key = RegistryKeys.logEntry(from, seq);
      LogEntry entry = Docs.logEntry(read(key), key);
      if (entry.requestId != null && entry.requestId.startsWith(from + ":")) {
        entry.requestId = to + entry.requestId.substring(from.length());
      }
      store.putIfAbsent(RegistryKeys.logEntry(to, seq), Docs.encode(entry));
    }
    LogEntry arrive = logs.entry(LogEntry.ARRIVE, rename.actor, rename.reason);
    arrive.seq = rename.seq;
    arrive.renamedFrom = from;
    store.putIfAbsent(RegistryKeys.logEntry(to, rename.seq), Docs.encode(arrive));
    return true;
  }

  /**
   * Copies version {@code version} of {@code from} to {@code to}, or seals the slot if it is free.
   *
   * @return true if a version was copied (or had been), false at the seal or if version 1 of
   *     {@code to} belongs to another model
   */
  private boolean copyVersion(String from, String to, int version) {
    String key = RegistryKeys.version(from, version);
    byte[] bytes;
    while (true) {
      Optional<StoredBytes> slot = store.get(key);
      if (slot.isPresent()) {
        bytes = slot.get().bytes();
        break;
      }
      if (store.putIfAbsent(key, Docs.encode(new SealDoc(from, version, to)))) {
        return false;
      }
    }
    if (Docs.isSeal(bytes)) {
      SealDoc seal = Docs.seal(bytes, key);
      if (!seal.movedTo.equals(to)) {
        throw new IntegrityException("Registry document '" + key + "' seals model '" + from + "' for '"
            + seal.movedTo + "', but its history renames it to '" + to + "'; restore the store from a backup");
      }
      return false;
    }
    VersionDoc copy = Docs.version(bytes, key);
    copy.model = to;
    copy.renamedFrom = from;
    String target = RegistryKeys.version(to, version);
    if (store.putIfAbsent(target, Docs.encode(copy))) {
      return true;
    }
    VersionDoc there = Docs.version(read(target), target);
    if (from.equals(there.renamedFrom)) {
      return true;
    }
    if (version == 1) {
      return false;
    }
    throw new IntegrityException("Registry document '" + target + "' is not the copy of " + from + " version "
        + version + " that renaming it needs; restore the store from a backup");
  }

  private void copyGates(String from, String to) {
    List<String> keys;
    try (Stream<ObjectInfo> listing = store.list(RegistryKeys.MODELS + from + "/gates/")) {
      keys = listing.map(ObjectInfo::key).filter(RegistryKeys::isGate).toList();
    }
    for (String key : keys) {
      GateDoc gate = Docs.gate(read(key), key);
      gate.model = to;
      store.putIfAbsent(RegistryKeys.gate(to, gate.alias, gate.version), Docs.encode(gate));
    }
  }

  private void requireFree(String to) {
    if (!store.get(RegistryKeys.version(to, 1)).isPresent()) {
      return;
    }
    throw taken(to);
  }

  private ConflictException taken(String to) {
    LogEntry rename = logs.log(to).refresh().rename;
    String now = rename == null ? "" : " (the name of the model now called '" + rename.renamedTo
        + "': the names of renamed models are not reused)";
    return new ConflictException("A model named '" + to + "' exists already" + now + "; choose another name");
  }

  private byte[] read(String key) {
    return store.get(key).orElseThrow(() -> new IntegrityException("Registry document '" + key
        + "' is missing while a rename copies it; restore the store from a backup")).bytes();
  }
}
