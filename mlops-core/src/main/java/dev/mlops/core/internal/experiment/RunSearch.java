package dev.mlops.core.internal.experiment;

import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.storage.ObjectInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Searches runs: one listing of {@code refs/runs/} gives every run document with its size and
 * time (heartbeats are read only for RUNNING runs); documents are parsed once and cached by
 * (size, modification time). Only
 * documents unchanged for {@link #SETTLE_MILLIS} are cached, because file system timestamps are
 * coarse: a later change then always shows as a newer time.
 */
final class RunSearch {
  static final long SETTLE_MILLIS = 2_000;
  private static final int MAX_CACHED = 200_000;

  private final RunDocs docs;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(long size, Instant modified, RunInfo info) {}

  RunSearch(RunDocs docs) {
    this.docs = docs;
  }

  List<RunInfo> search(RunQuery query) {
    Predicate<RunInfo> filter = query.filter().map(RunFilter::parse).orElse(run -> true);
    List<RunInfo> matches = new ArrayList<>();
    for (RunInfo run : all()) {
      if (query.experiment().map(run.experiment()::equals).orElse(true)
          && query.status().map(s -> s == run.status()).orElse(true)
          && filter.test(run)) {
        matches.add(run);
      }
    }
    FieldRef sortBy = FieldRef.parse(query.orderBy().orElse("started"));
    matches.sort(order(sortBy, query.descending()));
    int limit = query.limit().orElse(Integer.MAX_VALUE);
    return matches.size() > limit ? new ArrayList<>(matches.subList(0, limit)) : matches;
  }

  /** Every run in the store, KILLED applied to silent RUNNING runs. */
  List<RunInfo> all() {
    Map<String, ObjectInfo> runDocs = new HashMap<>();
    try (Stream<ObjectInfo> listing = docs.store().list(RunKeys.RUNS)) {
      listing.forEach(info -> {
        String id = RunKeys.runIdOf(info.key());
        if (id != null) {
          runDocs.put(id, info);
        }
      });
    }
    Instant now = Instant.now();
    List<RunInfo> runs = new ArrayList<>(runDocs.size());
    for (Map.Entry<String, ObjectInfo> entry : runDocs.entrySet()) {
      RunInfo run = load(entry.getKey(), entry.getValue(), now);
      if (run == null) {
        continue; // deleted since listed
      }
      if (!run.status().isTerminal()) {
        RunDoc doc = docs.read(run.id()).orElse(null);
        if (doc != null) {
          run = docs.checkLiveness(doc, docs.lastSign(run.id()), now).toInfo();
        }
      }
      runs.add(run);
    }
    return runs;
  }

  private RunInfo load(String id, ObjectInfo info, Instant now) {
    Cached cached = cache.get(id);
    if (cached != null && cached.size == info.size() && cached.modified.equals(info.lastModified())) {
      return cached.info;
    }
    RunDoc doc = docs.read(id).orElse(null);
    if (doc == null) {
      return null;
    }
    RunInfo run = doc.toInfo();
    boolean settled = info.lastModified().toEpochMilli() + SETTLE_MILLIS < now.toEpochMilli();
    if (settled && run.status().isTerminal()) {
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(id, new Cached(info.size(), info.lastModified(), run));
    }
    return run;
  }

  static Comparator<RunInfo> order(FieldRef field, boolean descending) {
    Comparator<RunInfo> present = (a, b) -> {
      Double x = field.number(a);
      Double y = field.number(b);
      if (x != null && y != null && field.area() != FieldRef.Area.NAME) {
        return Double.compare(x, y);
      }
      return field.text(a).orElse("").compareTo(field.text(b).orElse(""));
    };
    Comparator<RunInfo> directed = descending ? present.reversed() : present;
    return (a, b) -> {
      boolean hasA = field.text(a).isPresent();
      boolean hasB = field.text(b).isPresent();
      if (hasA != hasB) {
        return hasA ? -1 : 1; // runs without the field come last in either direction
      }
      return directed.compare(a, b);
    };
  }
}
