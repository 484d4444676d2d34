package dev.mlops.core.internal.drift.history;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftHistory;
import dev.mlops.api.drift.DriftRecord;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A drift history, {@code logs/drift/<name>/<seq>}: one small document per record, its sequence
 * number claimed by putIfAbsent, so writers in any number of threads and processes never overwrite
 * each other; a writer that loses a number takes the next. Nothing is ever rewritten, so a crash
 * leaves every record whole or absent.
 */
public final class DriftHistoryLog implements DriftHistory {
  /** The prefix of every history. */
  public static final String ROOT = "logs/drift/";

  private final ObjectStore store;
  private final String name;
  /** The highest sequence number known to exist; a hint, checked forward on every append. */
  private final AtomicLong knownLast = new AtomicLong(-1);

  /**
   * Opens a history; reads nothing yet.
   *
   * @param store the store
   * @param name the history's name
   */
  public DriftHistoryLog(ObjectStore store, String name) {
    this.store = requireNonNull(store, "store");
    this.name = Names.requireValid("drift history", name);
  }

  static String prefix(String name) {
    return ROOT + name + "/";
  }

  static String key(String name, long sequence) {
    return prefix(name) + String.format("%012d", sequence);
  }

  /**
   * Lists the histories of a store.
   *
   * @param store the store
   * @return their names, sorted
   */
  public static List<String> names(ObjectStore store) {
    TreeSet<String> names = new TreeSet<>();
    try (Stream<ObjectInfo> keys = store.list(ROOT)) {
      keys.forEach(info -> {
        String rest = info.key().substring(ROOT.length());
        int slash = rest.indexOf('/');
        if (slash > 0) {
          names.add(rest.substring(0, slash));
        }
      });
    }
    return List.copyOf(names);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public DriftRecord record(DriftReport report, Instant from, Instant to) {
    requireNonNull(report, "report");
    long observations = report.columns().stream().mapToLong(ColumnDrift::currentSize).max().orElse(0);
    return append(report, from, to, observations);
  }

  /**
   * Appends a report under the next free sequence number.
   *
   * @param report the report
   * @param from the range's start
   * @param to its end
   * @param observations the window's observations
   * @return the record as stored
   */
  public DriftRecord append(DriftReport report, Instant from, Instant to, long observations) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    List<DriftRecord.Column> columns = report.columns().stream().map(DriftRecord.Column::of).toList();
    long sequence = last() + 1;
    while (true) {
      DriftRecord record = new DriftRecord(name, sequence, from, to, observations, columns, report.driftedShare(),
          report.datasetDrift());
      if (store.putIfAbsent(key(name, sequence), DriftRecordCodec.encode(record))) {
        knownLast.accumulateAndGet(sequence, Math::max);
        return record;
      }
      sequence++; // another writer took it
    }
  }

  @Override
  public List<DriftRecord> between(Instant from, Instant to) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    List<DriftRecord> out = new ArrayList<>();
    try (Stream<ObjectInfo> keys = store.list(prefix(name))) {
      keys.forEach(info -> store.get(info.key()).ifPresent(bytes -> {
        DriftRecord record = DriftRecordCodec.decode(info.key(), bytes.bytes());
        if (!record.to().isBefore(from) && record.to().isBefore(to)) {
          out.add(record);
        }
      }));
    }
    out.sort(Comparator.comparing(DriftRecord::to).thenComparingLong(DriftRecord::sequence));
    return out;
  }

  @Override
  public Optional<DriftRecord> latest() {
    long last = last();
    if (last == 0) {
      return Optional.empty();
    }
    String key = key(name, last);
    return store.get(key).map(bytes -> DriftRecordCodec.decode(key, bytes.bytes()));
  }

  /** The highest sequence number that exists, following other writers' appends past the hint. */
  private long last() {
    long last = knownLast.get();
    if (last < 0) {
      last = scanLast();
    }
    while (store.stat(key(name, last + 1)).isPresent()) {
      last++;
    }
    knownLast.accumulateAndGet(last, Math::max);
    return last;
  }

  private long scanLast() {
    try (Stream<ObjectInfo> keys = store.list(prefix(name))) {
      return keys.map(info -> info.key().substring(prefix(name).length()))
          .filter(rest -> rest.matches("[0-9]{12}"))
          .mapToLong(Long::parseLong).max().orElse(0);
    }
  }
}
