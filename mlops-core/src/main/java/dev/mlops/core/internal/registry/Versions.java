package dev.mlops.core.internal.registry;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.Remedy;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunInput;
import dev.mlops.api.registry.Lineage;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSignature;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.TensorSpec;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ChunkRef;
import dev.mlops.core.internal.content.ContentStore;
import dev.mlops.core.internal.content.ContentWrite;
import dev.mlops.core.internal.content.SourceFiles;
import dev.mlops.core.internal.content.Subject;
import dev.mlops.core.internal.onnx.OnnxModels;
import dev.mlops.core.internal.registry.Docs.FileDoc;
import dev.mlops.core.internal.registry.Docs.TensorDoc;
import dev.mlops.core.internal.registry.Docs.VersionDoc;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/** Registers versions (numbers claimed with putIfAbsent) and reads them back, cached: they never change. */
final class Versions {
  private final ObjectStore store;
  private final ContentStore content;
  private final Clock clock;
  private final Function<String, Optional<RunInfo>> runs;
  private final Map<String, VersionDoc> cache = new ConcurrentHashMap<>();

  Versions(ObjectStore store, ContentStore content, Clock clock, Function<String, Optional<RunInfo>> runs) {
    this.store = store;
    this.content = content;
    this.clock = clock;
    this.runs = runs;
  }

  /** Looks at a version slot before it is claimed (a rename may have sealed the model or be copying into it). */
  interface ClaimGuard {
    void beforeClaim(String model, int version);
  }

  VersionDoc register(ModelSpec spec, ClaimGuard guard) {
    String label = "model '" + spec.model() + "' artifact " + spec.artifact();
    VersionDoc doc = new VersionDoc();
    doc.model = spec.model();
    doc.format = spec.format().name();
    doc.description = spec.description();
    doc.tags.putAll(spec.tags());
    doc.metrics.putAll(spec.metrics());
    // Read the signature first: a file that is not a model is refused before anything is stored.
    if (spec.format() == ModelFormat.ONNX) {
      ModelSignature signature = OnnxModels.signature(readModelFile(spec), label);
      doc.inputs = tensorDocs(signature.inputs());
      doc.outputs = tensorDocs(signature.outputs());
    }
    spec.runId().ifPresent(runId -> addLineage(doc, runId));
    // The artifact's objects and the version that points to them: one content write.
    try (ContentWrite write = content.beginWrite("registration of " + spec.model())) {
      SourceFiles.of(spec.artifact(), "artifact").forEach((relative, file) -> {
        ChunkRef object = write.putFile(file);
        FileDoc entry = new FileDoc();
        entry.path = relative;
        entry.sha256 = object.sha256();
        entry.size = object.size();
        doc.files.add(entry);
      });
      doc.kind = java.nio.file.Files.isDirectory(spec.artifact()) ? "directory" : "file";
      doc.size = doc.files.stream().mapToLong(file -> file.size).sum();
      doc.createdAt = clock.instant().toString();
      int version = latest(spec.model()) + 1;
      while (true) {
        doc.version = version;
        String key = RegistryKeys.version(spec.model(), version);
        guard.beforeClaim(spec.model(), version);
        write.publishing();
        if (store.putIfAbsent(key, Docs.encode(doc))) {
          cache.put(key, doc);
          return doc;
        }
        version++;
      }
    }
  }

  private static byte[] readModelFile(ModelSpec spec) {
    if (!java.nio.file.Files.isRegularFile(spec.artifact())) {
      throw new IllegalArgumentException("an ONNX artifact must be a single .onnx file, got " + spec.artifact());
    }
    try {
      return java.nio.file.Files.readAllBytes(spec.artifact());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not read " + spec.artifact(), e);
    }
  }

