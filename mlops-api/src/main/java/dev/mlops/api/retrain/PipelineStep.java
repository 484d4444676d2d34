package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;

/**
 * One step of a {@link RetrainPipeline}.
 *
 * @param name the step's name, valid under {@link Names}
 * @param condition whether it runs
 * @param action what it does
 */
public record PipelineStep(String name, StepCondition condition, StepAction action) {
  /**
   * Creates the step.
   *
   * @param name the name
   * @param condition the condition
   * @param action the action
   */
  public PipelineStep {
    Names.requireValid("step", name);
    requireNonNull(condition, "condition");
    requireNonNull(action, "action");
  }
}
