package dev.mlops.api.retrain;

/** Decides whether a pipeline step runs; a step whose condition is false is recorded as skipped. */
@FunctionalInterface
public interface StepCondition {
  /** Always runs the step. */
  StepCondition ALWAYS = context -> true;

  /**
   * Tells whether the step runs.
   *
   * @param context the run and the values available
   * @return {@code true} to run the step
   */
  boolean test(StepContext context);
}