  private void addLineage(VersionDoc doc, String runId) {
    doc.runId = runId;
    Optional<RunInfo> run = runs.apply(runId);
    run.ifPresent(info -> {
      for (RunInput input : info.inputs()) {
        doc.datasets.add(input.dataset().dataset() + "@" + input.dataset().versionId());
      }
      info.lineage().code().ifPresent(code -> doc.codeVersion = code.commit());
      if (doc.metrics.isEmpty()) {
        doc.metrics.putAll(info.latestMetrics());
      }
    });
  }

  /** The highest registered version, 0 if none. */
  int latest(String model) {
    try (Stream<ObjectInfo> listing = store.list(RegistryKeys.versionsPrefix(model))) {
      return listing.mapToInt(info -> RegistryKeys.versionOf(info.key())).max().orElse(0);
    }
  }

  List<ModelVersion> all(String model) {
    List<ModelVersion> versions = new ArrayList<>();
    try (Stream<ObjectInfo> listing = store.list(RegistryKeys.versionsPrefix(model))) {
      for (ObjectInfo info : listing.toList()) {
        versions.add(toVersion(read(model, RegistryKeys.versionOf(info.key()))));
      }
    }
    return versions;
  }

  VersionDoc read(String model, int version) {
    String key = RegistryKeys.version(model, version);
    VersionDoc cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    byte[] bytes = store.get(key).orElseThrow(() -> new NotFoundException("Model '" + model + "' has no version "
        + version, Remedy.LIST_MODEL_VERSIONS)).bytes();
    VersionDoc doc = Docs.version(bytes, key);
    cache.put(key, doc);
    return doc;
  }

  boolean exists(String model) {
    try (Stream<ObjectInfo> listing = store.list(RegistryKeys.versionsPrefix(model))) {
      return listing.findAny().isPresent();
    }
  }

  static ModelVersion toVersion(VersionDoc doc) {
    Optional<ModelSignature> signature = doc.inputs == null ? Optional.empty()
        : Optional.of(new ModelSignature(specs(doc.inputs), specs(doc.outputs)));
    List<DatasetRef> datasets = new ArrayList<>();
    for (String dataset : doc.datasets) {
      int at = dataset.lastIndexOf('@');
      datasets.add(new DatasetRef(dataset.substring(0, at), dataset.substring(at + 1)));
    }
    Lineage lineage = new Lineage(Optional.ofNullable(doc.runId), datasets, Optional.ofNullable(doc.codeVersion));
    return new ModelVersion(doc.model, doc.version, ModelFormat.valueOf(doc.format), signature, lineage,
        doc.metrics, doc.tags, doc.description, Instant.parse(doc.createdAt), doc.size);
  }

  static FileDoc modelFile(VersionDoc doc) {
    return doc.files.get(0);
  }

  /** Reads a version's model file whole, verified: no byte of a damaged object gets out. */
  byte[] readModel(ModelVersion version) {
    FileDoc file = modelFile(read(version.model(), version.version()));
    if (file.size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(version + " is " + file.size + " bytes; models served or validated in"
          + " process must be under 2 GiB");
    }
    return content.read(new ChunkRef(file.sha256, file.size), artifactOf(version));
  }

  /** Opens one file of a version's artifact, verified as it is read. */
  java.io.InputStream open(ModelVersion version, FileDoc file) {
    return content.open(new ChunkRef(file.sha256, file.size), artifactOf(version));
  }

  private static Subject artifactOf(ModelVersion version) {
    return new Subject("the artifact of " + version, "restore the object from a replica or register the"
        + " model again");
  }

  private static List<TensorDoc> tensorDocs(List<TensorSpec> specs) {
    List<TensorDoc> docs = new ArrayList<>();
    for (TensorSpec spec : specs) {
      TensorDoc doc = new TensorDoc();
      doc.name = spec.name();
      doc.type = spec.elementType();
      doc.shape = new ArrayList<>(spec.shape());
      docs.add(doc);
    }
    return docs;
  }

  private static List<TensorSpec> specs(List<TensorDoc> docs) {
    return docs.stream().map(doc -> new TensorSpec(doc.name, doc.type, doc.shape)).toList();
  }
}
