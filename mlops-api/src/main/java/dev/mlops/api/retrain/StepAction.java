package dev.mlops.api.retrain;

import java.util.Map;

/** The work of a pipeline step. It must be idempotent: after a crash it may run again. */
@FunctionalInterface
public interface StepAction {
  /**
   * Runs the step.
   *
   * @param context the run and the values available
   * @return the step's outputs (for example {@code dataset}, {@code run}, {@code model},
   *     {@code validation}), recorded with the step
   * @throws Exception if the step failed
   */
  Map<String, String> run(StepContext context) throws Exception;
}
