package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.InvalidNameException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.experiment.CodeVersion;
import dev.mlops.api.experiment.InputRole;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunInput;
import dev.mlops.api.experiment.RunLineage;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.api.registry.InvalidModelException;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.TensorSpec;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterTest {
  @TempDir Path dir;
  RegistryFixture fx;

  RegistryFixture fixture() {
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir);
    return fx;
  }

  @AfterEach
  void close() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void anOnnxVersionCarriesTheSignatureReadFromTheModel() {
    ModelVersion v = fixture().register("churn", 0f);
    assertEquals(1, v.version());
    assertEquals(ModelFormat.ONNX, v.format());
    assertEquals(List.of(new TensorSpec("features", "FLOAT", List.of(-1L, 3L))), v.signature().orElseThrow().inputs());
    assertEquals(v, fx.registry.resolve("churn/1"));
    assertEquals(v, fx.registry.resolve("churn@1"));
    assertEquals(List.of("churn"), fx.registry.models());
  }

  @Test
  void eightRacingRegistrationsGetEightConsecutiveVersions() throws Exception {
    fixture();
    Path model = fx.model("m.onnx", 0f);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int n = i;
      results.add(pool.submit(() -> {
        start.await();
        return fx.registry.register(ModelSpec.builder().model("raced").artifact(model, ModelFormat.ONNX)
            .tag("thread", "t" + n).build()).version();
      }));
    }
    start.countDown();
    List<Integer> versions = new ArrayList<>();
    for (Future<Integer> result : results) {
      versions.add(result.get());
    }
    pool.shutdown();
    assertEquals(IntStream.rangeClosed(1, 8).boxed().toList(), versions.stream().sorted().toList());
    assertEquals(8, fx.registry.versions("raced").size());
  }

  @Test
  void lineageAndMetricsComeFromTheRunWhenGiven() {
    RunInfo run = new RunInfo("run-1", "exp", "name", RunStatus.FINISHED, Instant.EPOCH, Optional.empty(),
        Optional.empty(), Map.of(), Map.of(), List.of(new RunInput(new DatasetRef("customers", "abc123"),
        InputRole.TRAIN)), Map.of("auc", 0.91), new RunLineage(Optional.of(new CodeVersion("deadbeef",
        Optional.empty(), false)), Map.of(), Map.of()), List.of(), Optional.empty());
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir,
        id -> id.equals("run-1") ? Optional.of(run) : Optional.empty(), Duration.ofSeconds(1));
    ModelVersion v = fx.registry.register(ModelSpec.builder().model("churn")
        .artifact(fx.model("a.onnx", 0f), ModelFormat.ONNX).run("run-1").description("first").build());
    assertEquals(Optional.of("run-1"), v.lineage().runId());
    assertEquals(List.of(new DatasetRef("customers", "abc123")), v.lineage().datasets());
    assertEquals(Optional.of("deadbeef"), v.lineage().codeVersion());
    assertEquals(Map.of("auc", 0.91), v.metrics());
    ModelVersion unknownRun = fx.registry.register(ModelSpec.builder().model("churn")
        .artifact(fx.model("b.onnx", 0f), ModelFormat.ONNX).run("run-unknown").metric("acc", 0.5).build());
    assertEquals(Optional.of("run-unknown"), unknownRun.lineage().runId());
    assertTrue(unknownRun.lineage().datasets().isEmpty());
    assertEquals(Map.of("acc", 0.5), unknownRun.metrics());
  }

  @Test
  void aDirectoryArtifactIsStoredAndCheckedOutByteForByte() throws Exception {
    fixture();
    Path source = Files.createDirectories(dir.resolve("model-dir/sub"));
    Files.writeString(dir.resolve("model-dir/config.json"), "{\"a\": 1}");
    Files.write(source.resolve("weights.bin"), new byte[] {0, 1, 2, (byte) 255});
    ModelVersion v = fx.registry.register(ModelSpec.builder().model("other")
        .artifact(dir.resolve("model-dir"), ModelFormat.OTHER).build());
    assertTrue(v.signature().isEmpty());
    assertEquals(12, v.artifactSize());
    Path out = fx.registry.checkout("other/1", dir.resolve("out"));
    assertEquals("{\"a\": 1}", Files.readString(out.resolve("config.json")));
    assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, Files.readAllBytes(out.resolve("sub/weights.bin")));
  }

  @Test
  void aFileThatIsNotAnOnnxModelIsRefusedAndNothingIsStored() throws Exception {
    fixture();
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "definitely not protobuf");
    var e = assertThrows(InvalidModelException.class, () -> fx.registry.register(ModelSpec.builder().model("bad")
        .artifact(junk, ModelFormat.ONNX).build()));
    assertTrue(e.getMessage().contains("junk.onnx") && e.getMessage().contains("ModelFormat.OTHER"), e.getMessage());
    try (var keys = fx.store.list("")) {
      assertEquals(List.of(), keys.map(ObjectInfo::key).toList());
    }
  }

  @Test
  void unknownModelsVersionsAndAliasesAreNotFound() {
    fixture().register("churn", 0f);
    assertThrows(NotFoundException.class, () -> fx.registry.resolve("nope/1"));
    assertThrows(NotFoundException.class, () -> fx.registry.resolve("churn/7"));
    var e = assertThrows(NotFoundException.class, () -> fx.registry.resolve("churn@production"));
    assertTrue(e.getMessage().contains("production"), e.getMessage());
    assertThrows(NotFoundException.class, () -> fx.registry.versions("nope"));
    assertThrows(IllegalArgumentException.class, () -> fx.registry.resolve("churn"));
    assertThrows(InvalidNameException.class, () -> fx.registry.resolve("../etc@x"));
    assertThrows(InvalidNameException.class, () -> fx.moveAlias("churn", "42", 1));
    assertFalse(fx.registry.models().contains("nope"));
  }
  @Test
  void garbageCollectionKeepsEveryRegisteredArtifact() throws Exception {
    fixture();
    fx.register("churn", 0f);
    fx.store.putIfAbsent(dev.mlops.core.internal.content.ContentKeys.keyOf(new byte[32]), new byte[] {1});
    var report = dev.mlops.core.internal.gc.GarbageCollector.withRegisteredRoots(fx.store, java.time.Clock.offset(
        java.time.Clock.systemUTC(), Duration.ofDays(1))).collect(Duration.ZERO, false);
    assertEquals(1, report.collected(), "only the unreferenced object went");
    Path out = fx.registry.checkout("churn/1", dir.resolve("out.onnx"));
    assertEquals(fx.registry.resolve("churn/1").artifactSize(), Files.size(out), "the artifact is intact");
  }
  @Test
  void nanMetricsAndUnicodeTextSurviveTheRoundTrip() {
    fixture();
    ModelVersion v = fx.registry.register(ModelSpec.builder().model("churn")
        .artifact(fx.model("u.onnx", 0f), ModelFormat.ONNX).metric("auc", Double.NaN).metric("loss", 1e-300)
        .description("Kündigung 予測 \u2603").tag("owner", "Zoë").build());
    // A second registry reads the stored document, not the first one's cache.
    try (RegistryFixture other = new RegistryFixture(fx.store, dir)) {
      ModelVersion read = other.registry.resolve("churn/1");
      assertTrue(Double.isNaN(read.metrics().get("auc")));
      assertEquals(1e-300, read.metrics().get("loss"));
      assertEquals("Kündigung 予測 \u2603", read.description());
      assertEquals("Zoë", read.tags().get("owner"));
      assertEquals(v.signature(), read.signature());
    }
  }
}
