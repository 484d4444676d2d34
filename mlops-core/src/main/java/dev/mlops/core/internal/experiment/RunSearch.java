package dev.mlops.core.internal.experiment;

import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.storage.ObjectInfo;
import java.time.Instant;
import java.util.ArrayList;
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
    int upTo = (int) Math.min(Integer.MAX_VALUE, (long) query.offset() + query.limit().orElse(Integer.MAX_VALUE));
    List<RunInfo> first = RunOrder.first(matches, sortBy, query.descending(), upTo);
    return query.offset() == 0 ? first : new ArrayList<>(first.subList(Math.min(query.offset(), first.size()), first.size()));
  }

  /**
   * Every run in the store in id order (a listing is sorted and has each key once), KILLED applied
   * to silent RUNNING runs.
   */
  List<RunInfo> all() {
    List<ObjectInfo> runDocs;
    try (Stream<ObjectInfo> listing = docs.store().list(RunKeys.RUNS)) {
      runDocs = listing.toList();
    }
    Instant now = Instant.now();
    List<RunInfo> runs = new ArrayList<>(runDocs.size());
    for (ObjectInfo info : runDocs) {
      String id = RunKeys.runIdOf(info.key());
      if (id == null) {
        continue; // not a run document
      }
      RunInfo run = load(id, info, now);
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
}
