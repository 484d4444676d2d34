package dev.mlops.core.internal.retrain;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.retrain.DecisionCodec.Entry;
import dev.mlops.core.internal.storage.NumberedObjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A policy's append-only history, {@code logs/retrain/<policy>/<seq>}: one object per decision,
 * its sequence number claimed by putIfAbsent, so racing processes never overwrite each other.
 */
final class DecisionLog {
  static final String ROOT = "logs/retrain/";

  private final ObjectStore store;
  private final String policy;
  private final NumberedObjects entries;

  DecisionLog(ObjectStore store, String policy) {
    this.store = store;
    this.policy = policy;
    this.entries = new NumberedObjects(store, prefix(policy));
  }

  static String prefix(String policy) {
    return ROOT + policy + "/";
  }

  String key(long seq) {
    return entries.key(seq);
  }

  /** The latest entry, following other writers' appends past the cached position. */
  Optional<Entry> latest() {
    long seq = entries.last();
    if (seq == 0) {
      return Optional.empty();
    }
    return store.get(key(seq)).map(bytes -> DecisionCodec.decode(key(seq), bytes.bytes()));
  }

  /** Claims the entry's sequence number; false if another writer took it first. */
  boolean append(Entry entry) {
    return entries.claim(entry.decision().seq(), DecisionCodec.encode(entry));
  }

  /** Entries whose window lies in {@code [from, to)}, in time order. */
  List<Entry> range(Instant from, Instant to) {
    List<Entry> out = new ArrayList<>();
    try (Stream<ObjectInfo> keys = store.list(prefix(policy))) {
      keys.forEach(info -> store.get(info.key()).ifPresent(bytes -> {
        Entry entry = DecisionCodec.decode(info.key(), bytes.bytes());
        Instant at = entry.decision().at();
        if (!at.isBefore(from) && at.isBefore(to)) {
          out.add(entry);
        }
      }));
    }
    out.sort(Comparator.comparing((Entry e) -> e.decision().at())
        .thenComparingLong(e -> e.decision().seq()));
    return out;
  }
}
