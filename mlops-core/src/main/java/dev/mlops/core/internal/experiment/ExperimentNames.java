package dev.mlops.core.internal.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.ConflictException;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.json.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Experiment renames. Runs name their experiment in their own documents, which live writers keep
 * changing, so a rename does not touch them: it changes the experiments' markers, and readers give
 * each run the name its experiment has now. A marker is empty, or holds {@code {"renamedTo"}}
 * (the experiment moved away) and/or {@code {"renamedFrom"}} (it arrived from there). A rename of
 * A to B (1) decides by compare-and-set of A's marker to {@code renamedTo: B} (one of several
 * racing renames wins it), then (2) claims B by putIfAbsent of its marker {@code renamedFrom: A};
 * if B is taken, A's marker is set back (the rename is withdrawn). A marker naming B whose B does
 * not name A back is a rename in progress: whoever reads it does step 2. So a run started in A at
 * any time, before or during the rename, is in B afterwards: nothing is ever split between names.
 */
final class ExperimentNames {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_CHAIN = 1_000;

  private final ObjectStore store;
  /** Completed renames: final, so cached. */
  private final Map<String, String> moved = new ConcurrentHashMap<>();

  ExperimentNames(ObjectStore store) {
    this.store = store;
  }

  /** Renames an experiment; see the class comment. */
  void rename(String from, String to) {
    Names.requireValid("experiment", from);
    Names.requireValid("experiment", to);
    if (from.equals(to)) {
      throw new IllegalArgumentException("experiment '" + from + "' is called '" + to + "' already; give"
          + " renameExperiment(..) a new name");
    }
    while (true) {
      Optional<StoredBytes> marker = marker(from);
      if (marker.isEmpty()) {
        throw new NotFoundException("No experiment '" + from + "' in this store; list them with"
            + " ExperimentLogger.experiments()");
      }
      ObjectNode doc = parse(marker.get().bytes(), from);
      if (doc.has("renamedTo")) {
        String other = current(from); // completes the rename in progress, or withdraws it
        if (other.equals(from)) {
          continue;
        }
        throw new NotFoundException("No experiment '" + from + "' in this store: it was renamed to '" + other + "'");
      }
      if (marker(to).isPresent()) {
        throw taken(to);
      }
      ObjectNode decided = doc.deepCopy().put("renamedTo", to);
      Optional<VersionToken> token = store.compareAndSet(RunKeys.experiment(from), marker.get().token(),
          bytes(decided));
      if (token.isPresent()) {
        if (!arrive(from, to, decided, token.get())) {
          throw taken(to);
        }
        return;
      }
    }
  }

  /** The name the experiment stored as {@code stored} has now, completing renames in progress. */
  String current(String stored) {
    String name = stored;
    for (int hops = 0; hops < MAX_CHAIN; hops++) {
      String next = moved.get(name);
      if (next == null) {
        next = movedTo(name);
        if (next == null) {
          return name;
        }
      }
      name = next;
    }
    throw new IntegrityException("Experiment '" + stored + "' was renamed more than " + MAX_CHAIN
        + " times, or its markers under refs/experiments/ loop; restore them from a backup");
  }

  /** The run with its experiment's current name. */
  RunInfo current(RunInfo run) {
    return withExperiment(run, current(run.experiment()));
  }

  /** The run with its experiment named {@code name}. */
  static RunInfo withExperiment(RunInfo run, String name) {
    return name.equals(run.experiment()) ? run : new RunInfo(run.id(), name, run.name(), run.status(),
        run.startedAt(), run.endedAt(), run.parentId(), run.params(), run.tags(), run.inputs(), run.latestMetrics(),
        run.lineage(), run.artifacts(), run.failure());
  }

  /** Throws if runs cannot be started in {@code experiment} because it was renamed. */
  void requireNotRenamed(String experiment) {
    String now = current(experiment);
    if (!now.equals(experiment)) {
      throw new ConflictException("Experiment '" + experiment + "' was renamed to '" + now + "'; start the run in '"
          + now + "' (the names of renamed experiments are not reused)");
    }
  }

  /** Where a completed rename took {@code name}; null if none (a rename that was withdrawn included). */
  private @Nullable String movedTo(String name) {
    Optional<StoredBytes> marker = marker(name);
    if (marker.isEmpty() || marker.get().bytes().length == 0) {
      return null;
    }
    ObjectNode doc = parse(marker.get().bytes(), name);
    if (!doc.has("renamedTo")) {
      return null;
    }
    String to = doc.get("renamedTo").asText();
    if (!arrive(name, to, doc, marker.get().token())) {
      return null;
    }
    moved.put(name, to);
    return to;
  }

  /** Step 2: claims {@code to} for the rename, or withdraws it; true if {@code to} is the experiment's now. */
  private boolean arrive(String from, String to, ObjectNode decided, VersionToken token) {
    ObjectNode claim = JSON.createObjectNode().put("renamedFrom", from);
    if (store.putIfAbsent(RunKeys.experiment(to), bytes(claim))) {
      return true;
    }
    Optional<StoredBytes> there = marker(to);
    if (there.isPresent() && there.get().bytes().length > 0
        && from.equals(parse(there.get().bytes(), to).path("renamedFrom").asText(null))) {
      return true;
    }
    ObjectNode withdrawn = decided.deepCopy();
    withdrawn.remove("renamedTo");
    // a lost race means another reader withdrew it already (or a new decision was made since)
    store.compareAndSet(RunKeys.experiment(from), token, withdrawn.isEmpty() ? new byte[0] : bytes(withdrawn));
    return false;
  }

  /**
   * Reads a marker. Markers written before documents were sealed are empty files, which the sealed
   * view refuses to read (an empty document is damage); they read as empty here.
   */
  private Optional<StoredBytes> marker(String name) {
    String key = RunKeys.experiment(name);
    try {
      return store.get(key);
    } catch (IntegrityException e) {
      Optional<dev.mlops.api.storage.ObjectInfo> info = store.stat(key);
      if (info.isPresent() && info.get().size() == 0 && info.get().token().isPresent()) {
        return Optional.of(StoredBytes.of(new byte[0], info.get().token().get()));
      }
      throw e;
    }
  }

  private ConflictException taken(String to) {
    return new ConflictException("An experiment named '" + to + "' exists already (or existed and was renamed: the"
        + " names of renamed experiments are not reused); choose another name");
  }

  /** Reads a marker strictly: empty, or an object with only {@code renamedTo} and {@code renamedFrom}. */
  static ObjectNode parse(byte[] bytes, String name) {
    if (bytes.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode tree = StrictJson.tree(bytes);
      Iterator<String> fields = tree.fieldNames();
      while (fields.hasNext()) {
        String field = fields.next();
        if (!field.equals("renamedTo") && !field.equals("renamedFrom") || !tree.get(field).isTextual()) {
          throw new IllegalArgumentException("unknown field '" + field + "'");
        }
        Names.requireValid("experiment", tree.get(field).asText());
      }
      return (ObjectNode) tree;
    } catch (RuntimeException e) {
      throw new IntegrityException("Stored document '" + RunKeys.experiment(name) + "' is damaged: an experiment"
          + " marker is empty or names a rename (" + e.getMessage() + "); restore it from a backup", e);
    }
  }

  private static byte[] bytes(ObjectNode doc) {
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
