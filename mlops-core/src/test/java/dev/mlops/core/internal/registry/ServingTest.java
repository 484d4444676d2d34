package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.registry.InvalidModelException;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.Prediction;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.internal.onnx.SharedSession;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.Eventually;
import dev.mlops.core.testing.OnnxTestModels;
import dev.mlops.storage.fs.FileSystemObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingTest {
  static final float[] ROW = {1f, 2f, 3f};

  @TempDir Path dir;
  RegistryFixture fx;
  int sessionsBefore = SharedSession.openSessions();

  @AfterEach
  void close() {
    if (fx != null) {
      fx.close();
    }
    assertEquals(sessionsBefore, SharedSession.openSessions(), "every session is closed in the end");
  }

  static float[] expected(float shift, float[] row) {
    float[] bias = {RegistryFixture.BIAS[0] + shift, RegistryFixture.BIAS[1] - shift};
    return OnnxTestModels.expected(RegistryFixture.WEIGHTS, bias, row);
  }

  @Test
  void aLoadedVersionPredictsWhatItsWeightsGive() {
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir);
    fx.register("churn", 0.5f);
    try (ModelHandle handle = fx.registry.load("churn/1")) {
      Prediction p = handle.predict(Tensor.ofFloats(new float[][] {ROW, {0f, 0f, 0f}}));
      assertEquals(1, p.version().version());
      float[][] rows = p.output("probabilities").floatRows();
      assertArrayEquals(expected(0.5f, ROW), rows[0], 1e-6f);
      assertArrayEquals(expected(0.5f, new float[3]), rows[1], 1e-6f);
    }
  }

  @Test
  void arrowColumnsAreAcceptedAsFeatures() {
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir);
    fx.register("churn", 0f);
    try (BufferAllocator allocator = new RootAllocator();
        Float8Vector a = new Float8Vector("a", allocator);
        IntVector b = new IntVector("b", allocator);
        Float8Vector c = new Float8Vector("c", allocator);
        ModelHandle handle = fx.registry.load("churn/1")) {
      a.allocateNew(1);
      b.allocateNew(1);
      c.allocateNew(1);
      a.set(0, 1.0);
      b.set(0, 2);
      c.set(0, 3.0);
      a.setValueCount(1);
      b.setValueCount(1);
      c.setValueCount(1);
      float[] out = handle.predict(Tensor.fromArrowColumns(List.of(a, b, c))).first().floatRows()[0];
      assertArrayEquals(expected(0f, ROW), out, 1e-6f);
    }
  }

  @Test
  void inputsThatDoNotMatchNameWhatTheModelExpects() {
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir);
    fx.register("churn", 0f);
    try (ModelHandle handle = fx.registry.load("churn/1")) {
      var width = assertThrows(InvalidModelException.class,
          () -> handle.predict(Tensor.ofFloats(new float[][] {{1f, 2f}})));
      assertTrue(width.getMessage().contains("'features'") && width.getMessage().contains("FLOAT [-1, 3]"),
          width.getMessage());
      var type = assertThrows(InvalidModelException.class,
          () -> handle.predict(Tensor.ofLongs(new long[] {1, 2, 3}, 1, 3)));
      assertTrue(type.getMessage().contains("got INT64"), type.getMessage());
      var name = assertThrows(InvalidModelException.class,
          () -> handle.predict(Map.of("x", Tensor.ofFloats(new float[][] {ROW}))));
      assertTrue(name.getMessage().contains("'features'"), name.getMessage());
    }
  }

  @Test
  void aBitFlippedArtifactIsRefusedAtLoad() throws Exception {
    Path storeDir = dir.resolve("store");
    fx = new RegistryFixture(FileSystemObjectStore.open(storeDir), dir);
    fx.register("churn", 0f);
    Path artifact;
    try (Stream<Path> files = Files.walk(storeDir.resolve("objects+"))) {
      artifact = files.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(artifact);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(artifact, bytes);
    var e = assertThrows(IntegrityException.class, () -> fx.registry.load("churn/1"));
    assertTrue(e.getMessage().contains("churn/1"), e.getMessage());
  }

  @Test
  void onlyOnnxVersionsCanBeServed() throws Exception {
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir);
    Path file = Files.writeString(dir.resolve("model.pkl"), "pickle");
    fx.registry.register(ModelSpec.builder().model("py").artifact(file, ModelFormat.OTHER).build());
    assertThrows(InvalidModelException.class, () -> fx.registry.load("py/1"));
  }

  @Test
  void aClosedHandleRefusesToPredict() {
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir);
    fx.register("churn", 0f);
    ModelHandle handle = fx.registry.load("churn/1");
    handle.close();
    handle.close();
    assertThrows(IllegalStateException.class, () -> handle.predict(Tensor.ofFloats(new float[][] {ROW})));
  }

  @Test
  void aHandleFollowsMovesMadeByAnotherProcessByPolling() throws Exception {
    Path storeDir = dir.resolve("store");
    fx = new RegistryFixture(FileSystemObjectStore.open(storeDir), dir);
    fx.register("churn", 0f);
    fx.register("churn", 1f);
    fx.moveAlias("churn", "production", 1);
    try (RegistryFixture other = new RegistryFixture(FileSystemObjectStore.open(storeDir), dir);
        ModelHandle handle = fx.registry.load("churn@production")) {
      other.moveAlias("churn", "production", 2);
      Eventually.await("the poll (every 50 ms here) saw the other process's move",
          () -> handle.predict(Tensor.ofFloats(new float[][] {ROW})).version().version() == 2);
    }
  }

  @Test
  void aPollThatReadTheStoreBeforeAnInProcessMoveDoesNotSwapBack() {
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir);
    fx.register("churn", 0f);
    fx.register("churn", 1f);
    fx.moveAlias("churn", "production", 1);
    try (ModelHandle handle = fx.registry.load("churn@production")) {
      // What a poll started now would carry: version 1 at the current history position.
      ServingHandle.Target stale = fx.registry.resolveQuietly(Reference.parse("churn@production")).orElseThrow();
      fx.moveAlias("churn", "production", 2);
      assertEquals(2, handle.version().version(), "the in-process move swapped the handle at once");

      ((ServingHandle) handle).swapTo(stale); // the poll finishes after the move
      assertEquals(2, handle.version().version(), "older news does not swap the handle back");
      assertEquals(2, handle.predict(Tensor.ofFloats(new float[][] {ROW})).version().version());
    }
  }

  @Test
  void twoHandlesOnOneVersionShareOneSession() {
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir);
    fx.register("churn", 0f);
    try (ModelHandle a = fx.registry.load("churn/1"); ModelHandle b = fx.registry.load("churn@1")) {
      assertEquals(sessionsBefore + 1, SharedSession.openSessions());
      assertEquals(a.version(), b.version());
    }
  }
}
