package dev.mlops.core.internal.registry;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.Remedy;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.core.internal.registry.Docs.LogEntry;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One model's append-only history and the state it folds to. An entry is committed by claiming
 * the next sequence number with putIfAbsent: exactly one of several racing writers (threads or
 * processes) gets it, and the others re-read and decide again. The entry is the commit, so an alias
 * move and its history record can never disagree, and several aliases move in one entry atomically.
 */
final class ModelLog {
  private final ObjectStore store;
  private final String model;
  private ModelState state;

  ModelLog(ObjectStore store, String model) {
    this.store = store;
    this.model = model;
    this.state = ModelState.empty(model);
  }

  /** Reads the entries other writers appended since the last look and returns the current state. */
  synchronized ModelState refresh() {
    while (true) {
      String key = RegistryKeys.logEntry(model, state.seq + 1);
      Optional<StoredBytes> next = store.get(key);
      if (next.isEmpty()) {
        return state;
      }
      LogEntry entry = Docs.logEntry(next.get().bytes(), key);
      state = state.apply(entry);
    }
  }

  /**
   * Appends the entry {@code decide} builds from the current state, deciding again on the newer
   * state whenever another writer appended first. {@code decide} may throw to refuse. Refused once
   * the model is being renamed: its history ends with the rename.
   *
   * @return the committed entry and the state after it
   */
  Committed commit(Function<ModelState, LogEntry> decide) {
    return commitAny(state -> {
      if (state.rename != null) {
        throw new NotFoundException("No model '" + model + "' in this store: it is renamed to '"
            + state.rename.renamedTo + "'", Remedy.LIST_MODELS);
      }
      return decide.apply(state);
    });
  }

  /**
   * As {@link #commit}, also on a model being renamed (for the rename itself); {@code decide} may
   * return null to append nothing, and then the committed entry is null.
   */
  Committed commitAny(Function<ModelState, @Nullable LogEntry> decide) {
    while (true) {
      ModelState current = refresh();
      LogEntry entry = decide.apply(current);
      if (entry == null) {
        return new Committed(null, current);
      }
      entry.seq = current.seq + 1;
      if (store.putIfAbsent(RegistryKeys.logEntry(model, entry.seq), Docs.encode(entry))) {
        return new Committed(entry, advance(current, entry));
      }
    }
  }

  private synchronized ModelState advance(ModelState before, LogEntry entry) {
    if (state.seq == before.seq) {
      state = before.apply(entry);
      return state;
    }
    // Another thread of this process has read further meanwhile; the entry is in its state already
    // or will be on the next refresh.
    ModelState now = refresh();
    return now.seq >= entry.seq ? now : before.apply(entry);
  }

  record Committed(@Nullable LogEntry entry, ModelState state) {}
}
