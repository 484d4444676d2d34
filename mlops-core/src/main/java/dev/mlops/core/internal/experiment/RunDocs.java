package dev.mlops.core.internal.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.ConflictException;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.Remedy;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.json.StrictJson;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Reads and changes run documents with compare-and-set, and marks silent runs KILLED. */
final class RunDocs {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How many runs an ambiguous id prefix's message lists. */
  private static final int MAX_CANDIDATES = 10;

  private final ObjectStore store;

  RunDocs(ObjectStore store) {
    this.store = store;
  }

  ObjectStore store() {
    return store;
  }

  /** Creates a new run's document; false if the id is taken. */
  boolean create(RunDoc doc) {
    return store.compareAndSet(RunKeys.run(doc.id), VersionToken.ABSENT, encode(doc)).isPresent();
  }

  Optional<RunDoc> read(String id) {
    return store.get(RunKeys.run(id)).map(bytes -> decode(id, bytes.bytes()));
  }

  /**
   * Returns the id of the only run whose id starts with the prefix, as dataset version ids resolve
   * from a prefix: one listing of the run documents under it.
   */
  String idWithPrefix(String prefix) {
    if (!Names.isValid(prefix)) {
      throw notFound(prefix);
    }
    List<String> matches;
    try (Stream<ObjectInfo> listed = store.list(RunKeys.run(prefix))) {
      matches = listed.map(info -> RunKeys.runIdOf(info.key())).filter(java.util.Objects::nonNull)
          .limit(MAX_CANDIDATES).toList();
    }
    if (matches.isEmpty()) {
      throw notFound(prefix);
    }
    if (matches.size() > 1) {
      throw new ConflictException("The run id prefix '" + Excerpt.of(prefix) + "' matches several runs ("
          + String.join(", ", matches) + (matches.size() == MAX_CANDIDATES ? ", ..." : "")
          + "); give more characters");
    }
    return matches.get(0);
  }

  RunDoc require(String id) {
    return read(id).orElseThrow(() -> notFound(id));
  }

  static NotFoundException notFound(String id) {
    return new NotFoundException("No run with id '" + Excerpt.of(id) + "' in this store", Remedy.LIST_RUNS);
  }

  /**
   * Applies a change to the stored document, re-reading and re-applying it when another writer
   * got in between, and returns the document as stored. The change may throw to refuse.
   */
  RunDoc update(String id, Consumer<RunDoc> change) {
    while (true) {
      StoredBytes current = store.get(RunKeys.run(id)).orElseThrow(() -> notFound(id));
      RunDoc doc = decode(id, current.bytes());
      change.accept(doc);
      if (store.compareAndSet(RunKeys.run(id), current.token(), encode(doc)).isPresent()) {
        return doc;
      }
    }
  }

  /**
   * Returns the document, first marking it KILLED if it is RUNNING and neither it nor its
   * heartbeat changed within the timeout its writer declared.
   */
  RunDoc checkLiveness(RunDoc doc, Instant lastSign, Instant now) {
    if (doc.status != RunStatus.RUNNING || !isStale(doc, lastSign, now)) {
      return doc;
    }
    try {
      return update(doc.id, stored -> {
        if (stored.status == RunStatus.RUNNING && isStale(stored, lastSign, now)) {
          stored.status = RunStatus.KILLED;
          stored.endedAt = lastSign.toEpochMilli();
          stored.failure = "no heartbeat since " + lastSign + " (the process died)";
        }
      });
    } catch (ConflictException e) {
      return doc;
    }
  }

  /** The latest sign of life of a run: its heartbeat or its document, whichever is newer. */
  Instant lastSign(String id) {
    Instant doc = store.stat(RunKeys.run(id)).map(ObjectInfo::lastModified).orElse(Instant.EPOCH);
    Instant beat = store.stat(RunKeys.heartbeat(id)).map(ObjectInfo::lastModified)
        .orElse(Instant.EPOCH);
    return doc.isAfter(beat) ? doc : beat;
  }

  private static boolean isStale(RunDoc doc, Instant lastSign, Instant now) {
    return lastSign.toEpochMilli() + doc.heartbeatTimeoutMillis < now.toEpochMilli();
  }

  static byte[] encode(RunDoc doc) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode run document", e);
    }
  }

  static RunDoc decode(String id, byte[] bytes) {
    try {
      RunDoc doc = StrictJson.read(bytes, RunDoc.class);
      doc.check(id);
      doc.toInfo(); // every value converts: a damaged one fails here, not in a later reader
      return doc;
    } catch (IllegalArgumentException | DateTimeException | InvalidNameException e) {
      throw new IntegrityException("The document of run '" + id + "' (" + RunKeys.run(id)
          + ") is damaged: " + e.getMessage() + "; restore it from a backup", e);
    }
  }
}
