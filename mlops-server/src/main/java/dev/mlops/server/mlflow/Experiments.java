package dev.mlops.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.ConflictException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.Names;
import dev.mlops.api.experiment.ExperimentLogger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MLflow experiments over ours. Ours are names; MLflow's have numeric ids, tags and a lifecycle,
 * kept in {@code mlflow/experiments/<id>.json}, with {@code mlflow/experiment-names/<name>}
 * claiming the name once. An experiment that exists only in our store (runs logged from Java) gets
 * its id when MLflow first asks. Experiment {@code 0}, {@code Default}, exists from the start, as
 * MLflow clients expect.
 */
final class Experiments {
  static final String DEFAULT_ID = "0";
  static final String DEFAULT_NAME = "Default";

  private final MetaStore meta;
  private final ExperimentLogger logger;
  private final Clock clock;
  /**
   * Name to id: a claimed name never changes id (a renamed experiment keeps its id; its old name
   * keeps pointing to it, and the id's document, which has the new name, tells it is gone), so it
   * is cached.
   */
  private final Map<String, String> ids = new ConcurrentHashMap<>();

  Experiments(MetaStore meta, ExperimentLogger logger, Clock clock) {
    this.meta = meta;
    this.logger = logger;
    this.clock = clock;
  }

  /** The id of a name, claimed now if the experiment exists only in our store. */
  String idOf(String name) {
    String cached = ids.get(name);
    if (cached != null) {
      return cached;
    }
    String id = claimedId(name).orElseGet(() -> claim(name));
    ids.put(name, id);
    return id;
  }

  private Optional<String> claimedId(String name) {
    return meta.read(nameKey(name)).map(doc -> doc.path("id").asText());
  }

  private String claim(String name) {
    long now = clock.millis();
    while (true) {
      String id = name.equals(DEFAULT_NAME) ? DEFAULT_ID : String.valueOf(nextId());
      ObjectNode doc = Json.object().put("experiment_id", id).put("name", name).put("lifecycle_stage", "active")
          .put("creation_time", now).put("last_update_time", now);
      doc.putObject("tags");
      if (!meta.create(idKey(id), doc)) {
        if (id.equals(DEFAULT_ID)) {
          return claimedId(name).orElse(DEFAULT_ID);
        }
        continue; // another writer took this id: take the next one
      }
      if (meta.create(nameKey(name), Json.object().put("id", id))) {
        return id;
      }
      meta.delete(idKey(id)); // another writer claimed the name first: theirs counts
      return claimedId(name).orElseThrow();
    }
  }

  private long nextId() {
    long max = 0;
    for (String key : meta.list("experiments/")) {
      String id = key.substring("experiments/".length(), key.length() - ".json".length());
      try {
        max = Math.max(max, Long.parseLong(id));
      } catch (NumberFormatException notOurs) {
        // not an id document
      }
    }
    return max + 1;
  }

  /** The experiment's document; RESOURCE_DOES_NOT_EXIST if there is none. */
  ObjectNode require(String id) {
    if (id.equals(DEFAULT_ID)) {
      idOf(DEFAULT_NAME);
    }
    Optional<ObjectNode> found = meta.read(idKey(id));
    if (found.isPresent() && found.get().has("renaming_to")) {
      finishRename(id, found.get().path("renaming_to").asText());
      found = meta.read(idKey(id));
    }
    return found
        .filter(doc -> doc.has("name") && id.equals(claimedId(doc.path("name").asText()).orElse(null)))
        .orElseThrow(() -> ApiError.notFound("Could not find experiment with ID " + id));
  }

  /**
   * Renames an experiment, MLflow's part and ours ({@link ExperimentLogger#renameExperiment}).
   * The id's document records the new name first ({@code renaming_to}); then the new name is
   * claimed for the id, our experiment renamed, and the document's name changed. A rename cut
   * short is completed (or withdrawn, if the new name was taken meanwhile) by the next request that
   * reads the id.
   */
  void rename(String id, String newName) {
    validName(newName);
    require(id);
    if (claimedId(newName).isPresent() || logger.experiments().contains(newName) || newName.equals(DEFAULT_NAME)) {
      throw ApiError.exists("Experiment '" + newName + "' already exists.");
    }
    meta.update(idKey(id), doc -> {
      if (doc.has("renaming_to")) {
        throw ApiError.exists("Experiment " + id + " is being renamed to '" + doc.path("renaming_to").asText() + "'.");
      }
      doc.put("renaming_to", newName);
    });
    finishRename(id, newName);
  }

