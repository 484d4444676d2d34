package dev.mlops.core.internal.experiment;

import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.storage.ObjectInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Searches runs: one listing of {@code refs/runs/} gives every run document with its size and
 * time (heartbeats are read only for RUNNING runs); documents are parsed once and cached by
 * (size, modification time). Only
 * documents unchanged for {@link #SETTLE_MILLIS} are cached, because file system timestamps are
 * coarse: a later change then always shows as a newer time.
 *
 * <p>When every run of a listing was ended and cached, the listing and its runs are kept as the
 * last snapshot; a later listing equal to it, object by object (key, size and time: the same test
 * as the cache's), gives those runs without a lookup per run. The file system store returns the
 * very same objects while the directory is unchanged, so the comparison is mostly by identity.
 */
final class RunSearch {
  static final long SETTLE_MILLIS = 2_000;
  private static final int MAX_CACHED = 200_000;

  private final RunDocs docs;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(long size, Instant modified, RunInfo info) {}

  private record Snapshot(List<ObjectInfo> listing, List<RunInfo> runs) {}

  private volatile @Nullable Snapshot last;

  private final ExperimentNames names;

  RunSearch(RunDocs docs, ExperimentNames names) {
    this.docs = docs;
    this.names = names;
  }

  List<RunInfo> search(RunQuery query) {
    Predicate<RunInfo> filter = query.filter().map(RunFilter::parse).orElse(run -> true);
    List<RunInfo> matches = new ArrayList<>();
    Map<String, String> experiments = new HashMap<>(); // stored name -> current name, looked up once per search
    for (RunInfo stored : all()) {
      RunInfo run = ExperimentNames.withExperiment(stored,
          experiments.computeIfAbsent(stored.experiment(), names::current));
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
    Snapshot previous = last;
    if (previous != null && sameObjects(previous.listing, runDocs)) {
      return previous.runs;
    }
    Instant now = Instant.now();
    List<RunInfo> runs = new ArrayList<>(runDocs.size());
    boolean allCached = true;
    for (ObjectInfo info : runDocs) {
      String id = RunKeys.runIdOf(info.key());
      if (id == null) {
        continue; // not a run document
      }
      RunInfo run = load(id, info, now);
      if (run == null) {
        allCached = false;
        continue; // deleted since listed
      }
      if (!run.status().isTerminal()) {
        RunDoc doc = docs.read(run.id()).orElse(null);
        if (doc != null) {
          run = docs.checkLiveness(doc, docs.lastSign(run.id()), now).toInfo();
        }
      }
      allCached &= run.status().isTerminal() && settled(info, now);
      runs.add(run);
    }
    List<RunInfo> found = Collections.unmodifiableList(runs);
    last = allCached ? new Snapshot(runDocs, found) : null;
    return found;
  }

  private static boolean sameObjects(List<ObjectInfo> before, List<ObjectInfo> now) {
    if (before.size() != now.size()) {
      return false;
    }
    for (int i = 0; i < now.size(); i++) {
      ObjectInfo was = before.get(i);
      ObjectInfo is = now.get(i);
      if (was != is && !was.equals(is)) {
        return false;
      }
    }
    return true;
  }

  private static boolean settled(ObjectInfo info, Instant now) {
    return info.lastModified().toEpochMilli() + SETTLE_MILLIS < now.toEpochMilli();
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
    if (settled(info, now) && run.status().isTerminal()) {
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(id, new Cached(info.size(), info.lastModified(), run));
    }
    return run;
  }
}
