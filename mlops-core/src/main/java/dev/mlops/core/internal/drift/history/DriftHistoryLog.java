package dev.mlops.core.internal.drift.history;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftHistory;
import dev.mlops.api.drift.DriftRecord;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.NumberedObjects;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A drift history, {@code logs/drift/<name>/<seq>}: one small document per record, its sequence
 * number claimed by putIfAbsent, so writers in any number of threads and processes never overwrite
 * each other; a writer that loses a number takes the next. Nothing is ever rewritten, so a crash
 * leaves every record whole or absent. Because records never change, those read are kept in a
 * bounded cache shared by the histories of one detector, so a page that shows a history again reads
 * only the records added since (and the listing).
 */
public final class DriftHistoryLog implements DriftHistory {
  /** The prefix of every history. */
  public static final String ROOT = "logs/drift/";
  /** How many decoded records a {@link #newCache() cache} keeps: about 10 MB with a few columns each. */
  static final int CACHED_RECORDS = 20_000;

  private final ObjectStore store;
  private final String name;
  private final Cache<String, DriftRecord> cache;
  private final NumberedObjects records;

  /**
   * Opens a history; reads nothing yet.
   *
   * @param store the store
   * @param name the history's name
   * @param cache records already read, by key (see {@link #newCache()})
   */
  public DriftHistoryLog(ObjectStore store, String name, Cache<String, DriftRecord> cache) {
    this.store = requireNonNull(store, "store");
    this.name = Names.requireValid("drift history", name);
    this.cache = requireNonNull(cache, "cache");
    this.records = new NumberedObjects(store, prefix(name));
  }

  /**
   * Creates the cache of decoded records that histories of one store may share.
   *
   * @return an empty cache of at most {@value #CACHED_RECORDS} records
   */
  public static Cache<String, DriftRecord> newCache() {
    return Caffeine.newBuilder().maximumSize(CACHED_RECORDS).executor(Runnable::run).build();
  }

  static String prefix(String name) {
    return ROOT + name + "/";
  }

  static String key(String name, long sequence) {
    return NumberedObjects.key(prefix(name), sequence);
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
    long sequence = records.last() + 1;
    while (true) {
      DriftRecord record = new DriftRecord(name, sequence, from, to, observations, columns, report.driftedShare(),
          report.datasetDrift());
      if (records.claim(sequence, DriftRecordCodec.encode(record))) {
        cache.put(key(name, sequence), record);
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
      keys.forEach(info -> read(info.key()).ifPresent(record -> {
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
    long last = records.last();
    if (last == 0) {
      return Optional.empty();
    }
    return read(key(name, last));
  }

  /** A record from the cache, or read and checked (a damaged one is never cached). */
  private Optional<DriftRecord> read(String key) {
    DriftRecord cached = cache.getIfPresent(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<DriftRecord> record = store.get(key).map(bytes -> DriftRecordCodec.decode(key, bytes.bytes()));
    record.ifPresent(r -> cache.put(key, r));
    return record;
  }
}
