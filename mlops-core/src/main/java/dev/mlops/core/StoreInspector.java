package dev.mlops.core;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.content.Sha256;
import dev.mlops.core.internal.dataset.SketchObjects;
import dev.mlops.core.internal.experiment.MetricSegments;
import dev.mlops.core.internal.gc.GarbageCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Operator views of a store: what it holds ({@link #info()}), whether its content is intact
 * ({@link #verify()}), and garbage collection ({@link #gc}). Info and verify only read; all three
 * are safe to run while other processes write.
 */
public final class StoreInspector {
  /** The grace period of {@link #gc} that the CLI uses by default: 24 hours. */
  public static final Duration DEFAULT_GC_GRACE = GarbageCollector.DEFAULT_GRACE;

  private final ObjectStore store;
  private final Clock clock;

  StoreInspector(ObjectStore store, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Counts objects and bytes, in total and by top-level area.
   *
   * @return the summary
   */
  public StoreInfo info() {
    long objects = 0;
    long bytes = 0;
    Map<String, Long> areas = new TreeMap<>();
    try (Stream<ObjectInfo> all = store.list("")) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) all::iterator) {
        objects++;
        bytes += info.size();
        int slash = info.key().indexOf('/');
        areas.merge(slash < 0 ? info.key() : info.key().substring(0, slash), 1L, Long::sum);
      }
    }
    return new StoreInfo(store.uri(), objects, bytes, areas);
  }

  /**
   * Collects garbage over the whole store: deletes content objects that no dataset, run, model,
   * validation report or drift profile reaches and that are older than {@code grace}, the records
   * of dataset versions that went with them, and what crashed writers left behind. Safe while other
   * processes and machines write to the store: the collection waits until no writer is between
   * storing content and publishing its ref, and writers that start meanwhile wait for it to end.
   *
   * @param grace keep unreachable objects younger than this; {@link #DEFAULT_GC_GRACE} is what
   *     the CLI uses; zero is safe (writers are protected by the protocol, not by the grace)
   * @param dryRun count only; delete nothing and wait for no one
   * @return what was (or would be) collected
   * @throws dev.mlops.api.MlOpsException if the store holds an area this version does not know, or
   *     a concern's refs cannot be read; then nothing is deleted
   * @throws dev.mlops.api.ConflictException if another collection is running
   */
  public GcReport gc(Duration grace, boolean dryRun) {
    requireNonNull(grace, "grace");
    return GarbageCollector.withRegisteredRoots(store, clock).collect(grace, dryRun);
  }

  /**
   * Re-hashes every content object (streaming, so memory stays flat) and reports those whose bytes
   * do not match their address, or whose key is not a well-formed content address; checks every
   * metric segment (checksums, encoding) and every table's stored sketches (header, checksum);
   * checks every document under {@code refs/} and {@code logs/} (its checksum, and that it reads
   * with its codec) and reports the damaged ones; and looks up every object that a dataset, run,
   * model or other concern refers to, reporting the missing ones.
   *
   * @return the report; {@link VerifyReport#ok()} tells whether the store is intact
   * @throws dev.mlops.api.MlOpsException if a concern's references cannot be followed and no
   *     damaged object explains why
   */
  public VerifyReport verify() {
    long checked = 0;
    List<String> corrupt = new ArrayList<>();
    try (Stream<ObjectInfo> content = store.list(ContentKeys.PREFIX)) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) content::iterator) {
        Optional<String> expected = ContentKeys.hashOf(info.key());
        Optional<String> actual = hash(info.key());
        if (actual.isEmpty()) {
          continue; // deleted since listed (garbage collection): nothing to verify
        }
        checked++;
        if (expected.isEmpty() || !expected.get().equals(actual.get())) {
          corrupt.add(info.key());
        }
      }
    }
    checked += checkFormat(MetricSegments.PREFIX, MetricSegments::isSegment,
        MetricSegments::verify, corrupt);
    checked += checkFormat(SketchObjects.PREFIX, key -> true, SketchObjects::verify, corrupt);
    DocumentVerifier documents = new DocumentVerifier(store);
    documents.verify(corrupt);
    checked += documents.checked();
    List<VerifyReport.Missing> missing = new ReferenceVerifier(store).verify(!corrupt.isEmpty());
    corrupt.sort(null);
    return new VerifyReport(checked, corrupt, missing, documents.unsealed());
  }

  /**
   * Reads every object under {@code prefix} that {@code selects} takes and runs {@code check} on
   * it; adds the keys it refuses to {@code corrupt}.
   *
   * @return how many objects were checked
   */
  private long checkFormat(String prefix, Predicate<String> selects,
      BiConsumer<String, byte[]> check, List<String> corrupt) {
    long checked = 0;
    try (Stream<ObjectInfo> objects = store.list(prefix)) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) objects::iterator) {
        if (!selects.test(info.key())) {
          continue;
        }
        Optional<byte[]> bytes = readWhole(info.key());
        if (bytes.isEmpty()) {
          continue; // deleted since listed (garbage collection)
        }
        checked++;
        try {
          check.accept(info.key(), bytes.get());
        } catch (IntegrityException e) {
          corrupt.add(info.key());
        }
      }
    }
    return checked;
  }

  private Optional<byte[]> readWhole(String key) {
    try (InputStream in = store.open(key)) {
      return Optional.of(in.readAllBytes());
    } catch (NotFoundException deletedMeanwhile) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read object '" + key + "' of " + store.uri(), e);
    }
  }

  private Optional<String> hash(String key) {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = store.open(key)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (NotFoundException deletedMeanwhile) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read object '" + key + "' of " + store.uri(), e);
    }
    return Optional.of(Sha256.finish(digest));
  }
}
