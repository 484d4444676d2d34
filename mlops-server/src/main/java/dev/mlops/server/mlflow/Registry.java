package dev.mlops.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.ConflictException;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.core.MlOps;
import dev.mlops.server.http.Authenticator;
import dev.mlops.server.http.WebHandler;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * MLflow's model registry endpoints over ours. Registered models and versions are ours (a version
 * is created from a run's artifact and, when that holds one {@code .onnx} file, is an ONNX version
 * that {@code models.handle("name@alias")} serves); what MLflow adds (descriptions that change,
 * tags set later, stages, the source URI) is kept in {@code mlflow/models/}. Alias moves go through
 * {@link ModelRegistry#moveAliases}, so a protected alias answers PERMISSION_DENIED with the gate's
 * reason and every move is in the alias history.
 */
final class Registry {
  /** Where the routes go: MLflow's method and path below {@code /api/2.0/mlflow/}. */
  interface Routes {
    void add(String method, String path, WebHandler handler);
  }

  private static final Pattern RESERVED_ALIAS = Pattern.compile("[vV]\\d+");
  private static final Set<String> MODEL_ATTRIBUTES = Set.of("name", "creation_timestamp", "last_updated_timestamp");
  private static final Set<String> VERSION_ATTRIBUTES =
      Set.of("name", "version_number", "run_id", "source_path", "current_stage", "creation_timestamp");
  private static final Set<String> TIMES = Set.of("creation_timestamp", "last_updated_timestamp", "version_number");

  private final ModelRegistry registry;
  private final MetaStore meta;
  private final Authenticator authenticator;
  private final Clock clock;
  private final VersionSources sources;

  private Registry(MlOps mlops, Authenticator authenticator, Experiments experiments, MetaStore meta) {
    this.registry = mlops.models();
    this.meta = meta;
    this.authenticator = authenticator;
    this.clock = mlops.clock();
    this.sources = new VersionSources(mlops.experiments(), experiments, mlops.models(), meta);
  }

  static void routes(MlOps mlops, Authenticator authenticator, Experiments experiments, MetaStore meta, Routes routes) {
    Registry r = new Registry(mlops, authenticator, experiments, meta);
    routes.add("POST", "registered-models/create", r::createModel);
    routes.add("GET", "registered-models/get", r::getModel);
    routes.add("GET", "registered-models/search", r::searchModels);
    routes.add("POST", "registered-models/search", r::searchModels);
    routes.add("POST", "registered-models/rename", r::renameModel);
    routes.add("PATCH", "registered-models/update", r::updateModel);
    routes.add("DELETE", "registered-models/delete", r::deleteModel);
    routes.add("POST", "registered-models/set-tag", r::setModelTag);
    routes.add("DELETE", "registered-models/delete-tag", r::deleteModelTag);
    routes.add("POST", "registered-models/get-latest-versions", r::latestVersions);
    routes.add("GET", "registered-models/get-latest-versions", r::latestVersions);
    routes.add("POST", "registered-models/alias", r::setAlias);
    routes.add("DELETE", "registered-models/alias", r::deleteAlias);
    routes.add("GET", "registered-models/alias", r::getByAlias);
    routes.add("POST", "model-versions/create", r::createVersion);
    routes.add("GET", "model-versions/get", r::getVersion);
    routes.add("GET", "model-versions/search", r::searchVersions);
    routes.add("POST", "model-versions/search", r::searchVersions);
    routes.add("PATCH", "model-versions/update", r::updateVersion);
    routes.add("DELETE", "model-versions/delete", r::deleteVersion);
    routes.add("POST", "model-versions/transition-stage", r::transitionStage);
    routes.add("GET", "model-versions/get-download-uri", r::downloadUri);
    routes.add("POST", "model-versions/set-tag", r::setVersionTag);
    routes.add("DELETE", "model-versions/delete-tag", r::deleteVersionTag);
  }

  // ---- registered models

  private void createModel(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String name = modelName(params);
    long now = clock.millis();
    ObjectNode doc = Json.object().put("name", name).put("creation_timestamp", now).put("last_updated_timestamp", now)
        .put("description", params.text("description", ""));
    ObjectNode tags = doc.putObject("tags");
    for (JsonNode tag : params.objects("tags")) {
      tags.put(Limits.key("tag", tag), Limits.value("Registered model value", 5000, tag));
    }
    if (modelMeta(name).map(d -> d.has("renamed_to")).orElse(false) || registry.renamedTo(name).isPresent()) {
      throw ApiError.exists("Registered Model (name=" + name + ") was renamed; the names of renamed models are not"
          + " reused. Choose another name.");
    }
    if (deletedModel(name)) {
      // a model deleted through this API may be created again; its old versions stay deleted
      meta.update(modelKey(name), existing -> existing.removeAll().setAll(doc));
    } else if (hasVersions(name) || !meta.create(modelKey(name), doc)) {
      throw ApiError.exists("Registered Model (name=" + name + ") already exists.");
    }
    sendModel(response, name);
  }

  private void getModel(WebRequest request, WebResponse response) throws IOException {
    sendModel(response, existingModel(Params.of(request)));
  }

  private void updateModel(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String name = existingModel(params);
    String description = params.text("description", "");
    modelDoc(name, doc -> doc.put("description", description));
    sendModel(response, name);
  }

  private void setModelTag(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String name = existingModel(params);
    String key = Limits.key("tag", params.node());
    String value = Limits.value("Registered model value", 5000, params.node());
    modelDoc(name, doc -> doc.with("tags").put(key, value));
    Json.sendEmpty(response);
  }

  private void deleteModelTag(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String name = existingModel(params);
    String key = params.required("key");
    modelDoc(name, doc -> doc.with("tags").remove(key));
    Json.sendEmpty(response);
  }

  /**
   * MLflow's delete, without losing history: the model and its versions are marked deleted beside
   * ours and hidden from every MLflow answer (a 404 afterwards, as MLflow clients expect), its
   * aliases are removed through our registry (each removal in the alias history), and the versions,
   * their artifacts and the history stay in the store for the Java API and {@code mlops models}.
   */
  private void deleteModel(WebRequest request, WebResponse response) throws IOException {
    String name = existingModel(Params.of(request));
    List<ModelVersion> versions = visibleVersions(name);
    removeAliases(request, name, versions.stream().map(ModelVersion::version).toList(),
        "registered model " + name + " deleted through the MLflow API");
    long now = clock.millis();
    for (ModelVersion version : versions) {
      versionDoc(version, doc -> doc.put("deleted", true).put("deleted_timestamp", now));
    }
    meta.update(modelKey(name), doc -> doc.put("name", name).put("deleted", true).put("deleted_timestamp", now));
    Json.sendEmpty(response);
  }

  /**
   * MLflow's rename. Ours ({@link ModelRegistry#rename}) moves the versions, aliases, gates and
   * history in a crash-safe way; what this API keeps beside them (description, tags, stages,
   * deletions) moves after it. The old name's overlay records the new name first ({@code
   * renamed_to}), so a rename cut short is completed by the next request that reads the old name,
   * and two renames of one model through this API cannot both start.
   */
  private void renameModel(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String name = existingModel(params);
    String newName = params.text("new_name");
    if (newName == null || newName.isEmpty()) {
      throw ApiError.invalid("Registered model new_name cannot be empty.");
    }
    try {
      Names.requireValid("model", newName);
    } catch (InvalidNameException e) {
      throw ApiError.invalid("Invalid registered model name '" + newName + "'. " + e.getMessage());
    }
    if (newName.equals(name) || modelMeta(newName).isPresent() || hasVersions(newName)) {
      throw ApiError.exists("Registered Model (name=" + newName + ") already exists.");
    }
    modelDoc(name, doc -> {
      if (doc.has("renamed_to")) {
        throw ApiError.exists("Registered Model (name=" + name + ") is being renamed to "
            + doc.path("renamed_to").asText() + ".");
      }
      doc.put("renamed_to", newName);
    });
    finishRename(name, newName, actor(request));
    sendModel(response, newName);
  }

  /**
   * Completes a rename recorded in {@code name}'s overlay, or withdraws it if its new name was taken
   * and our registry did not rename the model (then the model keeps its name).
   */
  private void finishRename(String name, String newName, String actor) {
    try {
      if (hasVersions(name)) {
        registry.rename(name, newName, actor);
      }
    } catch (ConflictException e) {
      withdrawRename(name, newName);
      throw ApiError.exists(e.getMessage());
    }
    ObjectNode copy = meta.read(modelKey(name)).orElseGet(Json::object).deepCopy();
    copy.remove("renamed_to");
    copy.put("name", newName).put("renamed_from", name);
    if (!meta.create(modelKey(newName), copy)
        && !meta.read(modelKey(newName)).map(d -> d.path("renamed_from").asText().equals(name)).orElse(false)) {
      if (registry.renamedTo(name).isEmpty()) {
        withdrawRename(name, newName);
        throw ApiError.exists("Registered Model (name=" + newName + ") already exists.");
      }
      // Our registry renamed the model onto a name created through this API meanwhile (a model
      // without versions): that overlay stays, and the old name's is retired below all the same.
    }
    String prefix = "models/" + name + "/";
    for (String key : meta.list(prefix)) {
      ObjectNode overlay = meta.read(key).orElseGet(Json::object);
      meta.create("models/" + newName + "/" + key.substring(prefix.length()), overlay);
    }
    long now = clock.millis();
    meta.update(modelKey(name), doc -> doc.put("deleted", true).put("deleted_timestamp", now));
  }

  private void withdrawRename(String name, String newName) {
    meta.update(modelKey(name), doc -> {
      if (doc.path("renamed_to").asText().equals(newName)) {
        doc.remove("renamed_to");
      }
    });
  }

  /**
   * The model's overlay, after completing a rename of it that was cut short. A model renamed
   * through our registry alone (Java's {@link ModelRegistry#rename}, {@code mlops models rename})
   * left its overlay under its old name: the overlay follows it, by the same idempotent steps as a
   * rename through this API, whichever of the two names is read first.
   */
  private Optional<ObjectNode> modelMeta(String name) {
    Optional<ObjectNode> doc = meta.read(modelKey(name));
    if (doc.isEmpty()) {
      return overlayOfEarlierName(name);
    }
    if (doc.get().path("deleted").asBoolean()) {
      return doc;
    }
    Optional<String> renamed = registry.renamedTo(name);
    if (renamed.isPresent() && !renamed.get().equals(doc.get().path("renamed_to").asText(null))) {
      // the registry's rename is final: the overlay goes where the model is (an MLflow rename to
      // another name, cut short, lost to it)
      doc = Optional.of(meta.update(modelKey(name), d -> {
        if (!d.path("deleted").asBoolean()) {
          d.put("renamed_to", renamed.get());
        }
      }));
    }
    if (doc.get().has("renamed_to") && !doc.get().path("deleted").asBoolean()) {
      try {
        finishRename(name, doc.get().path("renamed_to").asText(), "mlflow");
      } catch (ApiError withdrawn) {
        // its new name was taken: the model keeps its name
      }
      doc = meta.read(modelKey(name));
    }
    return doc;
  }

  /**
   * The overlay of a model that has none under this name, moved here from the name it had before
   * a rename through our registry (following earlier names back to the one that holds it).
   */
  private Optional<ObjectNode> overlayOfEarlierName(String name) {
    Optional<String> earlier = registry.renamedFrom(name);
    while (earlier.isPresent()) {
      Optional<ObjectNode> doc = meta.read(modelKey(earlier.get()));
      if (doc.isPresent()) {
        if (doc.get().path("deleted").asBoolean()
            || modelMeta(earlier.get()).map(d -> !d.path("deleted").asBoolean()).orElse(true)) {
          return Optional.empty();
        }
        // moved one step (an MLflow rename cut short may stop at a name in between): look again
        return meta.read(modelKey(name)).or(() -> overlayOfEarlierName(name));
      }
      earlier = registry.renamedFrom(earlier.get());
    }
    return Optional.empty();
  }

  /** Whether our registry has the model (with versions) under this name. */
  private boolean hasVersions(String name) {
    try {
      registry.versions(name);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private void modelDoc(String name, java.util.function.Consumer<ObjectNode> change) {
    long now = clock.millis();
    meta.update(modelKey(name), doc -> {
      if (!doc.has("name")) {
        doc.put("name", name).put("creation_timestamp", firstVersionTime(name).orElse(now)).putObject("tags");
      }
      change.accept(doc);
      doc.put("last_updated_timestamp", now);
    });
  }

  private void searchModels(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    SearchFilter filter = SearchFilter.parse(params.text("filter"), TIMES, MODEL_ATTRIBUTES);
    int max = Limits.maxResults(params, 100);
    TreeSet<String> names = new TreeSet<>(registry.models());
    meta.list("models/").stream().filter(k -> k.endsWith(".json") && k.indexOf('/', "models/".length()) < 0)
        .forEach(k -> names.add(k.substring("models/".length(), k.length() - ".json".length())));
    List<ObjectNode> matches = new ArrayList<>();
    names.removeIf(this::deletedModel);
    for (String name : names) {
      ObjectNode model = modelJson(name);
      if (filter.matches((entity, key) -> entity.equals("tags") ? tag(model, key) : attribute(model, key))) {
        matches.add(model);
      }
    }
    page(response, params, matches, "registered_models", max);
  }

  private void latestVersions(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String name = existingModel(params);
    List<String> stages = params.list("stages");
    ObjectNode body = Json.object();
    ArrayNode versions = body.putArray("model_versions");
    latestPerStage(name).forEach((stage, version) -> {
      if (stages.isEmpty() || stages.stream().anyMatch(stage::equalsIgnoreCase)) {
        versions.add(version);
      }
    });
    Json.send(response, body);
  }

  // ---- aliases

  private void setAlias(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String name = existingModel(params);
    String alias = params.required("alias");
    if (alias.equalsIgnoreCase("latest")) {
      throw ApiError.invalid("'latest' alias name (case insensitive) is reserved.");
    }
    if (RESERVED_ALIAS.matcher(alias).matches()) {
      throw ApiError.invalid("Version alias name '" + alias + "' is reserved.");
    }
    int version = versionNumber(params.required("version"));
    existingVersion(name, version);
    try {
      registry.moveAliases(name, Map.of(alias, version), actor(request), "set through the MLflow API");
    } catch (GateFailedException e) {
      throw ApiError.denied(e.getMessage() + ". From an MLflow client, ask for the promotion with 'mlops models"
          + " promote " + name + " " + alias + " " + version + "' and have it approved");
    }
    Json.sendEmpty(response);
  }

  private void deleteAlias(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String name = existingModel(params);
    String alias = params.required("alias");
    if (!registry.aliases(name).containsKey(alias)) {
      throw ApiError.notFound("Registered model alias " + alias + " not found.");
    }
    try {
      registry.removeAlias(name, alias, actor(request), "deleted through the MLflow API");
    } catch (GateFailedException e) {
      throw ApiError.denied(e.getMessage());
    }
    Json.sendEmpty(response);
  }

  /**
   * Removes the aliases that point at any of {@code versions}, through our registry so each removal
   * is in the alias history; refuses before removing any if one of them is protected.
   */
  private void removeAliases(WebRequest request, String name, List<Integer> versions, String reason) {
    if (!hasVersions(name)) {
      return;
    }
    List<String> doomed = new ArrayList<>();
    registry.aliases(name).forEach((alias, version) -> {
      if (versions.contains(version)) {
        doomed.add(alias);
      }
    });
    Map<String, ?> policies = registry.policies(name);
    for (String alias : doomed) {
      if (policies.containsKey(alias)) {
        throw ApiError.denied("Alias '" + alias + "' of model '" + name + "' is protected and points at version "
            + registry.aliases(name).get(alias) + "; deleting would remove it. Promote another version to '" + alias
            + "' first ('mlops models promote " + name + " " + alias + " <version>')");
      }
    }
    String actor = actor(request);
    for (String alias : doomed) {
      registry.removeAlias(name, alias, actor, reason);
    }
  }

  private String actor(WebRequest request) {
    return Optional.ofNullable(authenticator.principal(request)).orElse("mlflow-client");
  }

  private void getByAlias(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String name = existingModel(params);
    String alias = params.required("alias");
    Integer version = registry.aliases(name).get(alias);
    if (version == null) {
      throw ApiError.notFound("Registered model alias " + alias + " not found.");
    }
    ObjectNode body = Json.object();
    body.set("model_version", versionJson(registry.resolve(name + "/" + version)));
    Json.send(response, body);
  }

  // ---- versions

  private void createVersion(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String name = existingModel(params);
    String source = params.required("source");
    Map<String, String> tags = new TreeMap<>();
    for (JsonNode tag : params.objects("tags")) {
      tags.put(Limits.key("tag", tag), Limits.value("Model version value", 5000, tag));
    }
    ModelVersion version = sources.register(name, source, params.text("run_id"), params.text("description", ""), tags);
    long now = clock.millis();
    ObjectNode doc = Json.object().put("source", source).put("current_stage", "None")
        .put("run_link", params.text("run_link", "")).put("last_updated_timestamp", now);
    version.lineage().runId().ifPresent(runId -> doc.put("run_id", runId));
    meta.create(versionKey(name, version.version()), doc);
    ObjectNode body = Json.object();
    body.set("model_version", versionJson(version));
    Json.send(response, body);
  }

  /**
   * MLflow's delete of a version, without losing history: the version is marked deleted beside
   * ours and hidden from MLflow's answers; the aliases on it are removed through our registry
   * (refused with PERMISSION_DENIED if one is protected); the version stays in our registry.
   */
  private void deleteVersion(WebRequest request, WebResponse response) throws IOException {
    ModelVersion version = existingVersion(Params.of(request));
    removeAliases(request, version.model(), List.of(version.version()),
        "version " + version.version() + " deleted through the MLflow API");
    long now = clock.millis();
    versionDoc(version, doc -> doc.put("deleted", true).put("deleted_timestamp", now));
    Json.sendEmpty(response);
  }

  private void getVersion(WebRequest request, WebResponse response) throws IOException {
    ObjectNode body = Json.object();
    body.set("model_version", versionJson(existingVersion(Params.of(request))));
    Json.send(response, body);
  }

  private void updateVersion(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    ModelVersion version = existingVersion(params);
    String description = params.text("description", "");
    versionDoc(version, doc -> doc.put("description", description));
    ObjectNode body = Json.object();
    body.set("model_version", versionJson(version));
    Json.send(response, body);
  }

  private void transitionStage(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    ModelVersion version = existingVersion(params);
    String stage = stage(params.required("stage"));
    if (params.node().path("archive_existing_versions").asBoolean(false) && !stage.equals("None")
        && !stage.equals("Archived")) {
      for (ModelVersion other : visibleVersions(version.model())) {
        if (other.version() != version.version() && stageOf(other).equals(stage)) {
          versionDoc(other, doc -> doc.put("current_stage", "Archived"));
        }
      }
    }
    versionDoc(version, doc -> doc.put("current_stage", stage));
    ObjectNode body = Json.object();
    body.set("model_version", versionJson(version));
    Json.send(response, body);
  }

  private void downloadUri(WebRequest request, WebResponse response) throws IOException {
    ModelVersion version = existingVersion(Params.of(request));
    Json.send(response, Json.object().put("artifact_uri", versionOverlay(version).path("source").asText(
        "models:/" + version.model() + "/" + version.version())));
  }

  private void setVersionTag(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    ModelVersion version = existingVersion(params);
    String key = Limits.key("tag", params.node());
    String value = Limits.value("Model version value", 5000, params.node());
    versionDoc(version, doc -> {
      doc.with("tags").put(key, value);
      removeFrom(doc.withArray("removed_tags"), key);
    });
    Json.sendEmpty(response);
  }

  private void deleteVersionTag(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    ModelVersion version = existingVersion(params);
    String key = params.required("key");
    versionDoc(version, doc -> {
      doc.with("tags").remove(key);
      doc.withArray("removed_tags").add(key);
    });
    Json.sendEmpty(response);
  }

  private void searchVersions(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    SearchFilter filter = SearchFilter.parse(params.text("filter"), TIMES, VERSION_ATTRIBUTES);
    int max = Limits.maxResults(params, 10_000);
    String onlyModel = null;
    for (SearchFilter.Clause clause : filter.clauses()) {
      if (clause.entity().equals("attributes") && clause.key().equals("name") && clause.comparator().equals("=")) {
        onlyModel = (String) clause.values().get(0);
      }
    }
    List<String> names = onlyModel == null ? registry.models()
        : hasVersions(onlyModel) ? List.of(onlyModel) : List.of();
    List<ObjectNode> matches = new ArrayList<>();
    for (String name : names) {
      for (ModelVersion version : visibleVersions(name)) {
        ObjectNode json = versionJson(version);
        if (filter.matches((entity, key) -> entity.equals("tags") ? tag(json, key) : versionAttribute(json, key))) {
          matches.add(json);
        }
      }
    }
    page(response, params, matches, "model_versions", max);
  }

  private void versionDoc(ModelVersion version, java.util.function.Consumer<ObjectNode> change) {
    long now = clock.millis();
    meta.update(versionKey(version.model(), version.version()), doc -> {
      change.accept(doc);
      doc.put("last_updated_timestamp", now);
    });
  }

  // ---- JSON

  private void sendModel(WebResponse response, String name) throws IOException {
    ObjectNode body = Json.object();
    body.set("registered_model", modelJson(name));
    Json.send(response, body);
  }

  private ObjectNode modelJson(String name) {
    ObjectNode doc = meta.read(modelKey(name)).orElseGet(Json::object);
    long created = doc.has("creation_timestamp") ? doc.path("creation_timestamp").asLong()
        : firstVersionTime(name).orElse(0L);
    ObjectNode json = Json.object().put("name", name).put("creation_timestamp", created)
        .put("last_updated_timestamp", doc.path("last_updated_timestamp").asLong(created))
        .put("description", doc.path("description").asText(""));
    ArrayNode latest = json.putArray("latest_versions");
    latestPerStage(name).values().forEach(latest::add);
    ArrayNode tags = json.putArray("tags");
    doc.path("tags").properties().forEach(e -> tags.addObject().put("key", e.getKey()).put("value", e.getValue().asText()));
    ArrayNode aliases = json.putArray("aliases");
    if (hasVersions(name)) {
      registry.aliases(name).forEach((alias, version) ->
          aliases.addObject().put("alias", alias).put("version", String.valueOf(version)));
    }
    return json;
  }

  /** The newest version in each stage, as MLflow's latest_versions shows them. */
  private Map<String, ObjectNode> latestPerStage(String name) {
    Map<String, ObjectNode> latest = new TreeMap<>();
    for (ModelVersion version : visibleVersions(name)) {
      latest.put(stageOf(version), versionJson(version));
    }
    return latest;
  }

  /** The model's versions MLflow clients see: ours, less those deleted through this API. */
  private List<ModelVersion> visibleVersions(String name) {
    if (!hasVersions(name)) {
      return List.of();
    }
    return registry.versions(name).stream().filter(v -> !versionOverlay(v).path("deleted").asBoolean()).toList();
  }

  private boolean deletedModel(String name) {
    return modelMeta(name).map(doc -> doc.path("deleted").asBoolean()).orElse(false);
  }

  private ObjectNode versionJson(ModelVersion version) {
    ObjectNode doc = versionOverlay(version);
    long created = version.createdAt().toEpochMilli();
    ObjectNode json = Json.object()
        .put("name", version.model())
        .put("version", String.valueOf(version.version()))
        .put("creation_timestamp", created)
        .put("last_updated_timestamp", doc.path("last_updated_timestamp").asLong(created))
        .put("current_stage", doc.path("current_stage").asText("None"))
        .put("description", doc.path("description").asText(version.description()))
        .put("source", doc.path("source").asText("models:/" + version.model() + "/" + version.version()))
        .put("run_id", version.lineage().runId().orElse(""))
        .put("status", "READY");
    if (!doc.path("run_link").asText("").isEmpty()) {
      json.put("run_link", doc.path("run_link").asText());
    }
    Map<String, String> tags = new TreeMap<>(version.tags());
    doc.path("removed_tags").forEach(k -> tags.remove(k.asText()));
    doc.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    json.set("tags", Json.keyValues(tags));
    ArrayNode aliases = json.putArray("aliases");
    registry.aliases(version.model()).forEach((alias, v) -> {
      if (v == version.version()) {
        aliases.add(alias);
      }
    });
    return json;
  }

  private String stageOf(ModelVersion version) {
    return versionOverlay(version).path("current_stage").asText("None");
  }

  private ObjectNode versionOverlay(ModelVersion version) {
    return meta.read(versionKey(version.model(), version.version())).orElseGet(Json::object);
  }

  private static void page(WebResponse response, Params params, List<ObjectNode> matches, String field, int max)
      throws IOException {
    List<SearchFilter.Order> orders = new ArrayList<>();
    for (String order : params.list("order_by")) {
      orders.add(SearchFilter.order(order, Set.of("name", "creation_timestamp", "last_updated_timestamp",
          "version_number", "timestamp")));
    }
    for (int i = orders.size() - 1; i >= 0; i--) {
      SearchFilter.Order order = orders.get(i);
      java.util.Comparator<ObjectNode> c = java.util.Comparator.comparing(
          (ObjectNode n) -> order.key().equals("version_number") ? String.format("%012d", n.path("version").asLong())
              : n.path(order.key().equals("timestamp") ? "creation_timestamp" : order.key()).asText());
      matches.sort(order.ascending() ? c : c.reversed());
    }
    int offset = PageToken.offset(params.text("page_token"));
    int end = (int) Math.min(matches.size(), (long) offset + max);
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray(field);
    matches.subList(Math.min(offset, end), end).forEach(list::add);
    if (end < matches.size()) {
      body.put("next_page_token", PageToken.of(end));
    }
    Json.send(response, body);
  }

  private static Object tag(ObjectNode json, String key) {
    for (JsonNode tag : json.path("tags")) {
      if (tag.path("key").asText().equals(key)) {
        return tag.path("value").asText();
      }
    }
    return null;
  }

  private static Object attribute(ObjectNode json, String key) {
    return TIMES.contains(key) ? (Object) json.path(key).asDouble() : json.path(key).asText();
  }

  private static Object versionAttribute(ObjectNode json, String key) {
    return switch (key) {
      case "version_number" -> json.path("version").asDouble();
      case "source_path" -> json.path("source").asText();
      default -> attribute(json, key);
    };
  }

  // ---- names and lookups

  private String modelName(Params params) {
    String name = params.text("name");
    if (name == null || name.isEmpty()) {
      throw ApiError.invalid("Registered model name cannot be empty.");
    }
    try {
      return Names.requireValid("model", name);
    } catch (InvalidNameException e) {
      throw ApiError.invalid("Invalid registered model name '" + name + "'. " + e.getMessage());
    }
  }

  private String existingModel(Params params) {
    String name = modelName(params);
    Optional<ObjectNode> doc = modelMeta(name);
    if (doc.map(d -> d.path("deleted").asBoolean()).orElse(doc.isEmpty() && !hasVersions(name))) {
      throw ApiError.notFound("Registered Model with name=" + name + " not found");
    }
    return name;
  }

  private ModelVersion existingVersion(Params params) {
    String name = existingModel(params);
    return existingVersion(name, versionNumber(params.required("version")));
  }

  private ModelVersion existingVersion(String name, int version) {
    ModelVersion found;
    try {
      found = registry.resolve(name + "/" + version);
    } catch (NotFoundException e) {
      throw ApiError.notFound("Model Version (name=" + name + ", version=" + version + ") not found");
    }
    if (versionOverlay(found).path("deleted").asBoolean()) {
      throw ApiError.notFound("Model Version (name=" + name + ", version=" + version + ") not found");
    }
    return found;
  }

  private Optional<Long> firstVersionTime(String name) {
    if (!hasVersions(name)) {
      return Optional.empty();
    }
    return visibleVersions(name).stream().findFirst().map(v -> v.createdAt().toEpochMilli());
  }

  private static int versionNumber(String text) {
    try {
      int version = Integer.parseInt(text);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.invalid("Model version must be an integer, got '" + text + "'");
  }

  private static String stage(String text) {
    for (String stage : List.of("None", "Staging", "Production", "Archived")) {
      if (stage.equalsIgnoreCase(text)) {
        return stage;
      }
    }
    throw ApiError.invalid("Invalid Model Version stage: " + text + ". Value must be one of None, Staging,"
        + " Production, Archived.");
  }

  private static void removeFrom(ArrayNode list, String value) {
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.get(i).asText().equals(value)) {
        list.remove(i);
      }
    }
  }

  private static String modelKey(String name) {
    return "models/" + name + ".json";
  }

  private static String versionKey(String name, int version) {
    return "models/" + name + "/versions/" + version + ".json";
  }
}
