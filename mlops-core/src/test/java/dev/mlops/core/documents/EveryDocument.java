package dev.mlops.core.documents;

import dev.mlops.api.Comparison;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.drift.Sample;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPipeline;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A store holding one document of every kind the SDK stores, each written through the public API,
 * and for each kind the public call that reads it back.
 */
final class EveryDocument {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  /** One kind of document: where one lies, and an API call that reads it. */
  record Kind(String name, String key, Consumer<MlOps> read) {
    @Override
    public String toString() {
      return name;
    }
  }

  final List<Kind> kinds = new ArrayList<>();
  String versionId;
  String runId;
  String artifactKey;
  String chunkKey;

  private EveryDocument() {}

  /** Writes one of every document into {@code store}, with files under {@code dir}. */
  static EveryDocument write(ObjectStore store, Path dir) {
    EveryDocument docs = new EveryDocument();
    try (MlOps mlops = MlOps.builder().store(store).build()) {
      docs.datasets(mlops, dir);
      docs.runs(mlops, dir);
      docs.models(mlops, dir);
      docs.validation(mlops);
      docs.drift(mlops);
      docs.retraining(mlops);
      docs.garbageCollection(mlops);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  private void datasets(MlOps mlops, Path dir) throws IOException {
    Path source = Files.createDirectories(dir.resolve("data"));
    Files.writeString(source.resolve("a.txt"), "alpha\n".repeat(100));
    versionId = mlops.datasets().commit(CommitRequest.builder().dataset("d").add("raw", source)
        .message("first").author("ada").build()).ref().versionId();
    mlops.datasets().tag("d", "v1");
    add("dataset head", "refs/datasets/d/heads/main", m -> m.datasets().resolve("d"));
    add("dataset tag", "refs/datasets/d/tags/v1", m -> m.datasets().resolve("d@v1"));
    add("dataset version record", "refs/datasets/d/versions/" + versionId,
        m -> m.datasets().resolve("d@" + versionId));
    chunkKey = "objects/sha256/" + mlops.datasets().resolve("d").files().get(0).sha256()
        .substring(0, 2) + "/" + mlops.datasets().resolve("d").files().get(0).sha256();
  }

  private void runs(MlOps mlops, Path dir) throws IOException {
    Path artifact = Files.writeString(dir.resolve("notes.txt"), "trained well");
    try (Run run = mlops.experiments().start(RunSpec.builder().experiment("e").build())) {
      run.param("lr", "0.1");
      run.log("loss", 0.5, 1);
      run.artifact("notes.txt", artifact);
      runId = run.id();
    }
    String sha = mlops.experiments().run(runId).orElseThrow().artifacts().get(0).sha256();
    artifactKey = "objects/sha256/" + sha.substring(0, 2) + "/" + sha;
    add("experiment marker", "refs/experiments/e", m -> m.store().get("refs/experiments/e"));
    add("run document", "refs/runs/" + runId, m -> m.experiments().run(runId));
    if (mlops.store().stat("refs/heartbeats/" + runId).isPresent()) {
      add("heartbeat", "refs/heartbeats/" + runId, m -> m.store().get("refs/heartbeats/" + runId));
    }
  }

  private void models(MlOps mlops, Path dir) throws IOException {
    Path weights = Files.writeString(dir.resolve("model.bin"), "weights");
    mlops.models().register(ModelSpec.builder().model("m").artifact(weights, ModelFormat.OTHER)
        .build());
    mlops.models().moveAliases("m", Map.of("prod", 1), "ada", "first release");
    add("model version", "refs/models/m/versions/0000000001", m -> m.models().resolve("m/1"));
    add("model history entry", "logs/models/m/aliases/0000000001", m -> m.models().aliases("m"));
  }

  private void validation(MlOps mlops) {
    float[][] features = {{0}, {1}, {0}, {1}};
    double[] labels = {0, 1, 0, 1};
    String report = mlops.validator().validate(ValidationRequest.builder()
        .suite(ValidationSuite.builder().name("smoke").require("accuracy", Comparison.AT_LEAST, 0.5)
            .build())
        .candidate(rows -> {
          float[][] out = new float[rows.length][];
          for (int i = 0; i < rows.length; i++) {
            out[i] = new float[] {1 - rows[i][0], rows[i][0]};
          }
          return out;
        })
        .data(LabelledData.of(features, labels)).model("m/1").build()).id();
    add("validation link", "logs/validation/m/0000000001/0000000001",
        m -> m.validator().reportsFor("m/1"));
    add("validation report marker", "refs/validation/reports/" + report,
        m -> m.store().get("refs/validation/reports/" + report));
  }

  private void drift(MlOps mlops) {
    mlops.drift().saveProfile("p", mlops.drift().profile(Sample.builder()
        .numeric("x", new double[] {1, 2, 3, 4, 5}).build()));
    add("drift profile ref", "refs/drift/profiles/p", m -> m.drift().loadProfile("p"));
    Sample current = Sample.builder().numeric("x", new double[] {2, 3, 4, 5, 6}).build();
    mlops.drift().history("p").record(mlops.drift().compare(mlops.drift().loadProfile("p"), current,
        dev.mlops.api.drift.DriftConfig.ofDefaults()), T0, T0.plusSeconds(3_600));
    add("drift history record", "logs/drift/p/000000000001", m -> m.drift().history("p").list());
  }

  private void retraining(MlOps mlops) {
    RetrainDecision decision = mlops.retrainPolicy(RetrainPolicyConfig.builder().name("churn")
        .trigger(new Trigger("drift.share", Comparison.AT_LEAST, 0.1, 0.05)).build())
        .evaluate(RetrainSignals.builder(T0).signal("drift.share", 0.9).build());
    String request = decision.requestId().orElseThrow(() -> new IllegalStateException(
        "large drift asks for approval by default"));
    mlops.retraining().run(RetrainPipeline.builder("pipe").step("only", c -> Map.of("x", "1"))
        .build(), "r1", Map.of("source", "s"));
    add("retrain decision", "logs/retrain/churn/000000000001",
        m -> m.retraining().lastDecision("churn"));
    add("retrain request", "refs/retrain/requests/" + request,
        m -> m.retraining().request(request));
    add("pipeline run", "refs/retrain/pipelines/pipe/r1",
        m -> m.retraining().pipelineRun("pipe", "r1"));
  }

  private void garbageCollection(MlOps mlops) {
    mlops.inspector().gc(java.time.Duration.ofDays(365), false); // collects nothing, leaves its state
    add("collector state", "refs/gc/state", m -> m.store().get("refs/gc/state"));
  }

  private void add(String name, String key, Consumer<MlOps> read) {
    kinds.add(new Kind(name, key, read));
  }

  /** Every key under refs/ and logs/ that this fixture does not name: none, if it is complete. */
  List<String> unnamedDocuments(ObjectStore store) {
    List<String> named = kinds.stream().map(Kind::key).toList();
    List<String> unnamed = new ArrayList<>();
    for (String area : new String[] {"refs/", "logs/"}) {
      try (Stream<ObjectInfo> listing = store.list(area)) {
        listing.map(ObjectInfo::key).filter(k -> !named.contains(k))
            .filter(k -> !k.matches("logs/runs/.*/metrics/.*")).forEach(unnamed::add);
      }
    }
    return unnamed;
  }
}
