package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ConflictException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.retrain.PipelineRun;
import dev.mlops.api.retrain.PipelineStepException;
import dev.mlops.api.retrain.RetrainPipeline;
import dev.mlops.api.retrain.StepStatus;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Steps run in order with conditions; a failed step is recorded and the run resumes there. */
class PipelineTest {
  private final DefaultRetraining retraining = new DefaultRetraining(InMemoryObjectStore.create(),
      new SimpleMeterRegistry(), Clock.systemUTC());
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private final AtomicBoolean validationFails = new AtomicBoolean();
  private final AtomicBoolean validationPasses = new AtomicBoolean(true);

  private RetrainPipeline pipeline() {
    return RetrainPipeline.builder("p")
        .step("prepare", c -> log(c.step(), Map.of("dataset", "d@" + c.value("source"))))
        .step("train", c -> log(c.step(), Map.of("run", "run-of-" + c.value("dataset"))))
        .step("validate", c -> {
          if (validationFails.get()) {
            throw new IllegalStateException("validator unavailable");
          }
          return log(c.step(), Map.of("passed", String.valueOf(validationPasses.get())));
        })
        .step("promote", c -> Boolean.parseBoolean(c.value("passed")), c -> log(c.step(), Map.of("alias", "champion")))
        .build();
  }

  private Map<String, String> log(String step, Map<String, String> outputs) {
    ran.add(step);
    return outputs;
  }

  @Test
  void aModelThatFailsValidationIsNeverPromoted() {
    validationPasses.set(false);
    PipelineRun run = retraining.run(pipeline(), "r1", Map.of("source", "s3"));
    assertTrue(run.completed());
    assertEquals(StepStatus.SKIPPED, run.steps().get(3).status());
    assertEquals(List.of("prepare", "train", "validate"), ran);
    assertEquals("run-of-d@s3", run.steps().get(2).inputs().get("run"));
  }

  @Test
  void aFailedStepIsRecordedAndTheRunResumesThereWithoutRepeatingEarlierSteps() {
    validationFails.set(true);
    PipelineStepException e = assertThrows(PipelineStepException.class,
        () -> retraining.run(pipeline(), "r2", Map.of("source", "s3")));
    assertTrue(e.getMessage().contains("'validate'") && e.getMessage().contains("resume"), e.getMessage());
    PipelineRun failed = retraining.pipelineRun("p", "r2").orElseThrow();
    assertEquals(StepStatus.FAILED, failed.steps().get(2).status());
    assertEquals("validator unavailable", failed.steps().get(2).error().orElseThrow());

    validationFails.set(false);
    PipelineRun resumed = retraining.run(pipeline(), "r2", Map.of("source", "s3"));
    assertTrue(resumed.completed());
    assertEquals(List.of("prepare", "train", "validate", "promote"), ran);
    assertEquals(2, resumed.steps().get(2).attempts());
  }

  @Test
  void resumingWithOtherInputsOrStepsIsAConflict() {
    retraining.run(pipeline(), "r3", Map.of("source", "s3"));
    assertThrows(ConflictException.class, () -> retraining.run(pipeline(), "r3", Map.of("source", "gcs")));
    RetrainPipeline other = RetrainPipeline.builder("p").step("only", c -> Map.of()).build();
    assertThrows(ConflictException.class, () -> retraining.run(other, "r3", Map.of("source", "s3")));
  }

  @Test
  void badNamesAreRefusedBeforeAnythingIsWritten() {
    assertThrows(InvalidNameException.class, () -> retraining.run(pipeline(), "../r", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> RetrainPipeline.builder("p")
        .step("a", c -> Map.of()).step("a", c -> Map.of()).build());
    assertTrue(retraining.pipelineRun("p", "r9").isEmpty());
  }
}