  private void finishRename(String id, String newName) {
    String old = meta.read(idKey(id)).orElseThrow().path("name").asText();
    try {
      if (!meta.create(nameKey(newName), Json.object().put("id", id)) && !claimedId(newName).orElse("").equals(id)) {
        throw new ConflictException("Experiment '" + newName + "' already exists.");
      }
      if (!old.equals(newName) && logger.experiments().contains(old)) {
        logger.renameExperiment(old, newName);
      }
    } catch (ConflictException e) {
      if (claimedId(newName).orElse("").equals(id) && !logger.experiments().contains(newName)) {
        meta.delete(nameKey(newName));
      }
      meta.update(idKey(id), doc -> doc.remove("renaming_to"));
      throw ApiError.exists(e.getMessage());
    }
    long now = clock.millis();
    meta.update(idKey(id), doc -> {
      doc.remove("renaming_to");
      doc.put("name", newName).put("last_update_time", now);
    });
  }

  /** The experiment's name, which runs use; refused if the experiment is deleted. */
  String activeName(String id) {
    ObjectNode doc = require(id);
    if (!doc.path("lifecycle_stage").asText().equals("active")) {
      throw ApiError.invalid("The experiment " + id + " must be in the 'active' state. Current state is "
          + doc.path("lifecycle_stage").asText() + ".");
    }
    return doc.path("name").asText();
  }

  String create(String name, List<JsonNode> tags) {
    validName(name);
    if (claimedId(name).isPresent() || logger.experiments().contains(name) || name.equals(DEFAULT_NAME)) {
      throw ApiError.exists("Experiment '" + name + "' already exists.");
    }
    String id = idOf(name);
    if (!tags.isEmpty()) {
      meta.update(idKey(id), doc -> tags.forEach(t -> doc.with("tags").put(t.path("key").asText(), t.path("value").asText())));
    }
    return id;
  }

  ObjectNode byName(String name) {
    if (!name.equals(DEFAULT_NAME) && claimedId(name).isEmpty() && !logger.experiments().contains(name)) {
      throw ApiError.notFound("Could not find experiment with name " + name);
    }
    ObjectNode doc = require(idOf(name));
    if (!doc.path("name").asText().equals(name)) {
      throw ApiError.notFound("Could not find experiment with name " + name); // renamed
    }
    return doc;
  }

  void setLifecycle(String id, String stage) {
    require(id);
    long now = clock.millis();
    meta.update(idKey(id), doc -> doc.put("lifecycle_stage", stage).put("last_update_time", now));
  }

  void setTag(String id, String key, String value) {
    require(id);
    long now = clock.millis();
    meta.update(idKey(id), doc -> {
      doc.with("tags").put(key, value);
      doc.put("last_update_time", now);
    });
  }

  /** Every experiment, ours and MLflow's, with ids claimed. */
  List<ObjectNode> all() {
    TreeSet<String> names = new TreeSet<>(logger.experiments());
    names.add(DEFAULT_NAME);
    for (String key : meta.list("experiment-names/")) {
      names.add(key.substring("experiment-names/".length()));
    }
    List<ObjectNode> docs = new ArrayList<>();
    Set<String> ids = new HashSet<>(); // a renamed experiment's old name points to its id too
    for (String name : names) {
      String id = idOf(name);
      if (ids.add(id)) {
        meta.read(idKey(id)).ifPresent(doc -> docs.add(doc.has("renaming_to") ? require(id) : doc));
      }
    }
    docs.sort(Comparator.comparing((ObjectNode d) -> d.path("creation_time").asLong()).reversed()
        .thenComparing(d -> d.path("experiment_id").asText()));
    return docs;
  }

  /** An experiment as MLflow's JSON shows it. */
  static ObjectNode toJson(ObjectNode doc) {
    String id = doc.path("experiment_id").asText();
    ObjectNode json = Json.object()
        .put("experiment_id", id)
        .put("name", doc.path("name").asText())
        .put("artifact_location", "mlflow-artifacts:/" + id)
        .put("lifecycle_stage", doc.path("lifecycle_stage").asText("active"))
        .put("last_update_time", doc.path("last_update_time").asLong())
        .put("creation_time", doc.path("creation_time").asLong());
    ArrayNode tags = json.putArray("tags");
    doc.path("tags").properties().forEach(e -> tags.addObject().put("key", e.getKey()).put("value", e.getValue().asText()));
    return json;
  }

  static void validName(String name) {
    try {
      Names.requireValid("experiment", name);
    } catch (InvalidNameException e) {
      throw ApiError.invalid("Invalid experiment name: '" + name + "'. " + e.getMessage());
    }
  }

  private static String idKey(String id) {
    return "experiments/" + id + ".json";
  }

  private static String nameKey(String name) {
    return "experiment-names/" + name;
  }
}
