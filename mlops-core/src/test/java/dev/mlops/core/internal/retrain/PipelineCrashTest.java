package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.retrain.PipelineRun;
import dev.mlops.api.retrain.StepRecord;
import dev.mlops.api.retrain.StepStatus;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.storage.fs.FileSystemObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline whose JVM is killed (SIGKILL) during training resumes and finishes without duplicates. */
class PipelineCrashTest {
  @TempDir Path storeDir;
  @TempDir Path work;

  @Test
  void killedDuringTrainingResumesFromTheLastCompletedStepWithOneOfEachOutput() throws Exception {
    Files.writeString(work.resolve("crash-in-train"), "");
    Process child = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "-Xmx128m", PipelineChild.class.getName(),
        storeDir.toString(), work.toString(), "run-7"))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(work.resolve("train-started"))) {
        assertTrue(child.isAlive(), "the child died before training started");
        assertTrue(System.nanoTime() < deadline, "the child did not reach training in 60 s");
        Thread.sleep(20);
      }
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks in the child
      child.waitFor(30, TimeUnit.SECONDS);
    }
    Files.delete(work.resolve("crash-in-train"));

    try (ObjectStore store = FileSystemObjectStore.open(storeDir)) {
      DefaultRetraining retraining = new DefaultRetraining(store, new SimpleMeterRegistry(), Clock.systemUTC());
      PipelineRun crashed = retraining.pipelineRun("retrain-churn", "run-7").orElseThrow();
      assertEquals(List.of(StepStatus.COMPLETED, StepStatus.STARTED, StepStatus.PENDING,
          StepStatus.PENDING, StepStatus.PENDING), statuses(crashed));
      assertFalse(crashed.completed());

      assertEquals(List.of(crashed), retraining.pipelineRuns("retrain-churn"),
          "a host starting after the crash finds the unfinished run");
      PipelineRun resumed = retraining.run(CrashPipeline.build(store, work), crashed.runId(),
          crashed.inputs());
      assertTrue(resumed.completed());
      assertEquals(List.of(StepStatus.COMPLETED, StepStatus.COMPLETED, StepStatus.COMPLETED,
          StepStatus.COMPLETED, StepStatus.COMPLETED), statuses(resumed));
      assertEquals(2, resumed.steps().get(1).attempts(), "training ran again after the kill");
      assertEquals(1, resumed.steps().get(0).attempts(), "data preparation did not");

      for (String step : List.of("prepare", "train", "validate", "register", "promote")) {
        try (Stream<ObjectInfo> outputs = store.list("test-outputs/" + step + "/")) {
          assertEquals(1, outputs.count(), "exactly one output of " + step);
        }
      }
      assertEquals(Map.of("prepare", 1L, "train", 2L, "validate", 1L, "register", 1L, "promote", 1L),
          Files.readAllLines(work.resolve("executions.log")).stream()
              .collect(Collectors.groupingBy(s -> s, Collectors.counting())));
      assertEquals("test-outputs/register/run-7", new String(
          store.get("refs/test/alias/champion").orElseThrow().bytes(), StandardCharsets.UTF_8));

      StepRecord register = resumed.steps().get(3);
      assertEquals("test-outputs/train/run-7", register.inputs().get("run"),
          "lineage: registration saw the training run");
      assertEquals("churn-7", register.inputs().get("trigger"));
      assertEquals(Map.of("model", "test-outputs/register/run-7"), register.outputs());

      PipelineRun again = retraining.run(CrashPipeline.build(store, work), "run-7",
          Map.of("trigger", "churn-7"));
      assertEquals(resumed, again, "a finished run runs nothing more");
      assertEquals(6, Files.readAllLines(work.resolve("executions.log")).size());
    }
  }

  private static List<StepStatus> statuses(PipelineRun run) {
    return run.steps().stream().map(StepRecord::status).toList();
  }
}
