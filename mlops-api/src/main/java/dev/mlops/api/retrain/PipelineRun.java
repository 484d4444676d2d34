package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A pipeline run's recorded state.
 *
 * @param pipeline the pipeline's name
 * @param runId the run's id
 * @param inputs the run's inputs
 * @param steps each step's record, in pipeline order
 * @param completed whether every step completed or was skipped
 */
public record PipelineRun(
    String pipeline, String runId, Map<String, String> inputs, List<StepRecord> steps,
    boolean completed) {
  /**
   * Creates the value; collections are copied.
   *
   * @param pipeline the pipeline
   * @param runId the run id
   * @param inputs the inputs
   * @param steps the steps
   * @param completed whether finished
   */
  public PipelineRun {
    requireNonNull(pipeline, "pipeline");
    requireNonNull(runId, "runId");
    inputs = Map.copyOf(inputs);
    steps = List.copyOf(steps);
  }
}
