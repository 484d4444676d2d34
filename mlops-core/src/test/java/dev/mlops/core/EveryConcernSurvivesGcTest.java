package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.testing.OnnxTestModels;
import dev.mlops.core.testing.StoreChecks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every concern writes to one file store ({@link EveryConcernWrites}); a collection with zero
 * grace runs; then a fresh SDK on the store reads everything back (checkouts, opened files, run
 * artifacts and metrics, model checkouts, loads and predictions, alias history, the validation
 * report, the drift profile, retrain decisions, requests and the pipeline run), byte for byte the
 * same as before the collection and as the sources, and the store verifies clean.
 */
class EveryConcernSurvivesGcTest {
  @TempDir Path dir;

  @Test
  @DisplayName("every concern writes, GC with zero grace runs, and everything reads back byte for"
      + " byte")
  void everythingReadsBackAfterACollectionWithZeroGrace() throws Exception {
    Path store = dir.resolve("store");
    EveryConcernWrites writes = new EveryConcernWrites();
    Map<String, Object> before;
    GcReport report;
    try (MlOps mlops = MlOps.local(store)) {
      writes.write(mlops, Files.createDirectories(dir.resolve("sources")));
      before = readEverything(mlops, writes, dir.resolve("before"));
      report = mlops.inspector().gc(Duration.ZERO, false);
    }
    try (MlOps mlops = MlOps.local(store)) { // nothing cached from before the collection
      Map<String, Object> after = readEverything(mlops, writes, dir.resolve("after"));
      assertEquals(before.keySet(), after.keySet());
      long bytes = 0;
      for (Map.Entry<String, Object> read : before.entrySet()) {
        Object again = after.get(read.getKey());
        if (read.getValue() instanceof byte[] b) {
          assertArrayEquals(b, (byte[]) again, read.getKey());
          bytes += b.length;
        } else {
          assertEquals(read.getValue(), again, read.getKey());
        }
      }
      assertEquals(List.of(), StoreChecks.problems(mlops));
      VerifyReport verify = mlops.inspector().verify();
      assertTrue(verify.ok(), verify.toString());
      assertTrue(report.collected() >= 1, "the profile saved over was collected: " + report);
      System.out.printf("every concern, then gc with zero grace (%d objects and %d records"
          + " collected, %d reachable kept): %d reads (%d bytes) identical before and after,"
          + " verify checked %d objects, 0 corrupt%n", report.collected(), report.refs(),
          report.reachable(), before.size(), bytes, verify.objects());
    }
  }

  /** Reads everything the writes made, keyed by what was read; sources are checked on the way. */
  private static Map<String, Object> readEverything(MlOps mlops, EveryConcernWrites writes,
      Path out) throws Exception {
    Map<String, Object> read = new LinkedHashMap<>();
    for (String ref : List.of("weather", "weather@v1", "hot")) {
      Path target = out.resolve(ref.replace('@', '-'));
      mlops.datasets().checkout(ref, target);
      for (DatasetFile file : mlops.datasets().resolve(ref).files()) {
        read.put("checkout " + ref + " " + file.path(),
            Files.readAllBytes(target.resolve(file.path())));
        read.put("open " + ref + " " + file.path(), bytes(mlops.datasets().open(ref, file.path())));
      }
      try (Stream<DatasetVersion> history = mlops.datasets().history(ref)) {
        read.put("history " + ref, history.toList());
      }
    }
    assertArrayEquals(writes.sources.get("raw-v2.bin"), (byte[]) read.get("open weather raw.bin"));
    assertArrayEquals(writes.sources.get("raw.bin"), (byte[]) read.get("open weather@v1 raw.bin"));
    assertArrayEquals(writes.sources.get("README.txt"), (byte[]) read.get("open hot README.txt"));

    for (String artifact : List.of("model.onnx", "notes.txt")) {
      read.put("artifact " + artifact,
          bytes(mlops.experiments().openArtifact(writes.runId, artifact)));
    }
    MetricHistory loss = mlops.experiments().history(writes.runId, "loss");
    ByteBuffer points = ByteBuffer.allocate(loss.size() * 16);
    for (int i = 0; i < loss.size(); i++) {
      points.putLong(loss.step(i)).putDouble(loss.value(i));
    }
    read.put("metric loss", points.array());
    read.put("run", mlops.experiments().run(writes.runId).orElseThrow());
    assertArrayEquals(writes.sources.get("model-1.onnx"), (byte[]) read.get("artifact model.onnx"));

    for (int version = 1; version <= 2; version++) {
      Path file = mlops.models().checkout("churn/" + version,
          out.resolve("churn-" + version + ".onnx"));
      read.put("model checkout churn/" + version, Files.readAllBytes(file));
      assertArrayEquals(writes.sources.get("churn-" + version + ".onnx"), Files.readAllBytes(file));
    }
    try (ModelHandle handle = mlops.models().load("churn@production")) {
      float[] p = handle.predict(Tensor.ofFloats(new float[][] {EveryConcernWrites.ROW})).first()
          .floatRows()[0];
      assertArrayEquals(OnnxTestModels.expected(EveryConcernWrites.WEIGHTS,
          EveryConcernWrites.BIAS_2, EveryConcernWrites.ROW), p, 1e-6f);
      read.put("prediction churn@production",
          ByteBuffer.allocate(8).putFloat(p[0]).putFloat(p[1]).array());
    }
    read.put("alias history", mlops.models().aliasHistory("churn", "production"));
    read.put("versions", mlops.models().versions("churn"));

    read.put("report", mlops.validator().report(writes.reportId));
    read.put("reports for churn/2", mlops.validator().reportsFor("churn/2"));
    assertEquals(List.of(writes.reportId), read.get("reports for churn/2"));

    read.put("profile", mlops.drift().loadProfile("weather-ref").toBytes());
    assertArrayEquals(writes.profile, (byte[]) read.get("profile"));

    read.put("decisions", mlops.retraining().decisions("weather", Instant.MIN, Instant.MAX));
    read.put("requests", mlops.retraining().requests());
    read.put("pipeline run",
        mlops.retraining().pipelineRun("retrain-weather", "run-1").orElseThrow());
    assertEquals(3, ((List<?>) read.get("decisions")).size());
    assertEquals(1, ((List<?>) read.get("requests")).size(), "the fire asked for approval");
    return read;
  }

  private static byte[] bytes(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
