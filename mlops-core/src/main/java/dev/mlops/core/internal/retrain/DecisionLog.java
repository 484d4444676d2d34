package dev.mlops.core.internal.retrain;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.retrain.DecisionCodec.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A policy's append-only history, {@code logs/retrain/<policy>/<seq>}: one object per decision,
 * its sequence number claimed by putIfAbsent, so racing processes never overwrite each other.
 */
final class DecisionLog {
  static final String ROOT = "logs/retrain/";

  private final ObjectStore store;
  private final String policy;
  /** The highest sequence number known to exist; a hint, checked forward on every read. */
  private final AtomicLong knownLast = new AtomicLong(-1);

  DecisionLog(ObjectStore store, String policy) {
    this.store = store;
    this.policy = policy;
  }

  static String prefix(String policy) {
    return ROOT + policy + "/";
  }

  String key(long seq) {
    return prefix(policy) + String.format("%012d", seq);
  }

  /** The latest entry, following other writers' appends past the cached position. */
  Optional<Entry> latest() {
    long last = knownLast.get();
    if (last < 0) {
      last = scanLast();
    }
    while (store.stat(key(last + 1)).isPresent()) {
      last++;
    }
    knownLast.accumulateAndGet(last, Math::max);
    if (last == 0) {
      return Optional.empty();
    }
    long seq = last;
    return store.get(key(seq)).map(bytes -> DecisionCodec.decode(key(seq), bytes.bytes()));
  }

  /** Claims the entry's sequence number; false if another writer took it first. */
  boolean append(Entry entry) {
    long seq = entry.decision().seq();
    boolean created = store.putIfAbsent(key(seq), DecisionCodec.encode(entry));
    if (created) {
      knownLast.accumulateAndGet(seq, Math::max);
    }
    return created;
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

  private long scanLast() {
    try (Stream<ObjectInfo> keys = store.list(prefix(policy))) {
      return keys.map(info -> info.key().substring(prefix(policy).length()))
          .filter(rest -> rest.matches("[0-9]{12}"))
          .mapToLong(Long::parseLong).max().orElse(0);
    }
  }
}
